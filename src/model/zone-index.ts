import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AddressPlan } from './address-plan.js';

/** The pseudo-zone of addresses in no zone. */
export const EXTERNAL = 'external';

/** The zones (and `external`) an address set touches, found by binary search over the plan's segments. */
export function zonesTouched(plan: AddressPlan, set: IntervalSet): string[] {
  const zones = new Set<string>();
  const segs = plan.segments;
  for (const [lo, hi] of iv.intervals(set)) {
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
  return [...zones].sort();
}

/** Items bucketed by the zones their addresses touch, so overlap queries skip unrelated zones. */
export interface ZoneIndex<T> {
  candidates(set: IntervalSet): T[];
}

export function zoneIndex<T>(plan: AddressPlan, items: readonly T[], addressesOf: (item: T) => IntervalSet): ZoneIndex<T> {
  const buckets = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const zone of zonesTouched(plan, addressesOf(item))) {
      let list = buckets.get(zone);
      if (!list) buckets.set(zone, (list = []));
      list.push(i);
    }
  });
  return {
    candidates: (set) => {
      const seen = new Set<number>();
      for (const zone of zonesTouched(plan, set)) for (const i of buckets.get(zone) ?? []) seen.add(i);
      return [...seen].sort((a, b) => a - b).map((i) => items[i]!);
    },
  };
}
