import type { ZoneInterface } from '../../src/compile/ir.js';
import { cliName } from './escape.js';
import { parsePrefix, subnetMask } from './prefix.js';

/** `host A`, or `A WILDCARD` for IPv4 and `X/len` for IPv6, as extended access entries take addresses. */
function address(text: string, family: 4 | 6): string {
  const { address: a, length } = parsePrefix(text, family);
  if (length === (family === 4 ? 32 : 128)) return `host ${a}`;
  if (family === 6) return `${a}/${length}`;
  const wildcard = subnetMask(length).split('.').map((o) => 255 - Number(o)).join('.');
  return `${a} ${wildcard}`;
}

/**
 * Port isolation as a VLAN access map (VACL) on the zone's VLAN: its lists match IP between the zone's hosts, the
 * map drops what they match and forwards the rest. In a VLAN map a list's `deny` means "no match, next entry":
 * the gateway and IPv6 neighbour discovery are denied in the lists so that they are forwarded.
 */
export function renderIsolation(iface: ZoneInterface): string[] {
  const iso = iface.isolation;
  if (!iso || iface.vlan === undefined) return [];
  const map = cliName(iso.name);
  const out = [
    `! zone ${cliName(iface.zone)}: port isolation. The VLAN map drops IP between the zone's hosts that this switch`,
    '! switches (the gateway stays reachable). Hosts that meet on a downstream access switch never reach it:',
    '! isolate their ports there too (switchport protected or a private VLAN).',
  ];
  for (const f of iso.families) {
    const ip = f.family === 4 ? 'ip' : 'ipv6';
    out.push(f.family === 4 ? `ip access-list extended ${cliName(f.list)}` : `ipv6 access-list ${cliName(f.list)}`);
    if (f.family === 6) out.push(' deny icmp any any nd-ns', ' deny icmp any any nd-na');
    for (const g of f.gateways) out.push(` deny ${ip} ${address(g, f.family)} any`, ` deny ${ip} any ${address(g, f.family)}`);
    for (const src of f.hosts) for (const dst of f.hosts) out.push(` permit ${ip} ${address(src, f.family)} ${address(dst, f.family)}`);
  }
  let seq = 0;
  for (const f of iso.families) {
    out.push(`vlan access-map ${map} ${(seq += 10)}`, ` match ${f.family === 4 ? 'ip' : 'ipv6'} address ${cliName(f.list)}`, ' action drop');
  }
  out.push(`vlan access-map ${map} ${(seq += 10)}`, ' action forward', `vlan filter ${map} vlan-list ${iface.vlan}`);
  return out;
}
