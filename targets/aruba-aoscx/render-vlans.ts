import type { AddressObject, ZoneInterface } from '../../src/compile/ir.js';
import { lineText } from './escape.js';
import { COMMENT_MAX } from './render-acl.js';
import { isolationBindings } from './render-isolation.js';

/** An address from the IR, checked before it is spelled (the IR only ever gives canonical addresses). */
function hostAddress(text: string, family: 4 | 6): string {
  const ok = family === 4 ? /^\d{1,3}(\.\d{1,3}){3}$/.test(text) : /^[0-9a-f:]*:[0-9a-f:]*$/i.test(text);
  if (!ok) throw new Error(`aruba-aoscx: not an IPv${family} address: ${JSON.stringify(text)}`);
  return text;
}

/** Address object groups, entries numbered in steps of 10. */
export function renderObjectGroups(objects: AddressObject[]): string[] {
  return objects.flatMap((o) => [
    `object-group ${o.family === 4 ? 'ip' : 'ipv6'} address ${o.name}`,
    ...o.prefixes.map((p, i) => `    ${(i + 1) * 10} ${p}`),
  ]);
}

/** The zone's VLAN and its interface VLAN: gateway addresses and the ACLs on routed traffic in and out. */
/** Locally administered virtual MACs of the active gateways, one per family, the same on both VSX peers. */
const VSX_MAC = { 4: '02:00:5e:77:6c:04', 6: '02:00:5e:77:6c:06' } as const;

export function renderZoneInterface(z: ZoneInterface): string[] {
  if (z.vlan === undefined) return [`! zone ${z.zone} has no VLAN id, so it has no interface VLAN here (wardline refuses this with WL703)`];
  const out = [`! zone ${z.zone}`, `vlan ${z.vlan}`, `    name ${z.vlanName}`];
  out.push(...isolationBindings(z));
  out.push(`interface vlan ${z.vlan}`);
  if (z.description) out.push(`    description ${lineText(z.description, COMMENT_MAX)}`);
  for (const family of [4, 6] as const) {
    const ip = family === 4 ? 'ip' : 'ipv6';
    // A second IPv4 address must be `secondary`, or it replaces the first.
    z.gateways.filter((x) => x.family === family).forEach((g, i) => {
      out.push(`    ${ip} address ${g.address}/${g.length}${family === 4 && i > 0 ? ' secondary' : ''}`);
    });
    // One device of a VSX pair: the zone's gateway is the active gateway, the same virtual MAC on both peers (one per
    // family: IPv4 and IPv6 active gateways may not share one).
    if (z.redundancy?.protocol === 'vsx') {
      const virtual = z.redundancy.virtual.filter((g) => g.family === family);
      if (virtual.length > 0) out.push(`    active-gateway ${ip} mac ${VSX_MAC[family]}`);
      for (const g of virtual) out.push(`    active-gateway ${ip} ${g.address}`);
    }
    // The zone's DHCP relay (its infrastructure): up to eight helper addresses per family.
    for (const server of z.dhcpRelay?.find((r) => r.family === family)?.servers ?? []) {
      out.push(`    ${family === 4 ? 'ip helper-address' : 'ipv6 helper-address unicast'} ${hostAddress(server, family)}`);
    }
    for (const acl of z.acls.filter((a) => a.family === family)) {
      out.push(`    apply access-list ${ip} ${acl.name} ${acl.direction === 'in' ? 'routed-in' : 'routed-out'}`);
    }
  }
  return out;
}
