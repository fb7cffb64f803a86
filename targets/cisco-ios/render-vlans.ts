import type { ZoneInterface } from '../../src/compile/ir.js';
import { cliName, cliText } from './escape.js';
import { parsePrefix, subnetMask } from './prefix.js';

/** Free text is cut like remarks, well within what interface descriptions take. */
const DESCRIPTION_MAX = 100;

export function renderVlan(iface: ZoneInterface): string[] {
  if (iface.vlan === undefined) return [`! zone ${cliName(iface.zone)} has no VLAN: nothing to configure`];
  return [`vlan ${iface.vlan}`, ` name ${cliName(iface.vlanName)}`];
}

/** The zone's SVI: gateway addresses, then its lists, in = traffic from the zone, out = traffic towards it. */
export function renderSvi(iface: ZoneInterface): string[] {
  if (iface.vlan === undefined) return [];
  const out: string[] = [];
  out.push(`interface Vlan${iface.vlan}`);
  const description = iface.description && cliText(iface.description, DESCRIPTION_MAX);
  if (description) out.push(` description ${description}`);
  // A second IPv4 address on an SVI must be `secondary`, or it replaces the first; IPv6 takes several as they are.
  let v4 = 0;
  for (const g of iface.gateways) {
    const { address, length } = parsePrefix(`${g.address}/${g.length}`, g.family);
    if (g.family === 6) out.push(` ipv6 address ${address}/${length}`);
    else out.push(` ip address ${address} ${subnetMask(length)}${v4++ > 0 ? ' secondary' : ''}`);
  }
  // One device of an HSRP pair: the zone's gateways are the group's virtual addresses (capabilities: IPv4 only).
  const hsrp = iface.redundancy;
  if (hsrp?.protocol === 'hsrp') {
    out.push(' standby version 2');
    hsrp.virtual.filter((g) => g.family === 4).forEach((g, i) => out.push(` standby ${hsrp.group} ip ${g.address}${i > 0 ? ' secondary' : ''}`));
    out.push(` standby ${hsrp.group} priority ${hsrp.priority}`, ` standby ${hsrp.group} preempt`);
  }
  // The zone's DHCP relay (its infrastructure): one helper address per server, IPv6 servers as relay destinations.
  for (const relay of iface.dhcpRelay ?? []) {
    for (const server of relay.servers) {
      const { address } = parsePrefix(`${server}/${relay.family === 4 ? 32 : 128}`, relay.family);
      out.push(relay.family === 4 ? ` ip helper-address ${address}` : ` ipv6 dhcp relay destination ${address}`);
    }
  }
  for (const acl of [...iface.acls].sort((a, b) => a.family - b.family || a.direction.localeCompare(b.direction))) {
    const verb = acl.family === 4 ? 'ip access-group' : 'ipv6 traffic-filter';
    out.push(` ${verb} ${cliName(acl.name)} ${acl.direction}`);
  }
  out.push(' no shutdown');
  return out;
}
