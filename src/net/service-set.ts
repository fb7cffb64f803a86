import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import { fromParts, partAt, partitionAlgebra, uniform, type PartitionMap } from './partition-map.js';
import { PORT_LAST, PROTO_LAST, formatServiceRange, hasPortDimension, type ServiceSpec } from './service.js';
import { intervalAlgebra } from './set-algebra.js';

/** A set over (proto, port): each distinct port set once, with the protocols that carry it. */
export type ServiceSet = PartitionMap<IntervalSet>;

export const serviceAlgebra = partitionAlgebra(intervalAlgebra);

const ALL_PORTS = iv.single(0n, BigInt(PORT_LAST));

export const EMPTY_SERVICES: ServiceSet = serviceAlgebra.empty;
export const ALL_SERVICES: ServiceSet = uniform(iv.single(0n, BigInt(PROTO_LAST)), ALL_PORTS, intervalAlgebra);

/** Every message of one protocol. */
export function protocolServices(proto: number): ServiceSet {
  return uniform(iv.single(BigInt(proto), BigInt(proto)), ALL_PORTS, intervalAlgebra);
}

export function serviceSetOf(specs: readonly ServiceSpec[]): ServiceSet {
  const byProto = new Map<number, [bigint, bigint][]>();
  for (const s of specs) {
    // Protocols without ports always span the whole port dimension, so equal sets keep one form.
    const range: [bigint, bigint] = hasPortDimension(s.proto) ? [BigInt(s.lo), BigInt(s.hi)] : [0n, BigInt(PORT_LAST)];
    const list = byProto.get(s.proto);
    if (list) list.push(range);
    else byProto.set(s.proto, [range]);
  }
  // Protocols with equal port sets share one part, as the canonical form requires.
  const byPorts = new Map<string, { ports: IntervalSet; protos: [bigint, bigint][] }>();
  for (const [proto, ranges] of byProto) {
    const ports = iv.fromIntervals(ranges);
    if (iv.isEmpty(ports)) continue;
    const key = intervalAlgebra.key(ports);
    const entry = byPorts.get(key);
    if (entry) entry.protos.push([BigInt(proto), BigInt(proto)]);
    else byPorts.set(key, { ports, protos: [[BigInt(proto), BigInt(proto)]] });
  }
  return fromParts([...byPorts.values()].map((e) => ({ keys: iv.fromIntervals(e.protos), value: e.ports })));
}

export const union = serviceAlgebra.union;
export const intersect = serviceAlgebra.intersect;
export const subtract = serviceAlgebra.subtract;
export const isEmpty = serviceAlgebra.isEmpty;

export function equals(a: ServiceSet, b: ServiceSet): boolean {
  return a === b || serviceAlgebra.key(a) === serviceAlgebra.key(b);
}

export function isSubset(a: ServiceSet, b: ServiceSet): boolean {
  return isEmpty(subtract(a, b));
}

export function containsService(set: ServiceSet, proto: number, port: number): boolean {
  const part = partAt(set, BigInt(proto));
  return part !== undefined && iv.contains(part.value, BigInt(port));
}

/** The set as port ranges per protocol, ascending by protocol then port. */
export function serviceRanges(set: ServiceSet): { proto: number; lo: number; hi: number }[] {
  const out: { proto: number; lo: number; hi: number }[] = [];
  for (const { keys, value } of set.parts) {
    for (const [pLo, pHi] of keys) {
      for (let proto = Number(pLo); proto <= Number(pHi); proto++) {
        for (const [lo, hi] of value) out.push({ proto, lo: Number(lo), hi: Number(hi) });
      }
    }
  }
  return out.sort((a, b) => a.proto - b.proto || a.lo - b.lo);
}

/** `tcp/443, udp/53` for messages; `any` for every service, `nothing` when empty. */
export function formatServiceSet(set: ServiceSet): string {
  if (equals(set, ALL_SERVICES)) return 'any';
  if (isEmpty(set)) return 'nothing';
  return serviceRanges(set)
    .map((r) => formatServiceRange(r.proto, r.lo, r.hi))
    .join(', ');
}
