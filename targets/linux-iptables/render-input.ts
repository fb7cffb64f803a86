import type { Family, FirewallProgram, FirewallZone, GatewayRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { commentLine } from './escape.js';
import type { AddressLists } from './render-addresses.js';
import { serviceArguments } from './render-service.js';

/** The chain wardline owns for what the zones' links send the router itself; INPUT jumps to it (once, by hand). */
export const INPUT_CHAIN = 'wardline-input';

/** The zone's interface: the policy's `interface:`, else `vlan<ID>`; a trailing `*` becomes iptables' `+` (a prefix). */
export function interfaceOf(zone: FirewallZone): string {
  const name = zone.interface ?? (zone.vlan === undefined ? undefined : `vlan${zone.vlan}`);
  if (name === undefined || !/^[A-Za-z][A-Za-z0-9_./:-]{0,14}\*?$/.test(name)) {
    throw new Error(`linux-iptables: zone ${zone.name} has no interface name the router takes (check reports WL707)`);
  }
  return name.replace(/\*$/, '+');
}

/**
 * What each zone's link may send the router itself (docs/infrastructure.md), in the chain wardline owns: replies to
 * the router's own connections return to INPUT, then each zone's infrastructure is accepted and the rest of what its
 * link sends the router's addresses or link-scope addresses is logged and dropped. Everything else returns to INPUT.
 */
export function renderInputChain(program: FirewallProgram, family: Family, lists: AddressLists): string[] {
  const rules = program.gateway.filter((r) => r.family === family);
  if (rules.length === 0) return [];
  const zones = new Map(program.zones.map((z) => [z.name, z]));
  const lines = [
    '',
    `# What the zones' links send this router itself. Hook it into INPUT once: \`iptables -I INPUT -j ${INPUT_CHAIN}\`.`,
    `:${INPUT_CHAIN} - [0:0]`,
    `-F ${INPUT_CHAIN}`,
    `-A ${INPUT_CHAIN} -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN`,
  ];
  for (const rule of rules) lines.push(...renderGatewayRule(rule, interfaceOf(zones.get(rule.zone)!), lists));
  return lines;
}

function renderGatewayRule(rule: GatewayRule, iface: string, lists: AddressLists): string[] {
  const out = [`# ${commentLine(`${rule.zone} link: ${provenanceText(rule.provenance)}`)}`];
  for (const src of lists([rule.src])) {
    for (const dst of lists([rule.dst])) {
      for (const service of rule.services) {
        for (const proto of serviceArguments(service, rule.family)) {
          const match = [`-A ${INPUT_CHAIN} -i ${iface}`, src && `-s ${src}`, dst && `-d ${dst}`, proto].filter(Boolean).join(' ');
          // The LOG target keeps 29 characters: `wl D ` and the zone's name (names are [A-Za-z0-9_.-]), cut to 23.
          if (rule.log) out.push(`${match} -j LOG --log-prefix "wl D ${rule.zone.slice(0, 23)} "`);
          out.push(`${match} -j ${rule.action === 'permit' ? 'ACCEPT' : 'DROP'}`);
        }
      }
    }
  }
  return out;
}
