import type { AddressObject, ZoneInterface } from '../../src/compile/ir.js';
import { COMMENT_MAX } from './render-filter.js';
import { quoted } from './escape.js';

/** Each address object as a prefix list, replacing any earlier list of the same name. */
export function renderPrefixLists(objects: AddressObject[]): string[] {
  return objects.flatMap((o) => [
    `delete policy-options prefix-list ${o.name}`,
    ...o.prefixes.map((p) => `set policy-options prefix-list ${o.name} ${p}`),
  ]);
}

/** A zone's VLAN, its IRB unit (unit number = VLAN id) with gateway addresses and filter bindings. */
export function renderZoneInterface(z: ZoneInterface): string[] {
  if (z.vlan === undefined) return [`# zone ${z.zone} has no VLAN id, so it has no IRB unit here (wardline refuses this with WL703)`];
  const irb = `set interfaces irb unit ${z.vlan}`;
  const out = [`# zone ${z.zone}: VLAN ${z.vlan}, routed on irb.${z.vlan}`, `set vlans ${z.vlanName} vlan-id ${z.vlan}`];
  if (z.description) out.push(`set vlans ${z.vlanName} description ${quoted(z.description, COMMENT_MAX)}`);
  out.push(`set vlans ${z.vlanName} l3-interface irb.${z.vlan}`);
  if (z.isolation) out.push(`set vlans ${z.vlanName} forwarding-options filter input ${z.isolation.name}`);
  if (z.description) out.push(`${irb} description ${quoted(z.description, COMMENT_MAX)}`);
  for (const family of [4, 6] as const) {
    const inet = family === 4 ? 'inet' : 'inet6';
    for (const g of z.gateways.filter((x) => x.family === family)) out.push(`${irb} family ${inet} address ${g.address}/${g.length}`);
    for (const acl of z.acls.filter((a) => a.family === family)) {
      out.push(`${irb} family ${inet} filter ${acl.direction === 'in' ? 'input' : 'output'} ${acl.name}`);
    }
  }
  return out;
}
