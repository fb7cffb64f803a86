import type { AclLine, AclList } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { aceBodies } from './ace.js';
import { lineText } from './escape.js';

export const COMMENT_MAX = 100;

/** One ACL: every ACE numbered in steps of 10 and carrying its provenance as the ACE's comment. */
export function renderAcl(list: AclList): string[] {
  const out = [
    `! ${list.name}: ${list.direction === 'in' ? 'traffic from' : 'traffic towards'} zone ${list.zone}, first match wins`,
    `access-list ${list.family === 4 ? 'ip' : 'ipv6'} ${list.name}`,
  ];
  let seq = 0;
  for (const line of list.lines) {
    const comment = lineText(provenanceText(line.provenance) + replyNote(line), COMMENT_MAX);
    for (const body of aceBodies(line)) {
      seq += 10;
      out.push(`    ${seq} comment ${comment}`, `    ${seq} ${body}`);
    }
  }
  return out;
}

function replyNote(line: AclLine): string {
  switch (line.reply?.kind) {
    case 'tcp-established':
      return '; TCP replies';
    case 'mirrored-ports':
      return '; mirrored source ports, weaker than state';
    case 'icmp-echo-reply':
      return '; echo replies';
    case 'reverse-protocol':
      return '; replies';
    default:
      return '';
  }
}
