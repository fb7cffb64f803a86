import { formatExample } from '../answer.js';
import type { Reach, ReachEntry } from '../reach.js';
import { deciderText, pathText } from './answer-text.js';

const VERDICT: Record<ReachEntry['verdict'], string> = {
  allow: '',
  partial: ' (partial: not from every source to every destination)',
  'same-segment': ' (same segment, not filtered)',
  unrouted: ' (unrouted: crosses no enforcement point of this policy)',
  monitored: ' (monitor mode passes it: denied once enforced)',
};

/** `infusion-pumps-4e can reach (any service):` then one block per destination group, zone or external. */
export function formatReachText(r: Reach): string {
  const service = r.service ?? 'any service';
  const head = r.from !== null ? `${r.from} can reach (${service}):` : `can reach ${r.to} (${service}):`;
  const lines = [head];
  if (r.reach.length === 0) lines.push('  nothing');
  for (const e of r.reach) lines.push(...entryLines(e));
  if (r.monitored.length > 0) {
    lines.push(r.from !== null ? 'and passed by monitor mode, logged (would be denied once enforced):' : 'and passed by monitor mode, logged, from (would be denied once enforced):');
    for (const e of r.monitored) lines.push(...entryLines(e));
  }
  return `${lines.join('\n')}\n`;
}

function entryLines(e: ReachEntry): string[] {
  const lines = [`  ${e.name} (${kindText(e)}): ${e.services}${VERDICT[e.verdict]}`];
  for (const d of e.decidedBy) lines.push(`    ${deciderText(d)}`);
  lines.push(`    example ${formatExample(e.example)}`);
  lines.push(`    path: ${pathText(e.path)}`);
  return lines;
}

function kindText(e: ReachEntry): string {
  if (e.kind === 'group') return `group in ${e.zone}`;
  if (e.kind === 'zone') return 'zone, outside its groups';
  return 'in no zone';
}
