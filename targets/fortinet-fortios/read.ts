/**
 * The FortiOS reader: a FortiGate's CLI script (config.txt) read back as FortiOS evaluates it (issue 15). notes.txt is
 * documentation and is not read. What it understands, and how each part decides:
 *
 * Syntax: `config <path>` / `edit <name>` / `set|unset|append|unselect <field> <values>` / `next` / `end`, values bare
 * or quoted ("..." or '...', backslash escapes), `delete NAME` and `move A before|after B` in a table, `#` comment lines.
 * An `edit` of a name already in a table edits that entry in place (a new name is appended), as the CLI does.
 *
 * - `config system global`: allow-traffic-redirect and ipv6-allow-traffic-redirect (enabled unless disabled, the
 *   FortiOS 7.0-7.4 default), admin-sport/admin-port/admin-ssh-port/admin-telnet-port; hostname, alias, timezone,
 *   admintimeout (no effect on filtering).
 * - `config system interface`: vlanid, ip (address and mask or /len), `config secondaryip` (ip, allowaccess),
 *   `config ipv6` (ip6-address, `config ip6-extra-addr`, ip6-allowaccess, dhcp6-relay-service/-ip, `config vrrp6`),
 *   allowaccess (ping, https, http, ssh, telnet, snmp, fgfm), dhcp-relay-service/-ip, `config vrrp`, status down,
 *   switch-controller-access-vlan; vdom, interface, description, alias, role, type, mode, device-identification,
 *   snmp-index, dhcp-relay-type, secondary-IP, ip6-mode, ip6-send-adv (no effect on filtering).
 * - `config system zone`: interface (members), intrazone allow|deny (allow: traffic between two different member
 *   interfaces passes without a policy), description.
 * - `config firewall address|address6`: subnet / ip6 (unset: every address), type ipmask|ipprefix|iprange with
 *   start-ip/end-ip, type fqdn with fqdn (the addresses of the entry's family that the read context says the DNS name
 *   stands for; without a context, or for a name it does not know, the fqdn line is unknown and the address holds
 *   nothing), cache-ttl (no effect on filtering); `config firewall addrgrp|addrgrp6`: member (nested groups), exclude +
 *   exclude-member. The predefined `all` and `none` unless defined. Other address types (wildcard-fqdn, geography,
 *   ...) are reported unknown.
 * - `config firewall service custom`: protocol TCP/UDP/SCTP with tcp-/udp-/sctp-portrange `dst[-hi][:src[-hi]]`
 *   entries, ICMP/ICMP6 with icmptype and icmpcode (unset: any), IP with protocol-number (0: every protocol);
 *   `config firewall service group`: member. Predefined services ALL, ALL_TCP, ALL_UDP, ALL_ICMP, ALL_ICMP6, PING,
 *   HTTP, HTTPS, SSH, TELNET, DNS, NTP, SMTP, RDP, SYSLOG as a factory-default VDOM defines them.
 * - `config firewall policy` (consolidated: srcaddr/dstaddr for IPv4, srcaddr6/dstaddr6 for IPv6), then a legacy
 *   `config firewall policy6`: srcintf, dstintf (interfaces, zones or any), addresses, service, action accept|deny,
 *   status, the -negate flags, schedule "always" (another schedule is reported and the policy left out); name,
 *   comments, uuid, logtraffic, logtraffic-start, nat, global-label (no effect on filtering). First match in list
 *   order; no match: the implicit deny (policy 0).
 * - `config firewall local-in-policy|local-in-policy6`: intf, srcaddr, dstaddr, service, action, status, schedule.
 *
 * Forwarding: a reply of an accepted session (`established`) passes by session state. A packet entering and leaving
 * the same interface from one of that interface's own networks passes without a policy while allow-traffic-redirect is
 * on; between two member interfaces of an intrazone-allow zone it passes; otherwise the policy list decides.
 * Zone links map to the config by VLAN id (the interface with that vlanid), then by interface name, then by zone
 * name; the packet's side is that interface and the zone holding it. `undefined` (the uplink) is the first zone with
 * a member that is not a VLAN interface of this config (wardline's port1 in zone transit), else the first interface
 * without a vlanid that a policy names directly.
 *
 * To the device: a local-in policy that denies decides first; then the interface answers its DHCP relay (udp/67 to
 * 255.255.255.255 or its own address), DHCPv6 relay (udp/547 from fe80::/10 to ff02::1:2), IPv6 neighbour discovery
 * and MLD (ICMPv6 130-137, 143 to ff02::/16, fe80::/10 or its addresses: always, as FortiOS runs IPv6 on every
 * interface), VRRP when configured (protocol 112 to 224.0.0.18 / ff02::12) and allowaccess services on its own
 * addresses; it answers nothing else.
 *
 * Switched in a VLAN: without switch-controller-access-vlan the managed switch forwards and nothing here filters.
 * With it every frame reaches the FortiGate, which forwards no broadcast, multicast or link-local traffic between
 * ports and routes unicast between stations back out the same interface (traffic redirect or policies decide).
 */
