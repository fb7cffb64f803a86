import type { FirewallRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { COMMENT_MAX_BYTES, commentLine, identifier, logPrefix, quoted } from './escape.js';
import type { AddressLists } from './render-addresses.js';
import { serviceArguments } from './render-service.js';

/** What the engineer reads above the rule: its name, zones, intent and the address objects it spells inline. */
function header(rule: FirewallRule): string[] {
  const zones = `${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}`;
  return [
    `# ${identifier(rule.name)} (${commentLine(zones)}): ${commentLine(provenanceText(rule.provenance))}`,
    `#   ${rule.src.map(identifier).join(',')} -> ${rule.dst.map(identifier).join(',')}`,
  ];
}

/**
 * One IR rule as `-A FORWARD` lines: one per source list, destination list and protocol argument set; a logged
 * rule gets a LOG line before each verdict line, with the same match.
 */
export function renderRule(rule: FirewallRule, lists: AddressLists): string[] {
  const verdict = rule.action === 'permit' ? 'ACCEPT' : 'DROP';
  const comment = `-m comment --comment ${quoted(rule.description, COMMENT_MAX_BYTES)}`;
  const lines = header(rule);
  for (const src of lists(rule.src)) {
    for (const dst of lists(rule.dst)) {
      for (const service of rule.services) {
        for (const proto of serviceArguments(service, rule.family)) {
          const match = ['-A FORWARD', src && `-s ${src}`, dst && `-d ${dst}`, proto, comment].filter(Boolean).join(' ');
          if (rule.log) lines.push(`${match} -j LOG --log-prefix ${logPrefix(rule.action, rule.name, rule.provenance.monitor)}`);
          lines.push(`${match} -j ${verdict}`);
        }
      }
    }
  }
  return lines;
}
