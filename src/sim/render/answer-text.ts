import { formatExample, refLine, type Answer, type DeciderRef, type Hop, type Part } from '../answer.js';

/** Text output shows this many paths of a part; JSON shows them all. */
const MAX_PATHS = 4;

const PART_TITLE: Record<Part['verdict'], string> = {
  allow: 'allowed',
  monitored: 'would deny, monitored (passed and logged)',
  deny: 'denied',
  'same-segment': 'same segment, not filtered',
  unrouted: 'unrouted',
};

/** `pump-server → infusion-pumps-4e (https): DENY`, then each part with its deciders, an example and the path. */
export function formatAnswerText(a: Answer): string {
  const lines = [`${a.from} → ${a.to} (${a.service ?? 'any service'}): ${a.verdict.toUpperCase()}`];
  for (const part of a.parts) lines.push(...partLines(part, '  ', a.parts.length > 1));
  if (a.replies) {
    const flows = a.replies.decidedBy.map((d) => `flow ${d.id}, ${refLine(d)}`).join('; ');
    lines.push(`  replies: allowed as return traffic of connections ${a.to} → ${a.from} (${flows})`);
  }
  for (const e of a.expired) {
    lines.push(`  expired flow ${e.id} (${e.file}:${e.line}) would have allowed this until ${e.expires}`);
  }
  for (const note of a.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** One part: its services, (when asked) which addresses, the deciders, an example and the paths. */
export function partLines(part: Part, indent: string, withAddresses: boolean): string[] {
  const lines = [`${indent}${PART_TITLE[part.verdict]}: ${part.services}`];
  if (withAddresses) lines.push(`${indent}  from ${part.sources}`, `${indent}  to   ${part.destinations}`);
  for (const d of part.decidedBy) lines.push(`${indent}  ${deciderText(d)}`);
  lines.push(`${indent}  example ${formatExample(part.example)}`);
  for (const hops of part.paths.slice(0, MAX_PATHS)) lines.push(`${indent}  path: ${pathText(hops)}`);
  const more = part.paths.length - MAX_PATHS;
  if (more > 0) lines.push(`${indent}  … and ${more} more path${more === 1 ? '' : 's'} (--format json lists them all)`);
  return lines;
}

export function deciderText(d: DeciderRef): string {
  switch (d.kind) {
    case 'flow':
      return `by flow ${d.id} (${refLine(d)}): ${d.services}`;
    case 'guardrail':
      return d.monitor
        ? `by guardrail ${d.id} (${refLine(d)}), in monitor mode, logged as ${d.monitor}: ${d.services}`
        : `by guardrail ${d.id} (${refLine(d)}): ${d.services}`;
    case 'infrastructure':
      return `by infrastructure ${d.id} of zone ${d.zone} (${refLine(d)}): ${d.services}`;
    case 'isolation':
      return `by port isolation of zone ${d.id} (${refLine(d)}): ${d.services}`;
    case 'default':
      if (d.monitor) return `by default (no live flow allows it), zone ${d.zone} in monitor mode (${refLine(d)}), logged as ${d.monitor}: ${d.services}`;
      // A default with a zone is its gateway's: it answers its link nothing but its infrastructure.
      return d.zone === undefined ? `by default (no live flow allows it): ${d.services}` : `by default (the gateway of zone ${d.zone} answers nothing else): ${d.services}`;
  }
}

/** `ward4-sw (cisco-ios) in from ward4e-devices, then dc-fw (paloalto-panos) out towards dc-servers` */
export function pathText(hops: readonly Hop[]): string {
  if (hops.length === 0) return 'no enforcement point';
  return hops
    .map((h) => `${h.point} (${h.platform}) ${h.direction} ${h.direction === 'in' ? 'from' : 'towards'} ${h.zone}`)
    .join(', then ');
}
