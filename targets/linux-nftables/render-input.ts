import type { FirewallProgram, FirewallZone, GatewayRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { commentLine, identifier, logPrefix } from './escape.js';
import { serviceExpressions } from './render-service.js';

const INDENT = '\t\t';

/**
 * The name of a zone's interface on this router: the policy's `interface:`, else `vlan<ID>` (the usual name of a
 * VLAN device, `ip link add link eth0 name vlan140 type vlan id 140`). Undefined for a zone with neither (WL707).
 * A trailing `*` matches a prefix, as nft's iifname does.
 */
export function interfaceOf(zone: FirewallZone): string | undefined {
  return zone.interface ?? (zone.vlan === undefined ? undefined : `vlan${zone.vlan}`);
}

/** Interface names are checked by the schema; this only refuses what could leave the quotes, as a compiler bug. */
function ifname(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_./:-]{0,14}\*?$/.test(name)) throw new Error(`linux-nftables: unsafe interface name ${JSON.stringify(name)} in the IR`);
  return `"${name}"`;
}

/**
 * The router's own input from its zones' links (docs/infrastructure.md): what each zone's infrastructure asks of the
 * router, then a logged drop of everything else a zone's link sends the router's addresses or link-scope addresses.
 * Traffic on other interfaces (management) and replies to the router's own connections are left alone.
 */
export function renderInputChain(program: FirewallProgram): string[] {
  const zones = new Map(program.zones.map((z) => [z.name, z]));
  const lines = [
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy accept;',
    '',
    "\t\t# Only what the zones' links send this router itself; other interfaces and the router's own connections pass.",
    '\t\tct state established,related accept',
  ];
  for (const rule of program.gateway) lines.push('', ...renderGatewayRule(rule, interfaceOf(zones.get(rule.zone)!)!));
  lines.push('\t}');
  return lines;
}

function renderGatewayRule(rule: GatewayRule, iface: string): string[] {
  const ip = rule.family === 4 ? 'ip' : 'ip6';
  const verdict = rule.action === 'permit' ? 'accept' : 'drop';
  const address = [`iifname ${ifname(iface)}`, rule.src === 'any' ? `meta nfproto ${rule.family === 4 ? 'ipv4' : 'ipv6'}` : `${ip} saddr @${identifier(rule.src)}`];
  if (rule.dst !== 'any') address.push(`${ip} daddr @${identifier(rule.dst)}`);
  const log = rule.log ? ` log prefix ${logPrefix(`wardline ${verdict} ${rule.zone} to router: `)}` : '';
  const out = [`${INDENT}# ${commentLine(`${rule.zone} link: ${provenanceText(rule.provenance)}`)}`];
  for (const service of rule.services) {
    for (const proto of serviceExpressions(service)) out.push(`${INDENT}${[...address, proto, `counter${log} ${verdict}`].filter(Boolean).join(' ')}`);
  }
  return out;
}
