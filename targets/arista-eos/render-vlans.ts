import type { ZoneInterface } from '../../src/compile/ir.js';
import { cliName, cliText } from './escape.js';
import { parsePrefix } from './prefix.js';

const DESCRIPTION_MAX = 100;

export function renderVlan(iface: ZoneInterface): string[] {
  if (iface.vlan === undefined) return [`! zone ${cliName(iface.zone)} has no VLAN: nothing to configure`];
  return [`vlan ${iface.vlan}`, `   name ${cliName(iface.vlanName)}`];
}

/**
 * The zone's SVI: gateway addresses, then its lists, in = traffic from the zone, out = traffic towards it.
 * Isolation is not rendered (capabilities: portIsolation false); the compiler refuses such zones first.
 */
export function renderSvi(iface: ZoneInterface): string[] {
  if (iface.vlan === undefined) return [];
  const out: string[] = [];
  if (iface.isolation) out.push(`! zone ${cliName(iface.zone)} asks for port isolation: not rendered by arista-eos (the compiler refuses it, WL702)`);
  out.push(`interface Vlan${iface.vlan}`);
  const description = iface.description && cliText(iface.description, DESCRIPTION_MAX);
  if (description) out.push(`   description ${description}`);
  // A second IPv4 address on an SVI must be `secondary`, or it replaces the first.
  iface.gateways.filter((x) => x.family === 4).forEach((g, i) => {
    const { address, length } = parsePrefix(`${g.address}/${g.length}`, 4);
    out.push(`   ip address ${address}/${length}${i > 0 ? ' secondary' : ''}`);
  });
  const v6 = iface.gateways.filter((x) => x.family === 6);
  if (v6.length > 0) out.push('   ipv6 enable');
  for (const g of v6) {
    const { address, length } = parsePrefix(`${g.address}/${g.length}`, 6);
    out.push(`   ipv6 address ${address}/${length}`);
  }
  // One device of an MLAG pair: the zone's gateways are VARP virtual addresses, answered by every peer alike.
  if (iface.redundancy?.protocol === 'varp') {
    for (const g of iface.redundancy.virtual) out.push(`   ${g.family === 4 ? 'ip' : 'ipv6'} virtual-router address ${g.address}`);
  }
  // The zone's DHCP relay (its infrastructure): one helper address per server, IPv6 servers as relay destinations.
  for (const relay of iface.dhcpRelay ?? []) {
    for (const server of relay.servers) {
      const { address } = parsePrefix(`${server}/${relay.family === 4 ? 32 : 128}`, relay.family);
      out.push(relay.family === 4 ? `   ip helper-address ${address}` : `   ipv6 dhcp relay destination ${address}`);
    }
  }
  for (const acl of [...iface.acls].sort((a, b) => a.family - b.family || a.direction.localeCompare(b.direction))) {
    out.push(`   ${acl.family === 4 ? 'ip' : 'ipv6'} access-group ${cliName(acl.name)} ${acl.direction}`);
  }
  out.push('   no shutdown');
  return out;
}