import { addressKey, keyFamily, parsePrefix, prefixBounds, type Family, type Prefix } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigFile, ConfigReading, ReadContext, ReadVerdict, Reader, UnknownLine, WirePacket, ZoneLink } from '../reader.js';
import { readAddresses } from './read-addresses.js';
import { readInterfaces, type Interface } from './read-interfaces.js';
import { firstMatch, readPolicies, sorted, type Side } from './read-policies.js';
import { readServices } from './read-services.js';
import { parseTree } from './read-syntax.js';
import { report } from './read-table.js';

const set = (...texts: string[]) => texts.reduce((acc, t) => iv.union(acc, iv.single(...prefixBounds((parsePrefix(t) as { prefix: Prefix }).prefix))), iv.EMPTY);
/** Destinations a router never forwards between ports of one link: broadcast, multicast, link-local. */
const NOT_ROUTED: Record<Family, iv.IntervalSet> = { 4: set('255.255.255.255/32', '224.0.0.0/4', '169.254.0.0/16'), 6: set('ff00::/8', 'fe80::/10') };
const NO_SOURCE: Record<Family, iv.IntervalSet> = { 4: set('0.0.0.0/32', '169.254.0.0/16'), 6: set('::/128', 'fe80::/10') };
const LINK_LOCAL6 = set('fe80::/10');
const ND_TYPES = new Set([130, 131, 132, 133, 134, 135, 136, 137, 143]);
const ND_DESTINATIONS = set('ff02::/16', 'fe80::/10');
const LIMITED_BROADCAST = addressKey(4, 0xffffffffn);

const sectionsRead = new Set([
  ...['system global', 'system interface', 'system zone', 'firewall address', 'firewall address6', 'firewall addrgrp', 'firewall addrgrp6'],
  ...['firewall service custom', 'firewall service group', 'firewall policy', 'firewall policy6', 'firewall local-in-policy', 'firewall local-in-policy6'],
]);

