import * as svc from '../net/service-set.js';
import { serviceAlgebra, type ServiceSet } from '../net/service-set.js';
import { unionAll } from '../net/set-algebra.js';

const memo = new Map<string, string>();
const interned = new Map<string, ServiceSet>();

/** One object per distinct set, so equal sets from different cells meet as the same object (and unions of them are free). */
export function intern(set: ServiceSet): ServiceSet {
  const key = serviceAlgebra.key(set);
  const known = interned.get(key);
  if (known) return known;
  if (interned.size > 50_000) interned.clear();
  interned.set(key, set);
  return set;
}

/** The union of many sets; when they are all one object (interned equal sets), that object. */
export function unionOfServices(sets: Iterable<ServiceSet>): ServiceSet {
  const list = [...sets];
  const first = list[0];
  if (first !== undefined && list.every((s) => s === first)) return first;
  return intern(unionAll(list, serviceAlgebra));
}

/**
 * Services for people: `tcp/443, tcp/8443`; `any` for every service that exists between the addresses concerned
 * (`universe`: each family has only its own ICMP); `any except tcp/443` when that is the shorter list.
 */
export function describeServices(set: ServiceSet, universe: ServiceSet = svc.ALL_SERVICES): string {
  if (svc.isEmpty(set)) return 'nothing';
  const key = `${serviceAlgebra.key(set)}|${serviceAlgebra.key(universe)}`;
  let text = memo.get(key);
  if (text === undefined) {
    const rest = svc.subtract(universe, set);
    if (svc.isEmpty(rest)) text = 'any';
    else text = rangeCount(rest) < rangeCount(set) ? `any except ${svc.formatServiceSet(rest)}` : svc.formatServiceSet(set);
    // Answers repeat a few sets over and over; a bound keeps a long batch from holding every set it met.
    if (memo.size > 50_000) memo.clear();
    memo.set(key, text);
  }
  return text;
}

/** How many `proto/ports` items formatting would write, counted without writing them. */
function rangeCount(set: ServiceSet): number {
  let n = 0;
  for (const { keys, value } of set.parts) for (const [lo, hi] of keys) n += Number(hi - lo + 1n) * value.length;
  return n;
}
