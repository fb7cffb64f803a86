import { prefixBounds, ADDRESS_LAST } from '../net/address.js';
import { exampleHostPicker } from '../net/example-host.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import { buildDnsNames, STAND_IN_SET, type DnsNames } from './dns-names.js';
import type { EndpointRef, Policy, WrittenPrefix } from './policy.js';

/** A stretch of addresses and the one zone and group (if any) whose identity it is. */
export interface Segment {
  lo: bigint;
  hi: bigint;
  zone?: string;
  group?: string;
}

/**
 * "One identity per address" (DESIGN.md): every address belongs to the most specific zone subnet and the
 * most specific group prefix containing it; addresses in no zone are external.
 */
export interface AddressPlan {
  zone(name: string): IntervalSet;
  group(name: string): IntervalSet;
  /** The externals known by DNS name: what each stands for (model/dns-names.ts). */
  names: DnsNames;
  /** Every group, zone and external carrying the label. */
  label(name: string): IntervalSet;
  external: IntervalSet;
  /** Every zone's and group's identity segments, ascending, covering only addresses inside some zone. */
  segments: Segment[];
  endpoint(ref: EndpointRef): IntervalSet;
  endpoints(refs: readonly EndpointRef[]): IntervalSet;
  /** The zone and group of one address (a unified key). */
  identityOf(key: bigint): { zone?: string; group?: string };
  /** The address example packets show for a non-empty set (net/example-host.ts): no gateway, reserved or edge address where it has another. */
  exampleHost(keys: IntervalSet): bigint;
}

interface Claim {
  lo: bigint;
  hi: bigint;
  owner: string;
}

/** Prefixes are laminar (nested or disjoint), so one sweep with a stack gives each address its most specific owner. */
export function mostSpecificOwners(claims: Claim[]): Claim[] {
  // Wider first at equal start; for identical prefixes the first claim (in input order) is pushed last and wins.
  const sorted = claims
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : a.hi < b.hi ? 1 : b.i - a.i));
  const out: Claim[] = [];
  const stack: Claim[] = [];
  let cursor = 0n;
  const emit = (lo: bigint, hi: bigint, owner: string) => {
    if (lo > hi) return;
    const last = out[out.length - 1];
    if (last && last.owner === owner && last.hi + 1n === lo) last.hi = hi;
    else out.push({ lo, hi, owner });
  };
  const popUntil = (limit: bigint) => {
    while (stack.length > 0 && stack[stack.length - 1]!.hi < limit) {
      const top = stack.pop()!;
      emit(cursor > top.lo ? cursor : top.lo, top.hi, top.owner);
      if (top.hi + 1n > cursor) cursor = top.hi + 1n;
    }
  };
  for (const c of sorted) {
    popUntil(c.lo);
    const top = stack[stack.length - 1];
    if (top) emit(cursor, c.lo - 1n, top.owner);
    if (c.lo > cursor) cursor = c.lo;
    stack.push(c);
  }
  popUntil(ADDRESS_LAST + 1n);
  return out;
}

function claimsOf(owner: string, prefixes: readonly WrittenPrefix[]): Claim[] {
  return prefixes.map((p) => {
    const [lo, hi] = prefixBounds(p.prefix);
    return { lo, hi, owner };
  });
}

function setsByOwner(segments: Claim[]): Map<string, IntervalSet> {
  const ranges = new Map<string, [bigint, bigint][]>();
  for (const s of segments) {
    let list = ranges.get(s.owner);
    if (!list) ranges.set(s.owner, (list = []));
    list.push([s.lo, s.hi]);
  }
  return new Map([...ranges].map(([k, v]) => [k, iv.fromIntervals(v)]));
}

