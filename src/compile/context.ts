import type { AddressPlan } from '../model/address-plan.js';
import type { IntentPackets } from '../model/intent-packets.js';
import type { Policy, WrittenPrefix, Zone } from '../model/policy.js';
import { addZonesTouched } from '../model/zone-index.js';
import { addressKey, formatAddress, parseAddress, prefixContains } from '../net/address.js';
import { relayServers } from '../model/infrastructure.js';
import type { DhcpRelay, Family } from './ir.js';
import { knownSets, type KnownSets } from './objects.js';
import { effectivePermits, type Rule } from './rules.js';
import type { PacketSet } from '../net/packet-set.js';

/** What every enforcement point's program is cut from: the policy's one ordered rule list. */
export interface CompileContext {
  policy: Policy;
  plan: AddressPlan;
  packets: IntentPackets;
  rules: Rule[];
  permits: { rule: Rule; packets: PacketSet }[];
  /** Names and prefixes of address sets, shared by every enforcement point's object table. */
  known: KnownSets;
  /** Rules and permits by the zones their sources and destinations touch, so a zone's lists skip unrelated intents. */
  byZone: ZoneSides;
}

/** Per zone, in policy order: the rules and permits with sources (or destinations) in it. */
export interface ZoneSides {
  rules(sides: readonly ('src' | 'dst')[], zones: readonly string[]): Rule[];
  permits(side: 'src' | 'dst', zone: string): { rule: Rule; packets: PacketSet }[];
  /** The zones (and `external`) the sources and destinations of an indexed rule's or permit's packets touch. */
  zonesOf(packets: PacketSet): { src: string[]; dst: string[] } | undefined;
}

type Touched = WeakMap<PacketSet, { src: string[]; dst: string[] }>;

type SideLookup<T> = (sides: readonly ('src' | 'dst')[], zones: readonly string[]) => T[];

function sideIndex<T>(plan: AddressPlan, touched: Touched, items: readonly T[], packetsOf: (t: T) => PacketSet): SideLookup<T> {
  const index = { src: new Map<string, number[]>(), dst: new Map<string, number[]>() };
  items.forEach((item, i) => {
    const packets = packetsOf(item);
    let zones = touched.get(packets);
    if (!zones) touched.set(packets, (zones = zonesOfPackets(plan, packets)));
    for (const side of ['src', 'dst'] as const) {
      for (const zone of zones[side]) {
        let list = index[side].get(zone);
        if (!list) index[side].set(zone, (list = []));
        list.push(i);
      }
    }
  });
  return (sides, zones) => {
    const lists = sides.flatMap((side) => zones.map((z) => index[side].get(z) ?? []));
    if (lists.length === 1) return lists[0]!.map((i) => items[i]!);
    return [...new Set(lists.flat())].sort((a, b) => a - b).map((i) => items[i]!);
  };
}

/** The zones a packet set's sources and destinations touch, from its pieces: no address set is built. */
function zonesOfPackets(plan: AddressPlan, packets: PacketSet): { src: string[]; dst: string[] } {
  const src = new Set<string>();
  const dst = new Set<string>();
  for (const piece of packets.pieces) addZonesTouched(plan, piece.lo, piece.hi, src);
  for (const part of packets.parts) for (const piece of part.value.pieces) addZonesTouched(plan, piece.lo, piece.hi, dst);
  return { src: [...src].sort(), dst: [...dst].sort() };
}

export function compileContext(policy: Policy, plan: AddressPlan, packets: IntentPackets, rules: Rule[]): CompileContext {
  const permits = effectivePermits(rules);
  // Per policy: the default rule's packets are one shared constant, whose zones differ from policy to policy.
  const touched: Touched = new WeakMap();
  const byZone: ZoneSides = {
    rules: sideIndex(plan, touched, rules, (r) => r.packets),
    permits: ((lookup) => (side: 'src' | 'dst', zone: string) => lookup([side], [zone]))(sideIndex(plan, touched, permits, (p) => p.packets)),
    zonesOf: (packets) => touched.get(packets),
  };
  return { policy, plan, packets, rules, permits, known: knownSets(policy, plan), byZone };
}

/** The zones an enforcement point routes, in the order the policy defines them. */
export function zonesVia(policy: Policy, point: string): Zone[] {
  return [...policy.zones.values()].filter((z) => z.via.value === point);
}

/**
 * The families in which a zone has two or more subnets: its hosts in different subnets reach each other through the
 * zone's SVI or firewall interface (routed), which must pass them, since the policy treats a zone as one segment.
 * An isolated zone has none: its isolation stops that traffic anyway.
 */
export function routedSegmentFamilies(zone: Zone): Family[] {
  if (zone.isolation) return [];
  return ([4, 6] as const).filter((f) => zone.subnets.filter((s) => s.prefix.family === f).length >= 2);
}

export function familiesOf(zone: Zone): Family[] {
  const set = new Set(zone.subnets.map((s) => s.prefix.family));
  return ([4, 6] as const).filter((f) => set.has(f));
}

/** The zone's relay servers as IR, or nothing when it relays nothing (WL410 refuses a policy where they are no hosts). */
export function dhcpRelayOf(ctx: CompileContext, zone: Zone): DhcpRelay[] | undefined {
  const servers = relayServers(ctx.plan, zone);
  if ('problem' in servers) throw new Error(`zone ${zone.name}: ${servers.problem} (WL410 should have refused the policy)`);
  // A family the zone has no subnet of has no clients to relay for.
  const local = (address: string) => {
    const parsed = parseAddress(address)!;
    const at = ctx.plan.identityOf(addressKey(parsed.family, parsed.value)).zone;
    return at !== undefined && ctx.policy.zones.get(at)?.via.value === zone.via.value ? at : undefined;
  };
  const relays = servers
    .filter(({ family }) => familiesOf(zone).includes(family))
    .map(({ family, addresses }) => ({ family, servers: addresses, serverZones: addresses.map(local) }));
  return relays.length > 0 ? relays : undefined;
}

/** SVI addresses with the length of the subnet that holds them. */
export function gatewaysOf(zone: Zone): { family: Family; address: string; length: number }[] {
  return zone.gateways.flatMap((gw: WrittenPrefix) => {
    const subnet = zone.subnets.find((s) => prefixContains(s.prefix, gw.prefix));
    if (!subnet) return [];
    return [{ family: gw.prefix.family, address: formatAddress(gw.prefix.family, gw.prefix.network), length: subnet.prefix.length }];
  });
}
