/**
 * The Arista EOS reader: what a leaf's `config.txt` does to packets, read under EOS's documented semantics, written
 * from the platform's manuals and not from this folder's renderer.
 *
 * Semantics:
 * - An IPv4 or IPv6 access list is checked in sequence-number order (not file order); the first rule that matches
 *   decides; a packet no rule matches is denied (the implicit deny). Remarks only take a number.
 * - A list bound to a routed interface (`ip|ipv6 access-group NAME in|out`) filters the packets of its family that
 *   enter (`in`) or leave (`out`) by it; no list bound for the family and direction: the interface filters nothing.
 *   The lists are stateless: `established` matches a TCP segment with ACK or RST set, whatever the connection.
 * - Packets addressed to the switch (its SVI and VARP addresses, link-scope and broadcast) are filtered by the inbound
 *   list of the interface they arrive on, as routed ones are; the control-plane ACL is assumed to pass them.
 * - A shut-down interface routes nothing. Routing is assumed on, and an interface's addresses may be configured
 *   outside these files (wardline writes the part of the config it owns): a missing address is not read as
 *   "routes nothing".
 * - SVI lists do not see bridged traffic: a packet switched inside a VLAN passes (no VLAN filter is understood).
 *
 * Zone links: a link is the interface `Vlan<vlan>` when the link has a VLAN id and the config has that SVI, else the
 * interface the link names, else the SVI of the VLAN whose `name` is the zone's name. A link none of these finds is
 * not routed by this switch (denied). `undefined` (the uplink side) is filtered by nothing in these files.
 *
 * Understood syntax (anything else is returned in `unknown` with its reason, never skipped); `!` lines are comments:
 * - `ip access-list [standard] NAME`, `ipv6 access-list [standard] NAME`, and in them `[SEQ] remark TEXT`,
 *   `[SEQ] permit|deny ...` (an entry without a number goes 10 after the last), `counters|statistics per-entry`:
 *   extended: `PROTO SRC [PORTS] DST [PORTS] [ICMP] [FLAGS] [log]`; standard: `SRC [log]`.
 *   PROTO: `ip` / `ipv6` (every protocol), tcp, udp, icmp, icmpv6, igmp, gre, esp, ahp, ospf, pim, vrrp, sctp,
 *   or a number 0-255 (a number never takes ports or ICMP messages). Addresses: `any`, `host A`, `A/LEN`, and in
 *   IPv4 lists `A WILDCARD` (wildcard mask, contiguous or not). PORTS (after tcp / udp only): `eq P...`,
 *   `neq P...`, `gt P`, `lt P`, `range P P`, P a number or a port name (www, https, domain, ntp, bootps, ...).
 *   ICMP (after icmp / icmpv6): `TYPE [CODE]` or a message name (echo, echo-reply, unreachable, ...).
 *   FLAGS (after tcp): `established` (ACK or RST set) or flag words (syn, ack, fin, psh, rst, urg: all set).
 * - `interface NAME` with `description`, `ip address A/LEN|A MASK [secondary]`, `ip address virtual A/LEN`,
 *   `ipv6 enable`, `ipv6 address X/LEN`, `ip|ipv6 virtual-router address`, `vrrp N ...`, `ip helper-address`,
 *   `ipv6 dhcp relay destination`, `ip|ipv6 access-group NAME in|out`, `mtu N`, `shutdown`, `no shutdown`.
 * - `vlan ID` with `name NAME`; `ip virtual-router mac-address MAC`; `hostname`, `ip routing`,
 *   `ipv6 unicast-routing`, `exit`, `end`.
 * Reported as unknown although EOS takes them: a second access list of one name, a repeated sequence number (the
 * entry is not read), a second access-group for one direction (the last one counts), a binding to a list the
 * files do not define or of the other family (it then filters nothing), and options that narrow a rule further
 * (ttl, dscp, fragments, vlan ...): the rule is not read.
 */
import { keyFamily, keyValue } from '../../src/net/address.js';
import type { ConfigReading, ReadVerdict, Reader, WirePacket, ZoneLink } from '../reader.js';
import { groupKey, listKey, readConfig, type AccessList, type DeviceConfig, type Interface } from './read-config.js';
import { ruleMatches } from './read-entry.js';

