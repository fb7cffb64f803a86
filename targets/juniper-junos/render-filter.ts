import type { AclLine, AclList } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { commentText, identifier } from './escape.js';
import { matchSets } from './match.js';

export const NAME_MAX = 64;
export const COMMENT_MAX = 200;

const KIND: Record<AclLine['provenance']['kind'], string> = {
  flow: 'flow',
  guardrail: 'guardrail',
  exception: 'exception',
  return: 'return',
  default: 'default-deny',
  segment: 'segment',
  infrastructure: 'infra',
  isolation: 'isolation',
  monitor: 'monitor',
};

/** One firewall filter as set commands, replacing any earlier filter of the same name. */
export function renderFilter(list: AclList): string[] {
  const family = list.family === 4 ? 'inet' : 'inet6';
  const base = `set firewall family ${family} filter ${list.name}`;
  const toward = list.direction === 'in' ? 'traffic from' : 'traffic towards';
  const out = [
    `# filter ${list.name}: ${toward} zone ${list.zone} (IPv${list.family}), first match wins`,
    `delete firewall family ${family} filter ${list.name}`,
  ];
  list.lines.forEach((line, i) => {
    const sets = matchSets(line);
    sets.forEach((from, k) => {
      const term = termName(i, sets.length > 1 ? k + 1 : 0, line);
      out.push(`# ${commentText(`${term}: ${provenanceText(line.provenance)}${replyNote(line)}`, COMMENT_MAX)}`);
      const conditions = [...addressMatch(line), ...from];
      for (const c of conditions) out.push(`${base} term ${term} from ${c}`);
      if (line.log) out.push(`${base} term ${term} then count ${term}`, `${base} term ${term} then syslog`);
      out.push(`${base} term ${term} then ${line.action === 'permit' ? 'accept' : 'discard'}`);
    });
  });
  return out;
}

/** `t0010-return-vendor-pump-support`: ordered, unique by its number, readable in counters and logs. */
export function termName(index: number, part: number, line: AclLine): string {
  const seq = `t${String((index + 1) * 10).padStart(4, '0')}${part ? `-${part}` : ''}`;
  const id = line.provenance.id ? `-${line.provenance.id}` : '';
  // A monitor-mode term carries its marker (what would have denied), as its counter does.
  const kind = line.provenance.monitor && line.provenance.kind !== 'return' ? line.provenance.monitor : KIND[line.provenance.kind];
  return identifier(`${seq}-${kind}${id}`, NAME_MAX);
}

function addressMatch(line: AclLine): string[] {
  const out: string[] = [];
  if (line.src !== 'any') out.push(`source-prefix-list ${line.src}`);
  if (line.dst !== 'any') out.push(`destination-prefix-list ${line.dst}`);
  return out;
}

function replyNote(line: AclLine): string {
  switch (line.reply?.kind) {
    case 'tcp-established':
      return '; TCP replies (ACK or RST set)';
    case 'mirrored-ports':
      return '; replies by mirrored source ports, weaker than state';
    case 'icmp-echo-reply':
      return '; echo replies';
    case 'reverse-protocol':
      return '; replies, whole protocol reversed';
    default:
      return '';
  }
}
