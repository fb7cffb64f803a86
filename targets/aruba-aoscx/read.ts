/**
 * The AOS-CX reader: the CLI text of one switch (`config.txt`) read back as AOS-CX 10.x reads it, from the vendor's
 * ACL and VLAN documentation, never from the renderer.
 *
 * Syntax understood (contexts are taken as the CLI takes pasted lines: a command the current context lacks is tried in
 * the enclosing one, then globally; `exit` leaves one context, `end` all; `!` lines are comments):
 * - `object-group ip|ipv6 address NAME` with entries `[seq] ADDRESS[/LEN|/MASK]` (IPv4 masks may be non-contiguous; a
 *   bare address is one host); `object-group port NAME` with `[seq] eq|neq|gt|lt P` / `[seq] range A B`; `no <seq>`.
 * - `access-list ip|ipv6 NAME` with `[seq] comment TEXT` and ACEs `[seq] permit|deny PROTO SRC [PORTS] DST [PORTS]
 *   [established] [ack|fin|psh|rst|syn|urg]... [icmp-type T [icmp-code C]] [log] [count]`; `no <seq>`;
 *   `no access-list ip|ipv6 NAME`. PROTO: `any` (also `ip` in IPv4, `ipv6` in IPv6 lists), tcp, udp, sctp, icmp (IPv4),
 *   icmpv6 (IPv6), ah, esp, gre, igmp, pim or a number 0-255 (taken literally: 0 is protocol 0). SRC/DST: `any`, an
 *   address as in object groups, or an address object-group name. PORTS (tcp/udp/sctp only): `eq|neq|gt|lt P`,
 *   `range A B` (numbers), `group PORT-GROUP`. ICMP types by number or the usual names (echo, echo-reply, ...).
 * - `vlan N` with `name`, `description`, `vsx-sync`, `[no] shutdown`, `[no] apply access-list ip|ipv6 NAME in|out`.
 * - `interface vlan N` with `description`, `ip address A/LEN [secondary]`, `ipv6 address X/LEN | link-local [X/LEN] |
 *   autoconfig`, `active-gateway ip|ipv6 [mac M | ADDRESS]` (VSX), `ip helper-address A [vrf V]`, `ipv6 helper-address
 *   unicast X [vrf V]`, `vrf attach V`, `ip mtu N`, `[no] shutdown`, `[no] apply access-list ip|ipv6 NAME routed-in|
 *   routed-out`, and `vrrp N address-family ipv4|ipv6` with `address A [primary|secondary]`, `priority`, `version`,
 *   `[no] preempt`, `[no] shutdown`. `configure terminal`, `hostname X`.
 * Anything else (other match criteria such as dscp or fragment, port names, `host`, physical interfaces) is reported
 * unknown with its reason, as is an ACE naming an undefined or other-family object group and a binding of an undefined
 * or other-family list: the device refuses those, so they filter nothing here.
 *
 * Semantics: an ACL is evaluated in sequence-number order (not line order), first match wins, and ends in an implicit
 * deny; no list bound means no filtering. `established` matches TCP segments with ACK or RST set; a named flag must be
 * set. The filter is stateless: `state` changes nothing. A routed packet meets the VLAN ACL `in` of the VLAN it enters
 * (it applies to bridged and routed traffic), the `routed-in` list of that interface VLAN, the `routed-out` list of the
 * interface VLAN it leaves by, then that VLAN's `out` list; the first deny stops it. A VLAN is routed only when it has an
 * interface VLAN; its addresses are not required in the text (pasted onto a running switch, they may be there
 * already). A packet for the switch itself meets the VLAN `in` list and the `routed-in` list of its interface VLAN
 * (taken as filtering what arrives routed on the interface VLAN, the switch's own addresses included; the control-plane
 * ACL, which this reader does not read, may filter it further). A switched packet meets the VLAN's lists only.
 * Zone links map to a VLAN by VLAN id, then by interface name (`vlan N`), then by the VLAN's `name` (the zone's name);
 * the undefined link (uplink, transit) has no filter this reader knows of.
 */
