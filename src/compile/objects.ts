import type { AddressPlan } from '../model/address-plan.js';
import type { Policy } from '../model/policy.js';
import { formatPrefix, keyFamily } from '../net/address.js';
import { prefixesOf, V4_ADDRESSES, V6_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AddressObject, Family } from './ir.js';
import { nameTable } from './names.js';

/** Address objects of one enforcement point: one per distinct address set, named after what it is. */
export interface ObjectTable {
  /** The object name for a set of one family, or `any` when it is every address of the family. */
  nameFor(set: IntervalSet, hint: string): string;
  objects(): AddressObject[];
}

const key = (set: IntervalSet) => set.map(([lo, hi]) => `${lo}-${hi}`).join(',');

/** What every enforcement point's table shares: the names of sets that are exactly a group, zone or `external`. */
export interface KnownSets {
  name(key: string): string | undefined;
  /** The aggregated prefixes of a set, computed once per distinct set. */
  prefixes(key: string, set: IntervalSet): string[];
}

export function knownSets(policy: Policy, plan: AddressPlan): KnownSets {
  // Sets that are exactly a group or a zone take its name; groups win over zones with the same addresses.
  const known = new Map<string, string>();
  const learn = (name: string, set: IntervalSet) => {
    for (const [family, part] of split(set)) {
      const k = `${family}:${key(part)}`;
      if (!known.has(k)) known.set(k, name);
    }
  };
  for (const g of policy.groups.values()) learn(g.name, plan.group(g.name));
  for (const z of policy.zones.values()) learn(`zone-${z.name}`, plan.zone(z.name));
  learn('external', plan.external);
  const prefixes = new Map<string, string[]>();
  return {
    name: (k) => known.get(k),
    prefixes(k, set) {
      let list = prefixes.get(k);
      if (!list) prefixes.set(k, (list = prefixesOf(set).map(formatPrefix)));
      return list;
    },
  };
}

export function objectTable(known: KnownSets): ObjectTable {
  const names = nameTable();
  const objects = new Map<string, AddressObject>();
  return {
    nameFor(set, hint) {
      const family = familyOf(set);
      if (iv.equals(set, family === 4 ? V4_ADDRESSES : V6_ADDRESSES)) return 'any';
      const k = `${family}:${key(set)}`;
      const knownName = known.name(k);
      const base = knownName ?? hint;
      const name = names.claim(k, `${base}_v${family}`);
      if (!objects.has(name)) {
        objects.set(name, { name, family, prefixes: known.prefixes(k, set), origin: knownName ? base : `part of ${hint}` });
      }
      return name;
    },
    objects: () => [...objects.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

export function familyOf(set: IntervalSet): Family {
  const first = iv.first(set);
  return first === undefined ? 4 : keyFamily(first);
}

/** The IPv4 and IPv6 parts of a set, each present only when non-empty. */
export function split(set: IntervalSet): [Family, IntervalSet][] {
  const out: [Family, IntervalSet][] = [];
  const v4 = iv.intersect(set, V4_ADDRESSES);
  const v6 = iv.intersect(set, V6_ADDRESSES);
  if (!iv.isEmpty(v4)) out.push([4, v4]);
  if (!iv.isEmpty(v6)) out.push([6, v6]);
  return out;
}
