import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { V6_FIRST } from './address.js';
import { ALL_ADDRESSES } from './address-set.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import * as ps from './packet-set.js';
import type { Packet, PacketSet } from './packet-set.js';
import { ICMP, ICMPV6, TCP, UDP, type ServiceSpec } from './service.js';

// The universe: 8 IPv4 addresses (10.0.0.0/29), 8 IPv6 addresses (fd00::/125), 4 protocols, ports 0-7.
const V4_BASE = 0x0a000000n;
const V6_BASE = V6_FIRST + (0xfd00n << 112n);
const ADDRESSES = [...Array.from({ length: 8 }, (_, i) => V4_BASE + BigInt(i)), ...Array.from({ length: 8 }, (_, i) => V6_BASE + BigInt(i))];
const PROTOS = [ICMP, TCP, UDP, ICMPV6];
const PORTS = 8;
const UNIVERSE: Packet[] = ADDRESSES.flatMap((src) =>
  ADDRESSES.flatMap((dst) => PROTOS.flatMap((proto) => Array.from({ length: PORTS }, (_, port) => ({ src, dst, proto, port })))),
);
const isV4 = (key: bigint) => key < V6_FIRST;

/** A box as the test models it: address index ranges (0-7 IPv4, 8-15 IPv6) and specs, or everything. */
interface ModelBox {
  src: [number, number] | 'all';
  dst: [number, number] | 'all';
  specs: ServiceSpec[] | 'all';
}

const addressSet = (range: [number, number] | 'all'): IntervalSet => {
  if (range === 'all') return ALL_ADDRESSES;
  const indexes = Array.from({ length: range[1] - range[0] + 1 }, (_, k) => range[0] + k);
  return iv.fromIntervals(indexes.map((i) => [ADDRESSES[i]!, ADDRESSES[i]!]));
};

const inRange = (range: [number, number] | 'all', key: bigint) => range === 'all' || ADDRESSES.slice(range[0], range[1] + 1).includes(key);

function boxHolds(box: ModelBox, p: Packet): boolean {
  if (isV4(p.src) !== isV4(p.dst)) return false;
  if ((isV4(p.src) && p.proto === ICMPV6) || (!isV4(p.src) && p.proto === ICMP)) return false;
  const service = box.specs === 'all' || box.specs.some((s) => s.proto === p.proto && s.lo <= p.port && p.port <= s.hi);
  return service && inRange(box.src, p.src) && inRange(box.dst, p.dst);
}

const toSet = (boxes: ModelBox[]): PacketSet =>
  ps.unionAll(
    boxes.map((b) => ps.between(addressSet(b.src), addressSet(b.dst), b.specs === 'all' ? ps.ALL_SERVICES : ps.serviceSetOf(b.specs))),
  );
const bitsOf = (boxes: ModelBox[]) => UNIVERSE.map((p) => boxes.some((b) => boxHolds(b, p)));
const members = (set: PacketSet) => UNIVERSE.map((p) => ps.contains(set, p));

const arbRange = fc
  .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 5 }))
  .map(([lo, span]): [number, number] => [lo, Math.min(15, lo + span)]);
const arbSpec = fc
  .tuple(fc.constantFrom(...PROTOS), fc.integer({ min: 0, max: PORTS - 1 }), fc.integer({ min: 0, max: 3 }))
  .map(([proto, lo, span]): ServiceSpec => ({ proto, lo, hi: Math.min(PORTS - 1, lo + span), text: '' }));
const arbBox = (wide: boolean): fc.Arbitrary<ModelBox> =>
  fc.record({
    src: wide ? fc.oneof(arbRange, fc.constant('all' as const)) : arbRange,
    dst: wide ? fc.oneof(arbRange, fc.constant('all' as const)) : arbRange,
    specs: wide ? fc.oneof(fc.array(arbSpec, { maxLength: 3 }), fc.constant('all' as const)) : fc.array(arbSpec, { maxLength: 3 }),
  });
/** Sets inside the universe, so emptiness and inclusion can be checked by enumeration. */
const arbInside = fc.array(arbBox(false), { maxLength: 4 });
/** Sets that may reach far outside the universe (any address, any service). */
const arbWide = fc.array(arbBox(true), { maxLength: 4 });

const RUNS = { numRuns: 60 };

