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
    // One device of a VRRP pair (capabilities: IPv4 only): the group keeps the zone's gateway beside this address.
    const vrrp = z.redundancy;
    if (family === 4 && vrrp?.protocol === 'vrrp') {
      const own = z.gateways.find((x) => x.family === 4)!;
      const group = `${irb} family inet address ${own.address}/${own.length} vrrp-group ${vrrp.group}`;
      for (const g of vrrp.virtual.filter((x) => x.family === 4)) out.push(`${group} virtual-address ${g.address}`);
      // accept-data: a master that does not own the virtual address takes only ARP for it otherwise, so the zone's
      // DHCP relay and the rest its link infrastructure sends the gateway would go unanswered on the master.
      out.push(`${group} priority ${vrrp.priority}`, `${group} preempt`, `${group} accept-data`);
    }
    for (const acl of z.acls.filter((a) => a.family === family)) {
      out.push(`${irb} family ${inet} filter ${acl.direction === 'in' ? 'input' : 'output'} ${acl.name}`);
    }
  }
  out.push(...renderRelay(z, z.vlan));
  return out;
}

/**
 * The zone's DHCP relay (its infrastructure): a server group of its servers and a relay group binding its IRB unit
 * to it, per family (`dhcpv6` for IPv6), named after the VLAN so two zones never share one.
 */
function renderRelay(z: ZoneInterface, vlan: number): string[] {
  const out: string[] = [];
  for (const relay of z.dhcpRelay ?? []) {
    const base = `set forwarding-options dhcp-relay${relay.family === 6 ? ' dhcpv6' : ''}`;
    const name = `relay-vlan${vlan}`;
    const scope = `forwarding-options dhcp-relay${relay.family === 6 ? ' dhcpv6' : ''}`;
    out.push(`delete ${scope} server-group ${name}`, `delete ${scope} group ${name}`);
    for (const server of relay.servers) out.push(`${base} server-group ${name} ${address(server, relay.family)}`);
    out.push(`${base} group ${name} active-server-group ${name}`, `${base} group ${name} interface irb.${vlan}`);
  }
  return out;
}

/** An address from the IR, checked before it is spelled (the IR only ever gives canonical addresses). */
function address(text: string, family: 4 | 6): string {
  const ok = family === 4 ? /^\d{1,3}(\.\d{1,3}){3}$/.test(text) : /^[0-9a-f:]*:[0-9a-f:]*$/i.test(text);
  if (!ok) throw new Error(`juniper-junos: not an IPv${family} address: ${JSON.stringify(text)}`);
  return text;
}
