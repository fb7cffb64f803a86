import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import { intervalAlgebra, type SetAlgebra } from './set-algebra.js';

/** The keys of one dimension that all lead to the same (non-empty) rest of the set. */
export interface Part<V> {
  readonly keys: IntervalSet;
  readonly value: V;
}

/** One interval of one part, for walking a map's key axis in order. */
export interface Piece {
  readonly lo: bigint;
  readonly hi: bigint;
  readonly part: number;
}

declare const canonical: unique symbol;

/**
 * A set over (key, rest) as a map from keys to non-empty values, one part per distinct value, parts disjoint and
 * ordered by their first key. That form is unique, so equal sets have equal parts and the same key string.
 */
export interface PartitionMap<V> {
  readonly parts: readonly Part<V>[];
  /** Every interval of every part, ascending. */
  readonly pieces: readonly Piece[];
  readonly [canonical]: true;
}

// The key string is computed on first use and kept on the map, hidden so structural comparisons ignore it.
const KEY = Symbol('key');

function cachedKey<V>(map: PartitionMap<V>, compute: () => string): string {
  const holder = map as PartitionMap<V> & { [KEY]?: string };
  if (holder[KEY] === undefined) Object.defineProperty(holder, KEY, { value: compute() });
  return holder[KEY]!;
}

type Mode = 'union' | 'intersect' | 'subtract';

function build<V>(parts: readonly Part<V>[], pieces: readonly Piece[]): PartitionMap<V> {
  return { parts, pieces } as unknown as PartitionMap<V>;
}

const EMPTY_MAP: PartitionMap<never> = build([], []);

/** Calls visit for each stretch of keys where the part of a (or -1) and the part of b (or -1) stay the same. */
function sweep(a: readonly Piece[], b: readonly Piece[], visit: (lo: bigint, hi: bigint, ia: number, ib: number) => void) {
  let i = 0;
  let j = 0;
  let aLo = a[0]?.lo ?? 0n;
  let bLo = b[0]?.lo ?? 0n;
  const nextA = () => (aLo = a[++i]?.lo ?? 0n);
  const nextB = () => (bLo = b[++j]?.lo ?? 0n);
  while (i < a.length || j < b.length) {
    const pa = a[i];
    const pb = b[j];
    if (!pb || (pa && pa.hi < bLo)) {
      visit(aLo, pa!.hi, pa!.part, -1);
      nextA();
    } else if (!pa || pb.hi < aLo) {
      visit(bLo, pb.hi, -1, pb.part);
      nextB();
    } else {
      if (aLo < bLo) visit(aLo, bLo - 1n, pa.part, -1);
      else if (bLo < aLo) visit(bLo, aLo - 1n, -1, pb.part);
      const lo = aLo > bLo ? aLo : bLo;
      const hi = pa.hi < pb.hi ? pa.hi : pb.hi;
      visit(lo, hi, pa.part, pb.part);
      if (pa.hi === hi) nextA();
      else aLo = hi + 1n;
      if (pb.hi === hi) nextB();
      else bLo = hi + 1n;
    }
  }
}

function combine<V>(mode: Mode, a: PartitionMap<V>, b: PartitionMap<V>, inner: SetAlgebra<V>): PartitionMap<V> {
  const width = b.parts.length + 1;
  const groupOfPair = new Map<number, number>();
  const groupOfKey = new Map<string, number>();
  const groups: { value: V; ranges: [bigint, bigint][] }[] = [];
  // Which result part a stretch covered by part ia of a and part ib of b (either may be -1) belongs to, or -1.
  const groupOf = (ia: number, ib: number): number => {
    const pair = (ia + 1) * width + ib + 1;
    let group = groupOfPair.get(pair);
    if (group !== undefined) return group;
    const value =
      ib < 0 ? a.parts[ia]!.value : ia < 0 ? b.parts[ib]!.value : inner[mode](a.parts[ia]!.value, b.parts[ib]!.value);
    if (inner.isEmpty(value)) {
      group = -1;
    } else {
      const key = inner.key(value);
      group = groupOfKey.get(key);
      if (group === undefined) {
        group = groups.push({ value, ranges: [] }) - 1;
        groupOfKey.set(key, group);
      }
    }
    groupOfPair.set(pair, group);
    return group;
  };
  const pieces: { lo: bigint; hi: bigint; part: number }[] = [];
  sweep(a.pieces, b.pieces, (lo, hi, ia, ib) => {
    if (ia < 0 ? mode !== 'union' : ib < 0 && mode === 'intersect') return;
    const group = groupOf(ia, ib);
    if (group < 0) return;
    const last = pieces[pieces.length - 1];
    const ranges = groups[group]!.ranges;
    // Stretches come in ascending order, so a part's stretches can only touch when nothing came between.
    if (last && last.part === group && last.hi + 1n === lo) {
      last.hi = hi;
      ranges[ranges.length - 1]![1] = hi;
    } else {
      pieces.push({ lo, hi, part: group });
      ranges.push([lo, hi]);
    }
  });
  // Groups were opened in the order of their first stretch, so the parts are already ordered by first key.
  return build(
    groups.map((g) => ({ keys: g.ranges as unknown as IntervalSet, value: g.value })),
    pieces,
  );
}

