/**
 * The Cisco Catalyst IOS-XE reader: `config.txt` as the switch reads it, written from Cisco's documentation (IOS
 * Security Command Reference, IPv6 ACL and Object Groups for ACLs guides, Catalyst VLAN map guidelines), not from
 * the renderer.
 *
 * Understood, each in any order of blocks (`!` lines are comments; a block's lines are indented under it):
 * - `ip access-list extended|standard NAME`, `ipv6 access-list NAME`, and numbered `access-list N ...` (1-99,
 *   1300-1999 standard; 100-199, 2000-2699 extended). Entries `[SEQ | sequence SEQ] permit|deny ...` (IPv6 also with
 *   `sequence SEQ` at the end; entries are kept in sequence order) and `remark`. An extended entry:
 *   `PROTO SRC [PORTS] DST [PORTS] [ICMP] [FLAGS] [log | log-input]` or (IPv4) `object-group SERVICE SRC DST [log]`.
 *   PROTO: a number 0-255 or ip/ipv6, tcp, udp, icmp, sctp (IPv6), igmp, gre, esp, ahp, eigrp, ospf, pim, ipinip, nos,
 *   pcp; protocol 0 in an IPv4 list is `ip`, every protocol. SRC/DST: `any`, `host A`, `A WILDCARD` (IPv4; any
 *   wildcard, contiguous or not), `X/LEN` (IPv6), `object-group NAME`. PORTS (tcp, udp, IPv6 sctp): `eq P...`,
 *   `neq P...`, `lt P`, `gt P`, `range P Q`, P a number or IOS's keyword (`www`, `domain`, `bootps`, ...). ICMP: `TYPE
 *   [CODE]` or IOS's message keyword (`echo`, `unreachable`, `nd-ns`, ...). FLAGS (tcp): `established` (ACK or RST
 *   set), `match-any|match-all +flag -flag...`, or one flag keyword (that flag set). A standard entry: `SRC [log]`.
 * - `object-group network NAME` (`host A`, `A MASK` with a subnet mask, `A /LEN`, `range A B`, `any`), `object-group
 *   v6-network NAME` (`host X`, `X/LEN`, `range X Y`, `any`), `object-group service NAME` (`tcp|udp|tcp-udp [source OP
 *   P] [OP P]`, `icmp [TYPE [CODE] | NAME]`, a protocol), each with `description` and `group-object NAME`.
 * - `vlan N[,M-K]` with `name`; `vlan access-map NAME [SEQ]` with `match ip|ipv6 address LIST...` and `action
 *   drop|forward`; `vlan filter NAME vlan-list LIST|all`.
 * - `interface NAME` with `ip access-group LIST in|out`, `ipv6 traffic-filter LIST in|out`, `shutdown`, and lines
 *   kept without effect on filtering: `description`, `ip address A M [secondary]`, `ipv6 address X/LEN [eui-64|
 *   anycast]`, `ipv6 address X link-local`, `ipv6 enable`, `ip helper-address A`, `ipv6 dhcp relay destination X`,
 *   `standby ...` (HSRP), `vrrp ...` (VRRP, its `address-family` block too), `no shutdown`, `no switchport`,
 *   `no ip redirects|unreachables|proxy-arp`, `no ipv6 redirects|unreachables`.
 * - `ipv6 unicast-routing`, `ip routing`, `hostname`, `end`.
 * Any other line is returned in `unknown`, and so is an entry naming an object group that is not defined (IOS-XE
 * refuses it, so the device holds no such entry): such an entry is left out.
 *
 * Semantics: an access list is first match; an IPv6 list ends with the implicit `permit icmp any any nd-na`,
 * `permit icmp any any nd-ns`, then deny; an IPv4 list ends with an implicit deny; a list bound but not defined, or
 * with no entries, permits everything, and so does an interface with no list bound. The switch is stateless: `state`
 * is ignored. A routed packet meets the VLAN map of the VLAN it enters from, the in-list of that SVI, the out-list of
 * the SVI it leaves by, then the VLAN map of that VLAN; the first deny stops it. A packet with an address no router
 * forwards (0.0.0.0/8, 169.254.0.0/16, 224.0.0.0/3, ::, fe80::/10, ff00::/8) is read through the router lists alone,
 * as the policy reads it: the VLAN maps decide such packets only where they are switched. A shut-down interface routes nothing,
 * and a switch whose interfaces have IPv6 addresses but no `ipv6 unicast-routing` routes no IPv6 (routing is not
 * modelled further: an SVI without an address of the packet's family is read as routing it, as the policy has it). A packet to the switch itself meets the VLAN map and
 * the in-list of the SVI it arrives on (IOS in-lists filter traffic to the router too). A VLAN map is first match by
 * sequence: an entry without match clause takes every packet, a clause matches when its list permits the packet; a
 * packet no entry takes is dropped when the map has a clause for its type (ip or ipv6), forwarded otherwise.
 *
 * Zone links: a link is the SVI `interface Vlan<vlan>` by its VLAN id, else the interface the link names, else the SVI
 * of the VLAN named like the zone. An undefined link (the uplink side) meets no filter on this switch.
 */
