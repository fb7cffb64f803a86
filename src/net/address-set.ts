import { ADDRESS_LAST, V4_FIRST, V4_LAST, V6_FIRST, V6_LAST } from './address.js';
import { formatPrefix, prefixBounds, rangeToPrefixes, type Prefix } from './address.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';

export const V4_ADDRESSES = iv.single(V4_FIRST, V4_LAST);
export const V6_ADDRESSES = iv.single(V6_FIRST, V6_LAST);
export const ALL_ADDRESSES = iv.single(V4_FIRST, ADDRESS_LAST);

/** The unified keys of some prefixes, in one set. */
export function addressSetOf(prefixes: readonly Prefix[]): IntervalSet {
  return iv.fromIntervals(prefixes.map(prefixBounds));
}

/** The fewest prefixes covering exactly the set: its intervals never touch, so minimal covers of each add up. */
export function prefixesOf(set: IntervalSet): Prefix[] {
  return set.flatMap(([lo, hi]) => rangeToPrefixes(lo, hi));
}

/** `10.20.1.0/24, fd00:20::/64` for messages; `nothing` when empty. */
export function formatAddressSet(set: IntervalSet): string {
  return set.length === 0 ? 'nothing' : prefixesOf(set).map(formatPrefix).join(', ');
}
