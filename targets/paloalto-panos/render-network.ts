import type { FirewallZone } from '../../src/compile/ir.js';
import { DESCRIPTION_MAX, identifier, members, oneLine, quoted, ZONE_NAME_MAX } from './escape.js';

/** Site-specific ports, named once here and in the file header: the trunk to the local zones and the uplink. */
export const TRUNK = 'ethernet1/1';
export const UPLINK = 'ethernet1/2';
export const VIRTUAL_ROUTER = 'default';

const subinterface = (vlan: number) => `${TRUNK}.${vlan}`;

/** `dc-servers: VLAN 1050; gateway 10.50.0.1/20; Clinical servers` for the header's zone list. */
export function zoneSummary(zone: FirewallZone): string {
  const parts: string[] = [];
  if (zone.vlan !== undefined) parts.push(`VLAN ${zone.vlan} on ${subinterface(zone.vlan)}`);
  if (!zone.local) parts.push(`uplink ${UPLINK}`);
  if (zone.gateways.length) parts.push(`gateway ${zone.gateways.map((g) => `${g.address}/${g.length}`).join(', ')}`);
  if (zone.description) parts.push(zone.description);
  return oneLine(`${zone.name}: ${parts.join('; ')}`);
}

function localZone(zone: FirewallZone, name: string, byName: ReadonlyMap<string, FirewallZone>): { lines: string[]; interfaces: string[]; notes: string[] } {
  if (zone.vlan === undefined) {
    return {
      lines: [`set zone ${name} network layer3`],
      interfaces: [],
      notes: [`Zone ${name} has no VLAN, so wardline cannot name its interface: add it with \`set zone ${name} network layer3 <interface>\`.`],
    };
  }
  const unit = subinterface(zone.vlan);
  const base = `set network interface ethernet ${TRUNK} layer3 units ${unit}`;
  const lines = [`${base} tag ${zone.vlan}`];
  for (const g of zone.gateways.filter((x) => x.family === 4)) lines.push(`${base} ip ${g.address}/${g.length}`);
  const v6 = zone.gateways.filter((x) => x.family === 6);
  // A layer-3 interface drops IPv6 unless it is enabled: a zone with IPv6 subnets needs it even without an IPv6 gateway
  // address (the firewall then answers neighbour discovery from its link-local address).
  if (v6.length || zone.families?.includes(6)) lines.push(`${base} ipv6 enabled yes`, ...v6.map((g) => `${base} ipv6 address ${g.address}/${g.length}`));
  lines.push(`${base} comment ${quoted(`wardline zone ${zone.zone ?? name}${zone.description ? `: ${zone.description}` : ''}`, DESCRIPTION_MAX)}`);
  lines.push(`set zone ${name} network layer3 ${unit}`);
  lines.push(...relayLines(zone, unit, byName));
  return { lines, interfaces: [unit], notes: [] };
}

/**
 * The zone's DHCP relay (its infrastructure): the subinterface relays to the servers; an IPv6 server is named with the
 * interface that leads to it (its zone's subinterface when this firewall routes that zone, else the uplink).
 */
function relayLines(zone: FirewallZone, unit: string, byName: ReadonlyMap<string, FirewallZone>): string[] {
  const out: string[] = [];
  const base = `set network dhcp interface ${unit} relay`;
  for (const relay of zone.dhcpRelay ?? []) {
    const servers = relay.servers.map((s) => address(s, relay.family));
    if (relay.family === 4) {
      out.push(`${base} ip enabled yes`, `${base} ip server ${members(servers)}`);
      continue;
    }
    out.push(`${base} ipv6 enabled yes`);
    relay.servers.forEach((s, i) => {
      const there = relay.serverZones[i];
      const vlan = there === undefined ? undefined : byName.get(there)?.vlan;
      out.push(`${base} ipv6 server ${address(s, 6)} interface ${vlan === undefined ? UPLINK : subinterface(vlan)}`);
    });
  }
  return out;
}

/** An address from the IR, checked before it is spelled (the IR only ever gives canonical addresses). */
function address(text: string, family: 4 | 6): string {
  const ok = family === 4 ? /^\d{1,3}(\.\d{1,3}){3}$/.test(text) : /^[0-9a-f:]*:[0-9a-f:]*$/i.test(text);
  if (!ok) throw new Error(`paloalto-panos: not an IPv${family} address: ${JSON.stringify(text)}`);
  return text;
}


/**
 * Layer-3 subinterfaces with the gateway addresses, the uplink, the zones, and their virtual-router membership; the
 * notes say what the operator must add.
 */
export function renderNetwork(zones: FirewallZone[]): { lines: string[]; notes: string[] } {
  // By the policy's zone name: a relay server's zone is named as the policy names it.
  const byName = new Map(zones.flatMap((z) => (z.zone === undefined ? [] : [[z.zone, z] as const])));
  const lines: string[] = [];
  const notes: string[] = [];
  const interfaces: string[] = [];
  for (const zone of zones) {
    const name = identifier(zone.name, ZONE_NAME_MAX);
    if (zone.local) {
      const local = localZone(zone, name, byName);
      lines.push(...local.lines);
      interfaces.push(...local.interfaces);
      notes.push(...local.notes);
    } else {
      lines.push(`set network interface ethernet ${UPLINK} layer3`, `set zone ${name} network layer3 ${UPLINK}`);
      interfaces.push(UPLINK);
    }
  }
  if (interfaces.length) lines.push(`set network virtual-router ${VIRTUAL_ROUTER} interface ${members(interfaces)}`);
  return { lines, notes };
}
