import { formatExample, refLine } from '../answer.js';
import type { Reach, ReachEntry } from '../reach.js';
import { pathText } from './answer-text.js';

const VERDICT: Record<ReachEntry['verdict'], string> = {
  allow: '',
  partial: ' (partial: not from every source to every destination)',
  'same-segment': ' (same segment, not filtered)',
  unrouted: ' (unrouted: crosses no enforcement point of this policy)',
};

/** `infusion-pumps-4e can reach (any service):` then one block per destination group, zone or external. */
export function formatReachText(r: Reach): string {
  const service = r.service ?? 'any service';
  const head = r.from !== null ? `${r.from} can reach (${service}):` : `can reach ${r.to} (${service}):`;
  if (r.reach.length === 0) return `${head}\n  nothing\n`;
  const lines = [head];
  for (const e of r.reach) {
    lines.push(`  ${e.name} (${kindText(e)}): ${e.services}${VERDICT[e.verdict]}`);
    for (const d of e.decidedBy) lines.push(`    by flow ${d.id} (${refLine(d)}): ${d.services}`);
    lines.push(`    example ${formatExample(e.example)}`);
    lines.push(`    path: ${pathText(e.path)}`);
  }
  return `${lines.join('\n')}\n`;
}

function kindText(e: ReachEntry): string {
  if (e.kind === 'group') return `group in ${e.zone}`;
  if (e.kind === 'zone') return 'zone, outside its groups';
  return 'in no zone';
}
