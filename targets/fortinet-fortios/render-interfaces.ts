import type { FirewallZone } from '../../src/compile/ir.js';
import { COMMENT_MAX, identifier, oneLine, quoted } from './escape.js';
import { subnet } from './render-addresses.js';

/** Site-specific names, stated once here and in the file header. */
export const FORTILINK = 'fortilink';
export const UPLINK = 'port1';
export const VDOM = 'root';

/** Interface names keep 15 characters, so a zone's VLAN interface is named by its VLAN id, not the zone. */
export const vlanInterface = (vlan: number) => `vlan${vlan}`;

/** `guest-wifi: VLAN 900 (vlan900); gateway 172.20.0.1/16; isolated; Patient Wi-Fi` for the header. */
export function zoneSummary(zone: FirewallZone): string {
  const parts: string[] = [];
  if (zone.vlan !== undefined) parts.push(`VLAN ${zone.vlan} as ${vlanInterface(zone.vlan)} on ${FORTILINK}`);
  if (!zone.local) parts.push(`uplink ${UPLINK}`);
  if (zone.local && zone.vlan === undefined) parts.push('no VLAN, so no interface: add it to the zone by hand');
  if (zone.gateways.length) parts.push(`gateway ${zone.gateways.map((g) => `${g.address}/${g.length}`).join(', ')}`);
  if (zone.isolation) parts.push('hosts isolated from each other');
  if (zone.description) parts.push(zone.description);
  return oneLine(`${zone.name}: ${parts.join('; ')}`);
}

function interfaceBlock(zone: FirewallZone, vlan: number): string[] {
  const v4 = zone.gateways.filter((g) => g.family === 4);
  const v6 = zone.gateways.filter((g) => g.family === 6);
  const lines = [
    `    edit "${vlanInterface(vlan)}"`,
    `        set vdom "${VDOM}"`,
    `        set interface "${FORTILINK}"`,
    `        set vlanid ${vlan}`,
  ];
  const [primary, ...secondary] = v4;
  if (primary) lines.push(`        set ip ${subnet(`${primary.address}/${primary.length}`)}`);
  lines.push(`        set description ${quoted(`wardline zone ${zone.zone ?? zone.name}${zone.description ? `: ${zone.description}` : ''}`, COMMENT_MAX)}`);
  // Blocks port-to-port traffic on the managed FortiSwitch VLAN: hosts reach only the FortiGate.
  if (zone.isolation) lines.push('        set switch-controller-access-vlan enable');
  // The zone's DHCP relay (its infrastructure); the interface answers no management access (allowaccess stays empty).
  const relay4 = zone.dhcpRelay?.find((r) => r.family === 4);
  if (relay4) lines.push('        set dhcp-relay-service enable', `        set dhcp-relay-ip ${relay4.servers.map((s) => `"${address(s, 4)}"`).join(' ')}`);
  if (secondary.length) {
    lines.push('        set secondary-IP enable', '        config secondaryip');
    secondary.forEach((g, i) => lines.push(`            edit ${i + 1}`, `                set ip ${subnet(`${g.address}/${g.length}`)}`, '            next'));
    lines.push('        end');
  }
  if (v6.length) {
    const [first, ...extra] = v6;
    lines.push('        config ipv6', `            set ip6-address ${first!.address}/${first!.length}`);
    const relay6 = zone.dhcpRelay?.find((r) => r.family === 6);
    if (relay6) lines.push('            set dhcp6-relay-service enable', `            set dhcp6-relay-ip ${relay6.servers.map((s) => `"${address(s, 6)}"`).join(' ')}`);
    if (extra.length) {
      lines.push('            config ip6-extra-addr');
      for (const g of extra) lines.push(`                edit ${g.address}/${g.length}`, '                next');
      lines.push('            end');
    }
    lines.push('        end');
  }
  return [...lines, '    next'];
}

/** An address from the IR, checked before it is spelled (the IR only ever gives canonical addresses). */
function address(text: string, family: 4 | 6): string {
  const ok = family === 4 ? /^\d{1,3}(\.\d{1,3}){3}$/.test(text) : /^[0-9a-f:]*:[0-9a-f:]*$/i.test(text);
  if (!ok) throw new Error(`fortinet-fortios: not an IPv${family} address: ${JSON.stringify(text)}`);
  return text;
}

/** VLAN interfaces with the gateway addresses, then one FortiOS zone per IR zone; policies name the zones. */
export function renderInterfaces(zones: FirewallZone[]): string[] {
  for (const z of zones) {
    if (z.local && z.isolation && z.vlan === undefined) {
      throw new Error(`fortinet-fortios: zone ${z.name} asks for isolation but has no VLAN to isolate on`);
    }
  }
  const lines: string[] = [];
  // Isolated VLANs: traffic that enters and leaves the same interface must meet the policies, not be redirected (each family has its own switch).
  if (zones.some((z) => z.local && z.isolation)) {
    lines.push(
      'config system global',
      '    set allow-traffic-redirect disable',
      '    set ipv6-allow-traffic-redirect disable',
      'end',
    );
  }
  const withVlan = zones.filter((z) => z.local && z.vlan !== undefined);
  if (withVlan.length) lines.push('config system interface', ...withVlan.flatMap((z) => interfaceBlock(z, z.vlan!)), 'end');
  lines.push('config system zone');
  for (const zone of zones) {
    const name = identifier(zone.name);
    const member = zone.local ? (zone.vlan === undefined ? undefined : vlanInterface(zone.vlan)) : UPLINK;
    lines.push(`    edit "${name}"`, '        set intrazone deny');
    if (member) lines.push(`        set interface "${member}"`);
    lines.push('    next');
  }
  return [...lines, 'end'];
}