export const aristaEosReader: Reader = {
  read(files) {
    const config = readConfig(files);
    return {
      forward: (p, from, to) => forward(config, p, from, to),
      toDevice: (link, p) => {
        const iface = interfaceFor(config, link);
        return iface ? filter(config, iface, 'in', p) : notRouted(link);
      },
      switched: (link) => ({
        action: 'permit',
        where: `${interfaceFor(config, link)?.name ?? `VLAN of zone ${link.zone}`}: EOS SVI lists do not filter bridged traffic`,
        lines: [],
      }),
      unknown: config.unknown,
    } satisfies ConfigReading;
  },
};

function forward(config: DeviceConfig, p: WirePacket, from: ZoneLink | undefined, to: ZoneLink | undefined): ReadVerdict {
  const steps: ReadVerdict[] = [];
  for (const [link, direction] of [[from, 'in'], [to, 'out']] as const) {
    if (!link) continue;
    const iface = interfaceFor(config, link);
    const step = iface ? filter(config, iface, direction, p) : notRouted(link);
    if (step.action === 'deny') return step;
    steps.push(step);
  }
  if (steps.length === 0) return { action: 'permit', where: 'uplink to uplink: no interface of these files', lines: [] };
  return { action: 'permit', where: steps.map((s) => s.where).join(', then '), lines: steps.flatMap((s) => s.lines) };
}

/** The link's interface: its VLAN's SVI, else the interface it names, else the SVI of the VLAN named after its zone. */
function interfaceFor(config: DeviceConfig, link: ZoneLink): Interface | undefined {
  const byVlan = link.vlan === undefined ? undefined : config.interfaces.get(`vlan${link.vlan}`);
  const byName = link.interface === undefined ? undefined : config.interfaces.get(link.interface.toLowerCase());
  const named = config.vlanNames.get(link.zone);
  return byVlan ?? byName ?? (named === undefined ? undefined : config.interfaces.get(`vlan${named}`));
}

function notRouted(link: ZoneLink): ReadVerdict {
  const vlan = link.vlan === undefined ? '' : ` (VLAN ${link.vlan})`;
  return { action: 'deny', where: `no interface of zone ${link.zone}${vlan} in these files: the switch does not route it`, lines: [] };
}

const byProtocol = new WeakMap<AccessList, Map<number, AccessList['entries']>>();

/** The list's entries that can match a protocol (its own and `ip`), in list order: the rest never match it. */
function entriesFor(list: AccessList, proto: number): AccessList['entries'] {
  let index = byProtocol.get(list);
  if (!index) byProtocol.set(list, (index = new Map()));
  let entries = index.get(proto);
  if (!entries) index.set(proto, (entries = list.entries.filter((e) => e.rule.proto === 'any' || e.rule.proto === proto)));
  return entries;
}

/** What one interface does to a packet of its family entering (`in`) or leaving (`out`) by it. */
function filter(config: DeviceConfig, iface: Interface, direction: 'in' | 'out', p: WirePacket): ReadVerdict {
  const family = keyFamily(p.src);
  if (iface.shutdown) return { action: 'deny', where: `${iface.name} is shut down`, lines: [iface.shutdown] };
  const binding = iface.groups.get(groupKey(family, direction));
  if (!binding) return { action: 'permit', where: `${iface.name} ${direction}: no ${family === 4 ? 'ip' : 'ipv6'} access-group`, lines: [] };
  const list = config.lists.get(listKey(family, binding.list));
  if (!list) return { action: 'permit', where: `${iface.name} ${direction}: access list ${binding.list} is not defined`, lines: [binding.line] };
  const where = `${iface.name} ${direction} acl ${list.name}`;
  const [src, dst] = [keyValue(p.src), keyValue(p.dst)];
  const entry = entriesFor(list, p.proto).find((e) => ruleMatches(e.rule, p, src, dst));
  if (!entry) return { action: 'deny', where: `${where}: implicit deny at the end`, lines: [] };
  return { action: entry.rule.action, where: `${where} seq ${entry.seq}`, lines: [entry.line] };
}