/** True when the key ranges cannot meet (either map empty, or one ends before the other starts): a cheap early out. */
function apart<V>(a: PartitionMap<V>, b: PartitionMap<V>): boolean {
  const [pa, pb] = [a.pieces, b.pieces];
  if (pa.length === 0 || pb.length === 0) return true;
  return pa[pa.length - 1]!.hi < pb[0]!.lo || pb[pb.length - 1]!.hi < pa[0]!.lo;
}

/** The algebra of maps whose values come from `inner`: one more dimension in front of inner's. */
export function partitionAlgebra<V>(inner: SetAlgebra<V>): SetAlgebra<PartitionMap<V>> {
  const empty = (m: PartitionMap<V>) => m.parts.length === 0;
  return {
    empty: EMPTY_MAP,
    union: (a, b) => (empty(a) || a === b ? b : empty(b) ? a : combine('union', a, b, inner)),
    intersect: (a, b) => (a === b ? a : apart(a, b) ? EMPTY_MAP : combine('intersect', a, b, inner)),
    subtract: (a, b) => (a === b ? EMPTY_MAP : apart(a, b) ? a : combine('subtract', a, b, inner)),
    isEmpty: empty,
    key: (m) => cachedKey(m, () => m.parts.map((p) => `${intervalAlgebra.key(p.keys)}(${inner.key(p.value)})`).join(';')),
  };
}

/** The map sending every key in `keys` to `value`; empty when either is empty. */
export function uniform<V>(keys: IntervalSet, value: V, inner: SetAlgebra<V>): PartitionMap<V> {
  if (iv.isEmpty(keys) || inner.isEmpty(value)) return EMPTY_MAP;
  return build([{ keys, value }], keys.map(([lo, hi]) => ({ lo, hi, part: 0 })));
}

/**
 * The map built from parts whose values are distinct and non-empty and whose keys are disjoint and non-empty;
 * for callers that group by value themselves.
 */
export function fromParts<V>(parts: Part<V>[]): PartitionMap<V> {
  const ordered = [...parts].sort((x, y) => (x.keys[0]![0] < y.keys[0]![0] ? -1 : 1));
  const pieces = ordered
    .flatMap(({ keys }, part) => keys.map(([lo, hi]) => ({ lo, hi, part })))
    .sort((x, y) => (x.lo < y.lo ? -1 : 1));
  return build(ordered, pieces);
}

/** The part holding `key`, if any (binary search over the map's pieces). */
export function partAt<V>(map: PartitionMap<V>, key: bigint): Part<V> | undefined {
  const pieces = map.pieces;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = pieces[mid]!;
    if (key < piece.lo) hi = mid - 1;
    else if (key > piece.hi) lo = mid + 1;
    else return map.parts[piece.part];
  }
  return undefined;
}

/** Orders maps by where their keys start, then end; the empty map first. */
export function byKeySpan<V>(a: PartitionMap<V>, b: PartitionMap<V>): number {
  const [aLo, bLo] = [a.pieces[0]?.lo ?? -1n, b.pieces[0]?.lo ?? -1n];
  if (aLo !== bLo) return aLo < bLo ? -1 : 1;
  const [aHi, bHi] = [a.pieces[a.pieces.length - 1]?.hi ?? -1n, b.pieces[b.pieces.length - 1]?.hi ?? -1n];
  return aHi < bHi ? -1 : aHi > bHi ? 1 : 0;
}

/** Every key that maps to something. */
export function domain<V>(map: PartitionMap<V>): IntervalSet {
  return iv.fromIntervals(map.pieces.map((p): [bigint, bigint] => [p.lo, p.hi]));
}

/**
 * Whether two maps share a member: some key in both whose values meet by `inner`. Walks the pieces without building
 * anything, so a caller can skip an intersection or subtraction that would change nothing.
 */
export function meets<V>(a: PartitionMap<V>, b: PartitionMap<V>, inner: (x: V, y: V) => boolean): boolean {
  if (apart(a, b)) return false;
  const [pa, pb] = [a.pieces, b.pieces];
  let checked: Set<number> | undefined;
  let i = 0;
  let j = 0;
  while (i < pa.length && j < pb.length) {
    const x = pa[i]!;
    const y = pb[j]!;
    if (x.lo <= y.hi && y.lo <= x.hi) {
      const pair = x.part * b.parts.length + y.part;
      if (!checked?.has(pair)) {
        if (inner(a.parts[x.part]!.value, b.parts[y.part]!.value)) return true;
        (checked ??= new Set()).add(pair);
      }
    }
    if (x.hi < y.hi) i++;
    else j++;
  }
  return false;
}