export function buildAddressPlan(policy: Policy): AddressPlan {
  const zoneSegments = mostSpecificOwners([...policy.zones.values()].flatMap((z) => claimsOf(z.name, z.subnets)));
  const groupSegments = mostSpecificOwners(
    [...policy.groups.values()].flatMap((g) => {
      const zone = policy.zones.get(g.zone.value);
      return claimsOf(g.name, g.addresses.length > 0 ? g.addresses : (zone?.subnets ?? []));
    }),
  );
  const zones = setsByOwner(zoneSegments);
  const groups = setsByOwner(groupSegments);
  const inZones = iv.fromIntervals(zoneSegments.map((s) => [s.lo, s.hi] as [bigint, bigint]));
  const external = iv.subtract(iv.single(0n, ADDRESS_LAST), inZones);
  const segments = mergeSegments(zoneSegments, groupSegments);
  const names = buildDnsNames(policy);
  const labelled = new Map<string, IntervalSet>();
  const labelSet = (label: string): IntervalSet => {
    let set = labelled.get(label);
    if (!set) {
      const parts: IntervalSet[] = [];
      for (const z of policy.zones.values()) if (z.labels.some((l) => l.value === label)) parts.push(zoneSet(z.name));
      for (const g of policy.groups.values()) if (g.labels.some((l) => l.value === label)) parts.push(groupSet(g.name));
      for (const e of names.all) if (e.labels.some((l) => l.value === label)) parts.push(names.set(e.name));
      set = parts.reduce(iv.union, iv.EMPTY);
      labelled.set(label, set);
    }
    return set;
  };
  const zoneSet = (name: string) => zones.get(name) ?? iv.EMPTY;
  const groupSet = (name: string) => groups.get(name) ?? iv.EMPTY;
  const endpoint = (ref: EndpointRef): IntervalSet => {
    switch (ref.kind) {
      case 'any':
        return iv.single(0n, ADDRESS_LAST);
      case 'external':
        return external;
      case 'zone':
        return zoneSet(ref.name);
      case 'group':
        return groupSet(ref.name);
      case 'name':
        return names.set(ref.name);
      case 'label':
        return labelSet(ref.label);
      case 'prefix':
        return iv.single(...prefixBounds(ref.prefix.prefix));
      case 'unresolved':
        return iv.EMPTY;
    }
  };
  const endpointsOf = new WeakMap<readonly EndpointRef[], IntervalSet>();
  return {
    zone: zoneSet,
    group: groupSet,
    names,
    label: labelSet,
    external,
    segments,
    endpoint,
    endpoints: (refs) => {
      // Checks, simulator and compiler ask for the same intents' endpoints many times over.
      let set = endpointsOf.get(refs);
      if (!set) endpointsOf.set(refs, (set = refs.map(endpoint).reduce(iv.union, iv.EMPTY)));
      return set;
    },
    identityOf: (key) => identityAt(segments, key),
    // A name's stand-in only where the set holds nothing else: an example of `external` is an address, not a name.
    exampleHost: exampleHostPicker(iv.union(routerAndEdgeAddresses(policy), STAND_IN_SET)),
  };
}

/**
 * What no host of a zone has: its gateways, the devices' own addresses beside them (gateway + k), and the network
 * and broadcast addresses of its IPv4 subnets up to /30 (the subnet-router anycast, the first, of IPv6 up to /126).
 */
function routerAndEdgeAddresses(policy: Policy): IntervalSet {
  const out: [bigint, bigint][] = [];
  for (const zone of policy.zones.values()) {
    const devices = policy.enforcementPoints.get(zone.via.value)?.devices?.length ?? 0;
    for (const g of zone.gateways) {
      const gateway = prefixBounds(g.prefix)[0];
      out.push([gateway, gateway + BigInt(devices)]);
    }
    for (const s of zone.subnets) {
      const [lo, hi] = prefixBounds(s.prefix);
      if (s.prefix.length > (s.prefix.family === 4 ? 30 : 126)) continue;
      out.push([lo, lo]);
      if (s.prefix.family === 4) out.push([hi, hi]);
    }
  }
  return iv.fromIntervals(out);
}

/** Overlays group segments on zone segments; group segments outside every zone are dropped (WL403 reports them). */
function mergeSegments(zoneSegs: Claim[], groupSegs: Claim[]): Segment[] {
  const points = new Set<bigint>();
  for (const s of [...zoneSegs, ...groupSegs]) {
    points.add(s.lo);
    points.add(s.hi + 1n);
  }
  const cuts = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Segment[] = [];
  let zi = 0;
  let gi = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const lo = cuts[k]!;
    const hi = cuts[k + 1]! - 1n;
    while (zi < zoneSegs.length && zoneSegs[zi]!.hi < lo) zi++;
    while (gi < groupSegs.length && groupSegs[gi]!.hi < lo) gi++;
    const z = zoneSegs[zi];
    if (!z || z.lo > lo) continue;
    const g = groupSegs[gi];
    const seg: Segment = { lo, hi, zone: z.owner };
    if (g && g.lo <= lo) seg.group = g.owner;
    const last = out[out.length - 1];
    if (last && last.zone === seg.zone && last.group === seg.group && last.hi + 1n === lo) last.hi = hi;
    else out.push(seg);
  }
  return out;
}

function identityAt(segments: Segment[], key: bigint): { zone?: string; group?: string } {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (key < s.lo) hi = mid - 1;
    else if (key > s.hi) lo = mid + 1;
    else return s.group === undefined ? { zone: s.zone! } : { zone: s.zone!, group: s.group };
  }
  return {};
}