import { keyFamily, parsePrefix, prefixBounds, type Prefix } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigFile, ConfigLine, ConfigReading, Reader, ReadVerdict, WirePacket, ZoneLink } from '../reader.js';
import { addressMatches, serviceMatches } from './read-ace.js';
import { listKey, readDevice, type AccessList, type Device, type Entry } from './read-config.js';
import { interfaceVlan, type Interface } from './read-interface.js';
import type { Family } from './read-objects.js';

export const ciscoIosReader: Reader = {
  read(files: readonly ConfigFile[]): ConfigReading {
    return reading(readDevice(files));
  },
};

const ND_NS = 135;
const ND_NA = 136;

/** A decision of one filter on the path; undefined where nothing filters. */
type Step = () => ReadVerdict | undefined;

function reading(device: Device): ConfigReading {
  const findInterface = (link: ZoneLink | undefined) => (link ? interfaceOf(device, link) : undefined);
  const ipv6Interfaces = device.interfaces.some((i) => i.addresses.some((a) => a.includes(':')));
  const vlanOf = (link: ZoneLink | undefined) => (link ? (link.vlan ?? vlanNamed(device, link.zone) ?? interfaceVlanOf(findInterface(link))) : undefined);
  return {
    unknown: device.unknown,
    forward(p, from, to) {
      if (keyFamily(p.src) === 6 && !device.ipv6Routing && ipv6Interfaces) {
        return { action: 'deny', where: 'IPv6 unicast routing is off (no ipv6 unicast-routing): the SVIs are IPv6 hosts, not routers', lines: [] };
      }
      const [inIf, outIf] = [findInterface(from), findInterface(to)];
      const mapped = routable(p);
      return walk(
        [
          () => (mapped ? vlanMapStep(device, vlanOf(from), p) : undefined),
          () => shutStep(inIf),
          () => listStep(device, inIf, 'in', p),
          () => shutStep(outIf),
          () => listStep(device, outIf, 'out', p),
          () => (mapped ? vlanMapStep(device, vlanOf(to), p) : undefined),
        ],
        `no filter from ${from?.zone ?? 'the uplink'} to ${to?.zone ?? 'the uplink'}`,
      );
    },
    toDevice(link, p) {
      const iface = findInterface(link);
      return walk(
        [() => vlanMapStep(device, vlanOf(link), p), () => shutStep(iface), () => listStep(device, iface, 'in', p)],
        `no filter on ${iface?.name ?? `zone ${link.zone} (no interface)`}`,
      );
    },
    switched(link, p) {
      const vlan = vlanOf(link);
      return vlanMapStep(device, vlan, p) ?? { action: 'permit', where: `no VLAN map on ${vlan === undefined ? `zone ${link.zone}` : `vlan ${vlan}`}`, lines: [] };
    },
  };
}

/** The first deny stops the packet; a permit gathers every filter that let it through. */
function walk(steps: Step[], unfiltered: string): ReadVerdict {
  const passed: ReadVerdict[] = [];
  for (const step of steps) {
    const v = step();
    if (!v) continue;
    if (v.action === 'deny') return v;
    passed.push(v);
  }
  if (passed.length === 0) return { action: 'permit', where: unfiltered, lines: [] };
  return { action: 'permit', where: passed.map((v) => v.where).join('; '), lines: passed.flatMap((v) => v.lines) };
}

function interfaceOf(device: Device, link: ZoneLink): Interface | undefined {
  const byVlan = (vlan: number | undefined) => (vlan === undefined ? undefined : device.interfaces.find((i) => interfaceVlan(i) === vlan));
  const name = link.interface?.replace(/\s+/g, '').toLowerCase();
  return byVlan(link.vlan) ?? (name ? device.interfaces.find((i) => i.name.toLowerCase() === name) : undefined) ?? byVlan(vlanNamed(device, link.zone));
}

function vlanNamed(device: Device, zone: string): number | undefined {
  for (const [id, vlan] of device.vlans) if (vlan.name === zone) return id;
  return undefined;
}

/** Sources and destinations no router forwards (RFC 1812, RFC 3927, RFC 4291): unspecified, link-local, multicast, broadcast. */
const UNROUTABLE = [
  ['0.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'],
  ['::/128', 'fe80::/10', 'ff00::/8'],
].flat().map((t) => prefixBounds((parsePrefix(t) as { prefix: Prefix }).prefix));

function routable(p: WirePacket): boolean {
  return ![p.src, p.dst].some((key) => UNROUTABLE.some(([lo, hi]) => key >= lo && key <= hi));
}