import { keyFamily } from '../../src/net/address.js';
import type { ConfigLine, ConfigReading, Reader, ReadVerdict, WirePacket, ZoneLink } from '../reader.js';
import { parseConfig } from './read-config.js';
import type { Binding, Config, Family } from './read-model.js';
import { checkReferences, evaluateAcl, orderedAces, type Decision } from './read-eval.js';

export const arubaAoscxReader: Reader = {
  read(files) {
    const config = parseConfig(files);
    checkReferences(config);
    return reading(config);
  },
};

/** One step of a packet's path: a filter's decision, undefined when no list is bound there. */
type Step = () => Decision | undefined;

function reading(config: Config): ConfigReading {
  const ordered = orderedAces(config);
  const run = (binding: Binding | undefined, p: WirePacket, where: string) =>
    binding ? evaluateAcl(config, ordered, binding, p, where) : undefined;
  const vlanFilter = (id: number, direction: 'in' | 'out', p: WirePacket): Step => () =>
    run(config.vlans.get(id)?.[direction][family(p)], p, `vlan ${id} ${direction}`);
  /** Only a VLAN with an interface VLAN is routed; its routed list then sees the packet. */
  const routed = (id: number, direction: 'routed-in' | 'routed-out', p: WirePacket): Step => () => {
    const svi = config.svis.get(id);
    if (!svi) return { action: 'deny', where: `vlan ${id} has no interface vlan: not routed`, lines: [] };
    return run(direction === 'routed-in' ? svi.routedIn[family(p)] : svi.routedOut[family(p)], p, `interface vlan ${id} ${direction}`);
  };
  const missing = (link: ZoneLink): ReadVerdict => ({ action: 'deny', where: `no VLAN of zone ${link.zone} on this switch`, lines: [] });
  return {
    forward(p, from, to) {
      const steps: Step[] = [];
      for (const [link, side] of [[from, 'in'], [to, 'out']] as const) {
        if (!link) continue;
        const id = linkVlan(config, link);
        if (id === undefined) return missing(link);
        if (side === 'in') steps.push(vlanFilter(id, 'in', p), routed(id, 'routed-in', p));
        else steps.push(routed(id, 'routed-out', p), vlanFilter(id, 'out', p));
      }
      return walk(steps);
    },
    toDevice(link, p) {
      const id = linkVlan(config, link);
      if (id === undefined) return missing(link);
      return walk([vlanFilter(id, 'in', p), routed(id, 'routed-in', p)]);
    },
    switched(link, p) {
      const id = linkVlan(config, link);
      if (id === undefined) return { action: 'permit', where: `no VLAN of zone ${link.zone} on this switch`, lines: [] };
      return walk([vlanFilter(id, 'in', p), vlanFilter(id, 'out', p)]);
    },
    unknown: config.unknown,
  };
}

const family = (p: WirePacket): Family => keyFamily(p.src);

/** Every step in order, the first deny stops; a permit names every list that passed the packet. */
function walk(steps: Step[]): ReadVerdict {
  const where: string[] = [];
  const lines: ConfigLine[] = [];
  for (const step of steps) {
    const d = step();
    if (!d) continue;
    if (d.action === 'deny') return d;
    where.push(d.where);
    lines.push(...d.lines);
  }
  return { action: 'permit', where: where.length > 0 ? where.join(', ') : 'no filter bound', lines };
}

/** The VLAN of a zone's link: by VLAN id, then interface name (`vlan N`), then the VLAN's name. */
function linkVlan(config: Config, link: ZoneLink): number | undefined {
  if (link.vlan !== undefined && config.vlans.has(link.vlan)) return link.vlan;
  const named = /^(?:interface\s*)?vlan\s*(\d+)$/i.exec(link.interface?.trim() ?? '')?.[1];
  if (named !== undefined && config.vlans.has(Number(named))) return Number(named);
  return [...config.vlans.values()].find((v) => v.name === link.zone)?.id;
}