function readConfig(files: readonly ConfigFile[], context?: ReadContext): ConfigReading {
  const unknown: UnknownLine[] = [];
  const config = files.filter((f) => f.path !== 'notes.txt');
  const tree = parseTree(config);
  unknown.push(...tree.unknown);
  for (const block of tree.blocks) if (!sectionsRead.has(block.path)) report(block, `config ${block.path} is not read (it is not a section wardline writes)`, unknown);
  const addresses = readAddresses(tree.blocks, unknown, context);
  const services = readServices(tree.blocks, unknown);
  const { global, interfaces, zones } = readInterfaces(tree.blocks, unknown);
  const policies = readPolicies(tree.blocks, addresses, services, unknown);

  const byName = new Map(interfaces.map((i) => [i.name, i]));
  const zoneOf = (iface: string) => zones.find((z) => z.members.includes(iface))?.name;
  const sideOf = (iface: string | undefined, zone?: string): Side => ({ iface, zone: zone ?? (iface === undefined ? undefined : zoneOf(iface)) });
  const resolve = (link: ZoneLink | undefined): Side => {
    if (!link) {
      const uplink = zones.find((z) => z.members.some((m) => byName.get(m)?.vlan === undefined));
      if (uplink) return sideOf(uplink.members.find((m) => byName.get(m)?.vlan === undefined), uplink.name);
      // No zone holds a plain port: the first one a policy names directly.
      const named = policies.forward.flatMap((r) => [...r.srcintf, ...r.dstintf]);
      const port = named.find((n) => n !== 'any' && byName.get(n)?.vlan === undefined && !zones.some((z) => z.name === n));
      return port === undefined ? {} : sideOf(port);
    }
    const byVlan = link.vlan === undefined ? undefined : interfaces.find((i) => i.vlan === link.vlan);
    if (byVlan) return sideOf(byVlan.name);
    if (link.interface !== undefined && (byName.has(link.interface) || zoneOf(link.interface))) return sideOf(link.interface);
    const zone = zones.find((z) => z.name === link.zone);
    if (zone) return sideOf(zone.members.length === 1 ? zone.members[0] : undefined, zone.name);
    return byName.has(link.zone) ? sideOf(link.zone) : {};
  };
  const label = (s: Side) => s.zone ?? s.iface ?? '(no interface)';
  const own = (i: Interface | undefined, family: Family) => i?.addresses[family] ?? [];

  const forward = (p: WirePacket, from: Side, to: Side): ReadVerdict => {
    const family = keyFamily(p.src);
    const where = `${label(from)} -> ${label(to)}`;
    for (const s of [from, to]) {
      const down = s.iface === undefined ? undefined : byName.get(s.iface)?.down;
      if (down) return { action: 'deny', where: `${s.iface} is down`, lines: [down] };
    }
    const redirect = global.redirect[family];
    if (from.iface !== undefined && from.iface === to.iface && redirect.on && own(byName.get(from.iface), family).some((a) => iv.contains(a.network, p.src))) {
      return { action: 'permit', where: `${from.iface} in and out: allow-traffic-redirect forwards it without a policy`, lines: redirect.line ? [redirect.line] : [] };
    }
    const zone = zones.find((z) => z.name === from.zone);
    if (zone?.intrazone.allow && from.zone === to.zone && from.iface !== undefined && to.iface !== undefined && from.iface !== to.iface) {
      return { action: 'permit', where: `zone ${zone.name} intrazone allow`, lines: zone.intrazone.line ? [zone.intrazone.line] : [] };
    }
    const hit = firstMatch(policies.forward, p, from, to, addresses, services);
    if (!hit) return { action: 'deny', where: `${where} implicit deny (policy 0)`, lines: [] };
    const name = hit.rule.entry.fields.get('name')?.values[0];
    return { action: hit.rule.action === 'accept' ? 'permit' : 'deny', where: `${where} policy ${hit.rule.entry.name}${name ? ` "${name}"` : ''}`, lines: hit.lines };
  };

  const toDevice = (link: ZoneLink, p: WirePacket): ReadVerdict => {
    const side = resolve(link);
    const i = side.iface === undefined ? undefined : byName.get(side.iface);
    const family = keyFamily(p.src);
    const where = `${i?.name ?? label(side)} to the FortiGate`;
    if (!i) return { action: 'deny', where: `${where}: no interface of this config carries the zone`, lines: [] };
    if (i.down) return { action: 'deny', where: `${i.name} is down`, lines: [i.down] };
    const local = firstMatch(policies.localIn, p, side, {}, addresses, services);
    if (local?.rule.action === 'deny') return { action: 'deny', where: `${where} local-in policy ${local.rule.entry.name}`, lines: local.lines };
    const mine = own(i, family).some((a) => a.key === p.dst);
    const udp = (port: number) => p.proto === 17 && p.port === port;
    const relay = i.relay[family];
    if (relay && family === 4 && udp(67) && (p.dst === LIMITED_BROADCAST || mine)) return { action: 'permit', where: `${where}: DHCP relay`, lines: relay };
    if (relay && family === 6 && udp(547) && p.dst === addressKey(6, 0xff020000000000000000000000010002n) && iv.contains(LINK_LOCAL6, p.src)) {
      return { action: 'permit', where: `${where}: DHCPv6 relay`, lines: relay };
    }
    if (family === 6 && p.proto === 58 && ND_TYPES.has(p.port >> 8) && (iv.contains(ND_DESTINATIONS, p.dst) || mine)) {
      return { action: 'permit', where: `${where}: IPv6 neighbour discovery`, lines: [] };
    }
    const vrrp = i.vrrp[family];
    const vrrpGroup = family === 4 ? addressKey(4, 0xe0000012n) : addressKey(6, 0xff020000000000000000000000000012n);
    if (vrrp?.length && p.proto === 112 && p.dst === vrrpGroup) return { action: 'permit', where: `${where}: VRRP`, lines: vrrp };
    const access = mine ? i.access[family].find((a) => a.proto === p.proto && (a.proto === 1 || a.proto === 58 ? a.port === (p.port & 0xff00) : a.port === p.port)) : undefined;
    if (access) return { action: 'permit', where: `${where}: allowaccess`, lines: [access.line] };
    return { action: 'deny', where: `${where}: nothing on the interface answers it`, lines: [] };
  };

  const switched = (link: ZoneLink, p: WirePacket): ReadVerdict => {
    const side = resolve(link);
    const i = side.iface === undefined ? undefined : byName.get(side.iface);
    if (!i?.accessVlan) return { action: 'permit', where: `${link.zone}: the switch forwards within the VLAN`, lines: [] };
    const family = keyFamily(p.src);
    if (own(i, family).some((a) => a.key === p.dst)) return toDevice(link, p);
    const broadcast = own(i, family).some((a) => family === 4 && iv.last(a.network) === p.dst);
    if (iv.contains(NOT_ROUTED[family], p.dst) || iv.contains(NO_SOURCE[family], p.src) || broadcast) {
      return { action: 'deny', where: `${i.name} access VLAN: the FortiGate forwards no broadcast, multicast or link-local traffic between ports`, lines: [i.accessVlan] };
    }
    const verdict = forward(p, side, side);
    return { ...verdict, where: `${i.name} access VLAN, routed back: ${verdict.where}`, lines: sorted([i.accessVlan, ...verdict.lines]) };
  };

  return {
    unknown: unknown.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)),
    forward(p, from, to, state) {
      if (state === 'established') return { action: 'permit', where: 'session table: a reply of an accepted session', lines: [] };
      return forward(p, resolve(from), resolve(to));
    },
    toDevice,
    switched,
  };
}

/** FortiOS: config.txt read under FortiOS's own semantics. */
export const fortinetFortiosReader: Reader = { read: readConfig };