describe('packet sets against brute force on a small universe (property)', () => {
  it('between and union build exactly the modelled packets', () => {
    fc.assert(
      fc.property(arbWide, (boxes) => {
        expect(members(toSet(boxes))).toEqual(bitsOf(boxes));
      }),
      { seed: 11, ...RUNS },
    );
  });

  it('union, intersect and subtract agree with or, and, and-not', () => {
    fc.assert(
      fc.property(arbWide, arbWide, (la, lb) => {
        const [a, b] = [toSet(la), toSet(lb)];
        const [ba, bb] = [bitsOf(la), bitsOf(lb)];
        expect(members(ps.union(a, b))).toEqual(ba.map((x, i) => x || bb[i]!));
        expect(members(ps.intersect(a, b))).toEqual(ba.map((x, i) => x && bb[i]!));
        expect(members(ps.subtract(a, b))).toEqual(ba.map((x, i) => x && !bb[i]!));
        expect(ps.meets(a, b)).toBe(ba.some((x, i) => x && bb[i]!));
      }),
      { seed: 12, ...RUNS },
    );
  });

  it('isEmpty, isSubset and equals agree with enumeration', () => {
    fc.assert(
      fc.property(arbInside, arbInside, (la, lb) => {
        const [a, b] = [toSet(la), toSet(lb)];
        const [ba, bb] = [bitsOf(la), bitsOf(lb)];
        expect(ps.isEmpty(a)).toBe(!ba.includes(true));
        expect(ps.isSubset(a, b)).toBe(ba.every((x, i) => !x || bb[i]));
        expect(ps.equals(a, b)).toBe(ba.every((x, i) => x === bb[i]));
        expect(ps.isSubset(ps.intersect(a, b), a)).toBe(true);
        expect(ps.equals(ps.union(ps.subtract(a, b), ps.intersect(a, b)), a)).toBe(true);
      }),
      { seed: 13, ...RUNS },
    );
  });

  it('is canonical: equal sets have the same boxes however they were built', () => {
    fc.assert(
      fc.property(arbWide, arbWide, (la, lb) => {
        const [a, b] = [toSet(la), toSet(lb)];
        expect(ps.boxes(ps.union(a, b))).toEqual(ps.boxes(ps.union(b, a)));
        expect(ps.boxes(toSet([...la].reverse()))).toEqual(ps.boxes(a));
        expect(ps.boxes(ps.subtract(a, ps.intersect(a, b)))).toEqual(ps.boxes(ps.subtract(a, b)));
      }),
      { seed: 14, ...RUNS },
    );
  });

  it('boxes are disjoint and cover the set exactly', () => {
    fc.assert(
      fc.property(arbInside, (boxes) => {
        const set = toSet(boxes);
        const pieces = ps.boxes(set).map((b) => ps.between(b.src, b.dst, b.services));
        const hits = UNIVERSE.map((p) => pieces.filter((piece) => ps.contains(piece, p)).length);
        expect(hits.every((n) => n <= 1)).toBe(true);
        expect(hits.map((n) => n === 1)).toEqual(bitsOf(boxes));
      }),
      { seed: 15, ...RUNS },
    );
  });

  it('example is a member, undefined only for the empty set, and picks the documented packet', () => {
    // Port 0 of tcp and udp ranks last: the example prefers a real port.
    const portRank = (p: Packet) => (p.port === 0 && (p.proto === TCP || p.proto === UDP) ? PORTS : p.port);
    const rank = (p: Packet) => [p.src, p.dst, BigInt([TCP, UDP, ICMP, ICMPV6].indexOf(p.proto)), BigInt(portRank(p))];
    const before = (x: Packet, y: Packet) => {
      const [rx, ry] = [rank(x), rank(y)];
      for (let i = 0; i < rx.length; i++) if (rx[i] !== ry[i]) return rx[i]! < ry[i]!;
      return false;
    };
    fc.assert(
      fc.property(arbInside, (boxes) => {
        const set = toSet(boxes);
        const bits = bitsOf(boxes);
        const inside = UNIVERSE.filter((_, i) => bits[i]);
        const expected = inside.reduce<Packet | undefined>((best, p) => (best === undefined || before(p, best) ? p : best), undefined);
        const example = ps.example(set);
        expect(example).toEqual(expected);
        if (example) expect(ps.contains(set, example)).toBe(true);
      }),
      { seed: 16, ...RUNS },
    );
  });
});
