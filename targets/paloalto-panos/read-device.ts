import { parseAddress, V4_LAST, V6_FIRST } from '../../src/net/address.js';
import type { ReadVerdict, WirePacket, ZoneLink } from '../reader.js';
import { addressMatches } from './read-objects.js';
import { decide, interfaceOf, zoneOf, type Firewall } from './read-firewall.js';

const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;
const LIMITED_BROADCAST = V4_LAST;
const ALL_DHCP_RELAYS = V6_FIRST + parseAddress('ff02::1:2')!.value;
/** Neighbour discovery (RFC 4861: RS, RA, NS, NA, redirect) and multicast listener discovery (RFC 2710, 3810). */
const ND_TYPES = [130, 131, 132, 133, 134, 135, 136, 137, 143];

/** Which management-profile service a packet to the interface's own address asks for. */
function profileService(p: WirePacket): string | undefined {
  const type = p.port >> 8;
  if ((p.proto === ICMP && type === 8) || (p.proto === ICMPV6 && type === 128)) return 'ping';
  const tcp: Record<number, string> = { 22: 'ssh', 23: 'telnet', 80: 'http', 443: 'https' };
  if (p.proto === 6) return tcp[p.port];
  if (p.proto === UDP && p.port === 161) return 'snmp';
  return undefined;
}

/**
 * What the firewall does with a packet from a zone's link addressed to itself: the interface's DHCP relay, neighbour
 * discovery where IPv6 is on, and its management profile (within the security rules); nothing else.
 */
export function toDevice(fw: Firewall, link: ZoneLink, p: WirePacket): ReadVerdict {
  const i = interfaceOf(fw.network, link);
  if (!i) return { action: 'deny', where: `zone ${link.zone}: no interface on this firewall`, lines: [] };
  const v6 = p.dst > V4_LAST;
  if (v6 && !i.ipv6) return { action: 'deny', where: `${i.name}: IPv6 is not enabled`, lines: [] };
  const relay = fw.network.relays.get(i.name);
  if (p.proto === UDP && !v6 && p.port === 67 && (p.dst === LIMITED_BROADCAST || i.own.includes(p.dst))) {
    if (relay?.ip && relay.ipServers > 0) return { action: 'permit', where: `${i.name} DHCP relay`, lines: relay.ipLines };
  }
  if (p.proto === UDP && v6 && p.port === 547 && p.dst === ALL_DHCP_RELAYS) {
    if (relay?.ipv6 && relay.ipv6Servers > 0) return { action: 'permit', where: `${i.name} DHCPv6 relay`, lines: relay.ipv6Lines };
  }
  if (p.proto === ICMPV6 && ND_TYPES.includes(p.port >> 8)) {
    return { action: 'permit', where: `${i.name} IPv6 neighbour discovery`, lines: i.ipv6Lines };
  }
  const profile = i.profile === undefined ? undefined : fw.network.profiles.get(i.profile);
  const service = profileService(p);
  if (profile && service && profile.services.has(service) && i.own.includes(p.dst) && (!profile.permitted || addressMatches(profile.permitted, p.src))) {
    const zone = zoneOf(fw.network, link);
    if ('error' in zone) return { action: 'deny', where: zone.error, lines: [] };
    const rules = decide(fw, zone.zone, zone.zone, p);
    if (rules.action === 'deny') return rules;
    return { action: 'permit', where: `${i.name} management profile ${i.profile} (${service}), ${rules.where}`, lines: [...profile.lines, ...rules.lines] };
  }
  const why = profile ? `its management profile ${i.profile} does not answer this` : 'no management profile';
  return { action: 'deny', where: `${i.name}: the firewall answers nothing else (${why})`, lines: [] };
}
