import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AddressPlan } from './address-plan.js';

/** The pseudo-zone of addresses in no zone. */
export const EXTERNAL = 'external';

/** The zones (and `external`) an address set touches, found by binary search over the plan's segments. */
export function zonesTouched(plan: AddressPlan, set: IntervalSet): string[] {
  // Every index over the same intents asks again for the same (memoised) endpoint sets.
  let bySet = touched.get(plan);
  if (!bySet) touched.set(plan, (bySet = new WeakMap()));
  let zones = bySet.get(set);
  if (!zones) bySet.set(set, (zones = computeZonesTouched(plan, set)));
  return zones;
}

const touched = new WeakMap<AddressPlan, WeakMap<IntervalSet, string[]>>();

function computeZonesTouched(plan: AddressPlan, set: IntervalSet): string[] {
  const zones = new Set<string>();
  for (const [lo, hi] of iv.intervals(set)) addZonesTouched(plan, lo, hi, zones);
  return [...zones].sort();
}

/** Adds the zones (and `external`) that the addresses lo..hi touch; callers walk ranges of any order this way. */
export function addZonesTouched(plan: AddressPlan, lo: bigint, hi: bigint, zones: Set<string>): void {
  const segs = plan.segments;
  let a = 0;
  let b = segs.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (segs[mid]!.hi < lo) a = mid + 1;
    else b = mid;
  }
  let covered = lo;
  for (let k = a; k < segs.length && segs[k]!.lo <= hi; k++) {
    const s = segs[k]!;
    if (s.lo > covered) zones.add(EXTERNAL);
    zones.add(s.zone!);
    covered = s.hi + 1n;
  }
  if (covered <= hi) zones.add(EXTERNAL);
}

/** Items bucketed by the (source zone, destination zone) pairs they touch, so overlap queries skip unrelated pairs. */
export interface ZonePairIndex<T> {
  candidates(src: IntervalSet, dst: IntervalSet): T[];
}

export function zonePairIndex<T>(
  plan: AddressPlan,
  items: readonly T[],
  sourcesOf: (item: T) => IntervalSet,
  destinationsOf: (item: T) => IntervalSet,
): ZonePairIndex<T> {
  const buckets = new Map<string, number[]>();
  items.forEach((item, i) => {
    const dsts = zonesTouched(plan, destinationsOf(item));
    for (const s of zonesTouched(plan, sourcesOf(item))) {
      for (const d of dsts) {
        const key = `${s}\0${d}`;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(i);
      }
    }
  });
  return {
    candidates: (src, dst) => {
      const seen = new Set<number>();
      const dsts = zonesTouched(plan, dst);
      for (const s of zonesTouched(plan, src)) {
        for (const d of dsts) for (const i of buckets.get(`${s}\0${d}`) ?? []) seen.add(i);
      }
      return [...seen].sort((a, b) => a - b).map((i) => items[i]!);
    },
  };
}