const interfaceVlanOf = (iface: Interface | undefined) => (iface ? interfaceVlan(iface) : undefined);

function shutStep(iface: Interface | undefined): ReadVerdict | undefined {
  return iface?.shutdown ? { action: 'deny', where: `${iface.name} is shut down`, lines: [iface.shutdown] } : undefined;
}

function listStep(device: Device, iface: Interface | undefined, direction: 'in' | 'out', p: WirePacket): ReadVerdict | undefined {
  const family = keyFamily(p.src);
  const binding = iface?.bindings.find((b) => b.family === family && b.direction === direction);
  if (!iface || !binding) return undefined;
  const where = `${iface.name} ${direction} acl ${binding.list}`;
  const list = device.lists.get(listKey(family, binding.list));
  if (!list) return { action: 'permit', where: `${where} (not defined: permits everything)`, lines: [binding.line] };
  const r = evaluateList(device, list, p);
  return { action: r.action, where: `${where}${r.implicit ? ` (${r.implicit})` : ''}`, lines: r.lines };
}

interface ListResult {
  action: 'permit' | 'deny';
  lines: ConfigLine[];
  /** Set when no entry decided: which of the list's implicit ends did. */
  implicit?: string;
}

/** First match; then the implicit end IOS-XE gives every list with at least one entry. */
export function evaluateList(device: Device, list: AccessList, p: WirePacket): ListResult {
  if (list.entries.length === 0) return { action: 'permit', lines: [], implicit: 'no entries: permits everything' };
  for (const entry of list.entries) {
    const lines = entryMatch(device, list.family, entry, p);
    if (lines) return { action: entry.action, lines };
  }
  if (list.family === 6 && p.proto === 58 && (p.port >> 8 === ND_NS || p.port >> 8 === ND_NA)) {
    return { action: 'permit', lines: [], implicit: `implicit permit icmp any any ${p.port >> 8 === ND_NS ? 'nd-ns' : 'nd-na'}` };
  }
  return { action: 'deny', lines: [], implicit: 'implicit deny at the end' };
}

/** The lines that make an entry match the packet (the entry, then the group members it matched by), or undefined. */
function entryMatch(device: Device, family: Family, entry: Entry, p: WirePacket): ConfigLine[] | undefined {
  const inGroup = (name: string, key: bigint) => {
    const group = device.networks.get(name);
    return group !== undefined && group.family === family && iv.contains(group.set, key);
  };
  if (!addressMatches(entry.src, p.src, inGroup) || !addressMatches(entry.dst, p.dst, inGroup)) return undefined;
  const lines = [entry.line];
  if ('group' in entry.service) {
    const member = device.services.get(entry.service.group)?.find((m) => serviceMatches(m.term, p));
    if (!member) return undefined;
    lines.push(member.line);
  } else if (!serviceMatches(entry.service, p)) {
    return undefined;
  }
  for (const [term, key] of [[entry.src, p.src], [entry.dst, p.dst]] as const) {
    if (term.kind !== 'group') continue;
    const member = device.networks.get(term.name)?.members.find((m) => key >= m.lo && key <= m.hi);
    if (member) lines.push(member.line);
  }
  return lines;
}

/** The VLAN map bound to the VLAN, as documented for Catalyst VLAN maps; undefined where none is bound. */
function vlanMapStep(device: Device, vlan: number | undefined, p: WirePacket): ReadVerdict | undefined {
  const filter = vlan === undefined ? undefined : device.filters.get(vlan);
  if (!filter) return undefined;
  const entries = device.maps.get(filter.map);
  const where = `vlan filter ${filter.map} on vlan ${vlan}`;
  if (!entries) return { action: 'permit', where: `${where} (map not defined)`, lines: [filter.line] };
  const family = keyFamily(p.src);
  for (const entry of entries) {
    let matched: ConfigLine[] | undefined = entry.matches.length === 0 ? [] : undefined;
    for (const clause of entry.matches.filter((c) => c.family === family)) {
      for (const name of clause.lists) {
        const list = device.lists.get(listKey(family, name));
        const r = list && evaluateList(device, list, p);
        if (r?.action === 'permit') matched ??= [clause.line, ...r.lines];
      }
    }
    if (!matched) continue;
    const action = entry.action === 'drop' ? 'deny' : 'permit';
    const lines = [entry.header, ...matched, ...(entry.actionLine ? [entry.actionLine] : [])];
    return { action, where: `${where}, entry ${entry.seq} ${entry.action}`, lines };
  }
  if (entries.some((e) => e.matches.some((c) => c.family === family))) {
    return { action: 'deny', where: `${where}: no entry takes this IPv${family} packet (dropped)`, lines: [filter.line] };
  }
  return { action: 'permit', where: `${where}: no clause for IPv${family} (forwarded)`, lines: [filter.line] };
}
