import { formatKey } from './address.js';
import { ALL_ADDRESSES, V4_ADDRESSES, V6_ADDRESSES } from './address-set.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import { byKeySpan, domain, meets as mapsMeet, partAt, partitionAlgebra, uniform, type PartitionMap } from './partition-map.js';
import { ICMP, ICMPV6, SCTP, TCP, UDP, formatProtoPort } from './service.js';
import * as services from './service-set.js';
import { ALL_SERVICES, serviceAlgebra, type ServiceSet } from './service-set.js';
import { unionAll as unionAllOf } from './set-algebra.js';

export { ALL_SERVICES, EMPTY_SERVICES, serviceSetOf, type ServiceSet } from './service-set.js';

/** One packet: unified address keys, IP protocol, and the port dimension (see service.ts). */
export interface Packet {
  src: bigint;
  dst: bigint;
  proto: number;
  port: number;
}

/** Every packet from a source in `src` to a destination in `dst` with a service in `services`. */
export interface PacketBox {
  readonly src: IntervalSet;
  readonly dst: IntervalSet;
  readonly services: ServiceSet;
}

/** Destinations and their services, for one class of sources. */
export type Slice = PartitionMap<ServiceSet>;

/** Sources grouped by what they may send, then destinations grouped by service: a canonical form. */
export type PacketSet = PartitionMap<Slice>;

const sliceAlgebra = partitionAlgebra(serviceAlgebra);
export const packetAlgebra = partitionAlgebra(sliceAlgebra);

export const EMPTY_PACKETS: PacketSet = packetAlgebra.empty;

export const union = packetAlgebra.union;
export const intersect = packetAlgebra.intersect;
export const subtract = packetAlgebra.subtract;
export const isEmpty = packetAlgebra.isEmpty;

const ONLY_ICMP = services.protocolServices(ICMP);
const ONLY_ICMPV6 = services.protocolServices(ICMPV6);

/** Same-family pairs only, and each family's ICMP only: the other family's is never on the wire. */
export function between(src: IntervalSet, dst: IntervalSet, wanted: ServiceSet): PacketSet {
  const family = (addresses: IntervalSet, foreignIcmp: ServiceSet): PacketSet => {
    const svc = services.subtract(wanted, foreignIcmp);
    const slice = uniform(iv.intersect(dst, addresses), svc, serviceAlgebra);
    return uniform(iv.intersect(src, addresses), slice, sliceAlgebra);
  };
  return union(family(V4_ADDRESSES, ONLY_ICMPV6), family(V6_ADDRESSES, ONLY_ICMP));
}

export const ALL_PACKETS: PacketSet = between(ALL_ADDRESSES, ALL_ADDRESSES, ALL_SERVICES);

/** Union of many sets at once; use it instead of folding `union` over thousands of flows. */
export function unionAll(sets: readonly PacketSet[]): PacketSet {
  return unionAllOf(sets, packetAlgebra, byKeySpan);
}

export function equals(a: PacketSet, b: PacketSet): boolean {
  return a === b || packetAlgebra.key(a) === packetAlgebra.key(b);
}

const servicesMeet = (a: ServiceSet, b: ServiceSet) => mapsMeet(a, b, iv.meets);
const slicesMeet = (a: Slice, b: Slice) => mapsMeet(a, b, servicesMeet);

/** Whether the sets share a packet (intersect is not empty), without building anything. */
export function meets(a: PacketSet, b: PacketSet): boolean {
  return mapsMeet(a, b, slicesMeet);
}

export function isSubset(a: PacketSet, b: PacketSet): boolean {
  return isEmpty(subtract(a, b));
}

export function contains(set: PacketSet, p: Packet): boolean {
  const slice = partAt(set, p.src)?.value;
  const svc = slice && partAt(slice, p.dst)?.value;
  return svc !== undefined && services.containsService(svc, p.proto, p.port);
}

/** Disjoint boxes whose union is the set, ordered by source then destination. */
export function boxes(set: PacketSet): PacketBox[] {
  return set.parts.flatMap(({ keys: src, value: slice }) =>
    slice.parts.map(({ keys: dst, value }) => ({ src, dst, services: value })),
  );
}

const PREFERRED_PROTOCOLS = [TCP, UDP, ICMP, ICMPV6, SCTP];

/**
 * A deterministic member: the smallest source, then the smallest destination it reaches, then the first of
 * tcp, udp, icmp, icmpv6, sctp it may use (else the lowest protocol), at its lowest port (1 rather than 0).
 */
export function example(set: PacketSet): Packet | undefined {
  const sources = set.parts[0];
  if (!sources) return undefined;
  const destinations = sources.value.parts[0]!;
  const svc = destinations.value;
  const preferred = PREFERRED_PROTOCOLS.find((proto) => partAt(svc, BigInt(proto)) !== undefined);
  const proto = preferred ?? Number(svc.parts[0]!.keys[0]![0]);
  const ports = partAt(svc, BigInt(proto))!.value;
  const hasPorts = preferred === TCP || preferred === UDP || preferred === SCTP;
  const port = (hasPorts ? iv.firstFrom(ports, 1n) : undefined) ?? iv.first(ports)!;
  return { src: sources.keys[0]![0], dst: destinations.keys[0]![0], proto, port: Number(port) };
}

/** The sources that may send anything at all. */
export function sourcesOf(set: PacketSet): IntervalSet {
  return domain(set);
}

/** The destinations anything may reach. */
export function destinationsOf(set: PacketSet): IntervalSet {
  return iv.fromIntervals(set.parts.flatMap((p) => domain(p.value)));
}

/** The services anything may use. */
export function servicesOf(set: PacketSet): ServiceSet {
  return unionAllOf(
    set.parts.flatMap((p) => p.value.parts.map((d) => d.value)),
    serviceAlgebra,
  );
}

/** `10.20.1.0 → 10.50.10.20 tcp/443` */
export function formatPacket(p: Packet, text: (key: bigint) => string = formatKey): string {
  return `${text(p.src)} → ${text(p.dst)} ${formatProtoPort(p.proto, p.port)}`;
}
