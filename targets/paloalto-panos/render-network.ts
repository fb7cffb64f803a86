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

function localZone(zone: FirewallZone, name: string): { lines: string[]; interfaces: string[] } {
  if (zone.vlan === undefined) {
    return {
      lines: [
        `# Zone ${name} has no VLAN, so wardline cannot name its interface: add it with \`set zone ${name} network layer3 <interface>\`.`,
        `set zone ${name} network layer3`,
      ],
      interfaces: [],
    };
  }
  const unit = subinterface(zone.vlan);
  const base = `set network interface ethernet ${TRUNK} layer3 units ${unit}`;
  const lines = [`${base} tag ${zone.vlan}`];
  for (const g of zone.gateways.filter((x) => x.family === 4)) lines.push(`${base} ip ${g.address}/${g.length}`);
  const v6 = zone.gateways.filter((x) => x.family === 6);
  if (v6.length) lines.push(`${base} ipv6 enabled yes`, ...v6.map((g) => `${base} ipv6 address ${g.address}/${g.length}`));
  lines.push(`${base} comment ${quoted(`wardline zone ${name}${zone.description ? `: ${zone.description}` : ''}`, DESCRIPTION_MAX)}`);
  lines.push(`set zone ${name} network layer3 ${unit}`);
  return { lines, interfaces: [unit] };
}

/** Layer-3 subinterfaces with the gateway addresses, the uplink, the zones, and their virtual-router membership. */
export function renderNetwork(zones: FirewallZone[]): string[] {
  const lines = ['# Interfaces and zones.'];
  const interfaces: string[] = [];
  for (const zone of zones) {
    const name = identifier(zone.name, ZONE_NAME_MAX);
    if (zone.local) {
      const local = localZone(zone, name);
      lines.push(...local.lines);
      interfaces.push(...local.interfaces);
    } else {
      lines.push(`set network interface ethernet ${UPLINK} layer3`, `set zone ${name} network layer3 ${UPLINK}`);
      interfaces.push(UPLINK);
    }
  }
  if (interfaces.length) lines.push(`set network virtual-router ${VIRTUAL_ROUTER} interface ${members(interfaces)}`);
  return lines;
}
