import type { FirewallRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { COMMENT_MAX_BYTES, commentLine, identifier, logPrefix, quoted } from './escape.js';
import { serviceExpressions } from './render-service.js';

const INDENT = '\t\t';

/** The address part for one source/destination pair; a family guard when neither side names a set. */
function addressExpression(rule: FirewallRule, src: string, dst: string): string {
  const ip = rule.family === 4 ? 'ip' : 'ip6';
  const parts: string[] = [];
  if (src !== 'any') parts.push(`${ip} saddr @${identifier(src)}`);
  if (dst !== 'any') parts.push(`${ip} daddr @${identifier(dst)}`);
  return parts.length ? parts.join(' ') : `meta nfproto ${rule.family === 4 ? 'ipv4' : 'ipv6'}`;
}

/** A list of names where `any` swallows the rest; an empty list matches nothing, so makes no rule. */
const names = (list: string[]) => (list.includes('any') ? ['any'] : list);

/** What the engineer reads above the rule: its name, zones and intent. */
function header(rule: FirewallRule): string {
  const zones = `${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}`;
  return `${INDENT}# ${identifier(rule.name)} (${commentLine(zones)}): ${commentLine(provenanceText(rule.provenance))}`;
}

/** One IR rule as nft rules: one per source set, destination set and protocol, sharing verdict and comment. */
export function renderRule(rule: FirewallRule): string[] {
  const verdict = rule.action === 'permit' ? 'accept' : 'drop';
  // A monitor-mode rule logs its marker first, so a log reader (wardline observe) finds what would have denied it.
  const monitor = rule.provenance.monitor;
  const prefix = monitor ? `${monitor} ${identifier(rule.name).replace(`${monitor}-`, '')}: ` : `wardline ${verdict} ${identifier(rule.name)}: `;
  const log = rule.log ? ` log prefix ${logPrefix(prefix)}` : '';
  const tail = `counter${log} ${verdict} comment ${quoted(rule.description, COMMENT_MAX_BYTES)}`;
  const lines = [header(rule)];
  for (const src of names(rule.src)) {
    for (const dst of names(rule.dst)) {
      const address = addressExpression(rule, src, dst);
      for (const service of rule.services) {
        for (const proto of serviceExpressions(service)) {
          lines.push(`${INDENT}${[address, proto, tail].filter(Boolean).join(' ')}`);
        }
      }
    }
  }
  return lines;
}
