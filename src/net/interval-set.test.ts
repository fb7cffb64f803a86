import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';

const set = (...pairs: [number, number][]) => iv.fromIntervals(pairs.map(([lo, hi]) => [BigInt(lo), BigInt(hi)]));
const plain = (s: IntervalSet) => iv.intervals(s).map(([lo, hi]) => [Number(lo), Number(hi)]);

describe('interval sets', () => {
  it('normalise: sort, merge overlapping and adjacent, drop empty intervals', () => {
    expect(plain(set([5, 7], [0, 2], [3, 4], [10, 12], [11, 20], [30, 29]))).toEqual([
      [0, 7],
      [10, 20],
    ]);
    expect(plain(iv.single(4n, 3n))).toEqual([]);
    expect(iv.isEmpty(iv.EMPTY)).toBe(true);
  });

  it('combine concrete sets', () => {
    const a = set([0, 10], [20, 30]);
    const b = set([5, 22], [30, 40]);
    expect(plain(iv.union(a, b))).toEqual([[0, 40]]);
    expect(plain(iv.intersect(a, b))).toEqual([
      [5, 10],
      [20, 22],
      [30, 30],
    ]);
    expect(plain(iv.subtract(a, b))).toEqual([
      [0, 4],
      [23, 29],
    ]);
    expect(plain(iv.subtract(set([0, 100]), set([10, 20], [30, 40], [100, 200])))).toEqual([
      [0, 9],
      [21, 29],
      [41, 99],
    ]);
  });

  it('answer membership and order questions', () => {
    const a = set([2, 4], [8, 9]);
    expect(iv.contains(a, 3n)).toBe(true);
    expect(iv.contains(a, 5n)).toBe(false);
    expect(iv.first(a)).toBe(2n);
    expect(iv.last(a)).toBe(9n);
    expect(iv.first(iv.EMPTY)).toBeUndefined();
    expect(iv.firstFrom(a, 5n)).toBe(8n);
    expect(iv.firstFrom(a, 3n)).toBe(3n);
    expect(iv.firstFrom(a, 10n)).toBeUndefined();
    expect(iv.size(a)).toBe(5n);
    expect(iv.isSubset(set([3, 4], [9, 9]), a)).toBe(true);
    expect(iv.isSubset(set([3, 5]), a)).toBe(false);
    expect(iv.equals(set([2, 3], [4, 4], [8, 9]), a)).toBe(true);
    expect(iv.equals(set([2, 4]), a)).toBe(false);
  });
});

describe('interval sets against a boolean array (property)', () => {
  const UNIVERSE = 64;
  const arbSet = fc
    .array(fc.tuple(fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: 8 })), { maxLength: 6 })
    .map((list) => list.map(([lo, span]): [number, number] => [lo, Math.min(lo + span, UNIVERSE - 1)]));
  const toSet = (list: [number, number][]) => set(...list);
  const toBits = (list: [number, number][]) => {
    const bits = new Array<boolean>(UNIVERSE).fill(false);
    for (const [lo, hi] of list) for (let x = lo; x <= hi; x++) bits[x] = true;
    return bits;
  };
  const bitsOf = (s: IntervalSet) => Array.from({ length: UNIVERSE }, (_, x) => iv.contains(s, BigInt(x)));
  const isCanonical = (s: IntervalSet) => iv.intervals(s).every(([lo, hi], i, all) => lo <= hi && (i === 0 || all[i - 1]![1] + 1n < lo));

  it('union, intersect and subtract agree with or, and, and-not; results stay canonical', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (la, lb) => {
        const [a, b] = [toSet(la), toSet(lb)];
        const [ba, bb] = [toBits(la), toBits(lb)];
        const cases: [IntervalSet, (x: number) => boolean][] = [
          [iv.union(a, b), (x) => ba[x]! || bb[x]!],
          [iv.intersect(a, b), (x) => ba[x]! && bb[x]!],
          [iv.subtract(a, b), (x) => ba[x]! && !bb[x]!],
        ];
        for (const [result, expected] of cases) {
          expect(isCanonical(result)).toBe(true);
          expect(bitsOf(result)).toEqual(Array.from({ length: UNIVERSE }, (_, x) => expected(x)));
        }
      }),
      { seed: 1701, numRuns: 300 },
    );
  });

  it('isEmpty, isSubset, equals, first and size agree with the arrays', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (la, lb) => {
        const [a, b] = [toSet(la), toSet(lb)];
        const [ba, bb] = [toBits(la), toBits(lb)];
        expect(iv.isEmpty(a)).toBe(!ba.includes(true));
        expect(iv.isSubset(a, b)).toBe(ba.every((x, i) => !x || bb[i]));
        expect(iv.meets(a, b)).toBe(ba.some((x, i) => x && bb[i]));
        expect(iv.equals(a, b)).toBe(ba.every((x, i) => x === bb[i]));
        expect(iv.first(a)).toBe(ba.includes(true) ? BigInt(ba.indexOf(true)) : undefined);
        expect(iv.size(a)).toBe(BigInt(ba.filter(Boolean).length));
      }),
      { seed: 1702, numRuns: 300 },
    );
  });
});
