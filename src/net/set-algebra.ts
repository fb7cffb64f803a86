import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';

/** The operations every set form shares, so one nesting engine (partition-map.ts) can build the dimensions up. */
export interface SetAlgebra<S> {
  readonly empty: S;
  union(a: S, b: S): S;
  intersect(a: S, b: S): S;
  subtract(a: S, b: S): S;
  isEmpty(s: S): boolean;
  /** Equal keys exactly when the sets are equal; every form is canonical, so the key is structural. */
  key(s: S): string;
}

export const intervalAlgebra: SetAlgebra<IntervalSet> = {
  empty: iv.EMPTY,
  union: iv.union,
  intersect: iv.intersect,
  subtract: iv.subtract,
  isEmpty: iv.isEmpty,
  key: (s) => s.map(([lo, hi]) => (lo === hi ? lo.toString(36) : `${lo.toString(36)}-${hi.toString(36)}`)).join(','),
};

/**
 * Union of many sets as a balanced tree of pairwise unions, so each level costs about the size of the result;
 * `order` puts sets that overlap next to each other, so most of the merging happens low in the tree.
 */
export function unionAll<S>(sets: readonly S[], algebra: SetAlgebra<S>, order?: (a: S, b: S) => number): S {
  if (sets.length === 0) return algebra.empty;
  let level = order ? [...sets].sort(order) : [...sets];
  while (level.length > 1) {
    const next: S[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? algebra.union(level[i]!, level[i + 1]!) : level[i]!);
    }
    level = next;
  }
  return level[0]!;
}
