/** An inclusive range of values, lo <= hi. */
export type Interval = readonly [lo: bigint, hi: bigint];

declare const normalised: unique symbol;

/** Sorted, disjoint, non-adjacent intervals; only the functions here build one, so the form is canonical. */
export type IntervalSet = readonly Interval[] & { readonly [normalised]: true };

export const EMPTY = Object.freeze([]) as unknown as IntervalSet;

function asSet(list: Interval[]): IntervalSet {
  return list as unknown as IntervalSet;
}

/** Appends [lo, hi] to an ascending list, merging it with the last interval when they touch. */
function append(out: [bigint, bigint][], lo: bigint, hi: bigint): void {
  const last = out[out.length - 1];
  if (last && lo <= last[1] + 1n) {
    if (hi > last[1]) last[1] = hi;
  } else {
    out.push([lo, hi]);
  }
}

export function single(lo: bigint, hi: bigint): IntervalSet {
  return lo <= hi ? asSet([[lo, hi]]) : EMPTY;
}

/** Any intervals, in any order, overlapping or not; empty ones (lo > hi) are ignored. */
export function fromIntervals(list: Iterable<readonly [bigint, bigint]>): IntervalSet {
  const sorted = [...list].filter(([lo, hi]) => lo <= hi).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) append(out, lo, hi);
  return asSet(out);
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0 || a === b) return b;
  if (b.length === 0) return a;
  const out: [bigint, bigint][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!;
    append(out, next[0], next[1]);
  }
  return asSet(out);
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a === b) return a;
  const out: [bigint, bigint][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aLo, aHi] = a[i]!;
    const [bLo, bHi] = b[j]!;
    const lo = aLo > bLo ? aLo : bLo;
    const hi = aHi < bHi ? aHi : bHi;
    if (lo <= hi) out.push([lo, hi]);
    if (aHi < bHi) i++;
    else j++;
  }
  return out.length === 0 ? EMPTY : asSet(out);
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0 || b.length === 0) return a;
  if (a === b) return EMPTY;
  const out: [bigint, bigint][] = [];
  let j = 0;
  for (const [aLo, aHi] of a) {
    let lo = aLo;
    while (j < b.length && b[j]![1] < lo) j++;
    // Cut every interval of b that starts inside what is left of [lo, aHi].
    let k = j;
    while (k < b.length && b[k]![0] <= aHi && lo <= aHi) {
      const [bLo, bHi] = b[k]!;
      if (bLo > lo) out.push([lo, bLo - 1n]);
      lo = bHi + 1n;
      if (bHi <= aHi) k++;
      else break;
    }
    j = k;
    if (lo <= aHi) out.push([lo, aHi]);
  }
  return out.length === 0 ? EMPTY : asSet(out);
}

/** Whether the sets share a value (intersect is not empty), without building the intersection. */
export function meets(a: IntervalSet, b: IntervalSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aLo, aHi] = a[i]!;
    const [bLo, bHi] = b[j]!;
    if (aLo <= bHi && bLo <= aHi) return true;
    if (aHi < bHi) i++;
    else j++;
  }
  return false;
}

export function isEmpty(set: IntervalSet): boolean {
  return set.length === 0;
}

/** Index of the interval holding x, or -1 (binary search). */
function indexOf(set: IntervalSet, x: bigint): number {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [iLo, iHi] = set[mid]!;
    if (x < iLo) hi = mid - 1;
    else if (x > iHi) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function contains(set: IntervalSet, x: bigint): boolean {
  return indexOf(set, x) >= 0;
}

export function first(set: IntervalSet): bigint | undefined {
  return set[0]?.[0];
}

export function last(set: IntervalSet): bigint | undefined {
  return set[set.length - 1]?.[1];
}

/** The smallest member >= x, if any. */
export function firstFrom(set: IntervalSet, x: bigint): bigint | undefined {
  for (const [lo, hi] of set) if (hi >= x) return lo > x ? lo : x;
  return undefined;
}

/** Number of values in the set. */
export function size(set: IntervalSet): bigint {
  let n = 0n;
  for (const [lo, hi] of set) n += hi - lo + 1n;
  return n;
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/** Each interval of a must lie inside one interval of b, because b's intervals never touch. */
export function isSubset(a: IntervalSet, b: IntervalSet): boolean {
  let j = 0;
  for (const [lo, hi] of a) {
    while (j < b.length && b[j]![1] < lo) j++;
    if (j >= b.length || b[j]![0] > lo || b[j]![1] < hi) return false;
  }
  return true;
}

export function intervals(set: IntervalSet): readonly Interval[] {
  return set;
}
