import { rangeToPrefixes } from './address.js';
import { V4_ADDRESSES, V6_ADDRESSES } from './address-set.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import * as ps from './packet-set.js';
import type { Packet, PacketSet } from './packet-set.js';
import { ICMP, ICMPV6 } from './service.js';
import * as svc from './service-set.js';
import type { ServiceSet } from './service-set.js';

/** Beyond this many `proto/port` items a list is cut short: a message names a few and counts the rest. */
const MAX_ITEMS = 8;

/** What each family can carry: its own ICMP, never the other family's. */
const FAMILY_SERVICES = {
  4: svc.subtract(svc.ALL_SERVICES, svc.protocolServices(ICMPV6)),
  6: svc.subtract(svc.ALL_SERVICES, svc.protocolServices(ICMP)),
};

/**
 * The services of a packet set for messages, relative to what its address families can carry: `any`,
 * `any IPv4 service`, `any service except tcp/22`, or a short list (`tcp/443, tcp/8443`, `… and 12 more`).
 */
export function describePacketServices(set: PacketSet): string {
  const sources = ps.sourcesOf(set);
  const v4 = !iv.isEmpty(iv.intersect(sources, V4_ADDRESSES));
  const v6 = !iv.isEmpty(iv.intersect(sources, V6_ADDRESSES));
  const services = ps.servicesOf(set);
  if (svc.isEmpty(services)) return 'nothing';
  const universe = v4 && v6 ? svc.ALL_SERVICES : v6 ? FAMILY_SERVICES[6] : FAMILY_SERVICES[4];
  const family = v4 && v6 ? '' : v6 ? ' IPv6' : ' IPv4';
  const rest = svc.subtract(universe, services);
  if (svc.isEmpty(rest)) return v4 && v6 ? 'any' : `any${family} service`;
  if (itemCount(rest) < itemCount(services)) return `any${family} service except ${shortList(rest)}`;
  return shortList(services);
}

function shortList(set: ServiceSet): string {
  const items = svc.formatServiceSet(set).split(', ');
  if (items.length <= MAX_ITEMS) return items.join(', ');
  return `${items.slice(0, MAX_ITEMS).join(', ')} and ${items.length - MAX_ITEMS} more`;
}

/** How many `proto/ports` items formatting would write, counted without writing them. */
function itemCount(set: ServiceSet): number {
  let n = 0;
  for (const { keys, value } of set.parts) for (const [lo, hi] of keys) n += Number(hi - lo + 1n) * value.length;
  return n;
}

/**
 * A member of the set for messages, with addresses a device could have, picked from the first sources and the first
 * destinations they reach: by default the first host of the prefix at the start of each address range (10.20.1.1
 * in 10.20.1.0/24, fd00:20::1 in fd00:20::/64), the address itself for /31, /32, /127 and /128; the policy's
 * picker (model/address-plan.ts `exampleHost`) also passes over gateways and reserved addresses. Same protocol and
 * port as `example`.
 */
export function hostExample(set: PacketSet, pickSource = firstHost, pickDestination = pickSource): Packet | undefined {
  const first = ps.example(set);
  if (!first) return undefined;
  const sources = set.parts[0]!;
  const destinations = sources.value.parts[0]!;
  return { ...first, src: pickSource(sources.keys), dst: pickDestination(destinations.keys) };
}

export function firstHost(keys: IntervalSet): bigint {
  const [lo, hi] = keys[0]!;
  return firstHostOfRange(lo, hi);
}

/** The first host of the prefix at the start of a range, or its first address when that prefix has no hosts apart. */
export function firstHostOfRange(lo: bigint, hi: bigint): bigint {
  const prefix = rangeToPrefixes(lo, hi)[0]!;
  const smallest = prefix.family === 4 ? 30 : 126;
  return prefix.length <= smallest && lo + 1n <= hi ? lo + 1n : lo;
}
