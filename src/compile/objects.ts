import type { AddressPlan } from '../model/address-plan.js';
import type { Policy } from '../model/policy.js';
import { formatPrefix, keyFamily, V4_LAST, V6_FIRST } from '../net/address.js';
import { prefixesOf, V4_ADDRESSES, V6_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AddressObject, Family } from './ir.js';
import { nameTable } from './names.js';

/** Address objects of one enforcement point: one per distinct address set, named after what it is. */
export interface ObjectTable {
  /**
   * A provisional name for a set of one family (final once `resolve`d), or `any` when it is every address of it;
   * `hint` is what uses it (several for a set that joined lines use).
   */
  nameFor(set: IntervalSet, hint: string | readonly string[]): string;
  /** The final name of what `nameFor` gave, once every use is known. */
  resolve(name: string): string;
  /** The set a provisional name stands for (not `any`). */
  setOf(name: string): IntervalSet;
  /** The hints `nameFor` was given for a provisional name (none for `any`). */
  hintsOf(name: string): string[];
  /** Only these provisional names become objects (those the final lines use); call before `resolve` and `objects`. */
  retain(names: ReadonlySet<string>): void;
  objects(): AddressObject[];
}

// A set's key (`4:lo-hi,…`) is asked for at every line that uses it; sets are immutable, so it is kept per set, one
// string that maps hash once.
const keys = new WeakMap<IntervalSet, string>();
export const setKey = (set: IntervalSet) => {
  let k = keys.get(set);
  if (k === undefined) keys.set(set, (k = `${familyOf(set)}:${set.map(([lo, hi]) => `${lo}-${hi}`).join(',')}`));
  return k;
};

/** What every enforcement point's table shares: the names of sets that are exactly a group, zone or `external`. */
export interface KnownSets {
  name(key: string): string | undefined;
  /**
   * The aggregated prefixes of a set and the DNS names it holds (an external's stand-in, alone in its interval),
   * computed once per distinct set.
   */
  prefixes(key: string, set: IntervalSet): { prefixes: string[]; fqdns: string[] };
}

export function knownSets(policy: Policy, plan: AddressPlan): KnownSets {
  // Sets that are exactly a group or a zone take its name; groups win over zones with the same addresses.
  const known = new Map<string, string>();
  const learn = (name: string, set: IntervalSet) => {
    for (const [, part] of split(set)) {
      const k = setKey(part);
      if (!known.has(k)) known.set(k, name);
    }
  };
  for (const g of policy.groups.values()) learn(g.name, plan.group(g.name));
  for (const z of policy.zones.values()) learn(`zone-${z.name}`, plan.zone(z.name));
  for (const e of plan.names.all) learn(e.name, plan.names.set(e.name));
  learn('external', plan.external);
  const prefixes = new Map<string, { prefixes: string[]; fqdns: string[] }>();
  return {
    name: (k) => known.get(k),
    prefixes(k, set) {
      let parts = prefixes.get(k);
      if (!parts) {
        // A stand-in alone in its interval is the name; inside a wider range (`external`, `any`) it is just an address.
        const names = set.filter(([lo, hi]) => lo === hi && plan.names.standIn(lo) !== undefined);
        const rest = names.length === 0 ? set : iv.subtract(set, iv.fromIntervals(names));
        const fqdns = [...new Set(names.map(([lo]) => plan.names.standIn(lo)!.fqdn.value))].sort();
        prefixes.set(k, (parts = { prefixes: prefixesOf(rest).map(formatPrefix), fqdns }));
      }
      return parts;
    },
  };
}

/** Lines hold a provisional token until the table has seen every use; then each set gets its final name. */
const TOKEN = '\u0000';

export function objectTable(known: KnownSets): ObjectTable {
  type Entry = { family: Family; set: IntervalSet; uses: Set<string>; token: string };
  const entries = new Map<string, Entry>();
  // Entries by token, the string lines hold: a lookup with it does not hash a new string again.
  const byToken = new Map<string, Entry>();
  // Final names by token: lines hold the entry's own token string, so a lookup does not hash it again.
  let final: { names: Map<string, string>; objects: AddressObject[] } | undefined;
  let retained: ReadonlySet<string> | undefined;
  const finish = () => {
    if (final) return final;
    const table = nameTable();
    const names = new Map<string, string>();
    const objects: AddressObject[] = [];
    for (const [k, { family, set, uses: used, token }] of entries) {
      if (retained && !retained.has(token)) continue;
      const uses = [...used];
      const knownName = known.name(k);
      const { prefixes, fqdns } = known.prefixes(k, set);
      // Named after the group, zone or external it is, else the one intent that uses it, else what it holds: a set
      // shared by several intents is not named after whichever came first.
      const members = [...prefixes, ...fqdns];
      const base = knownName ?? (uses.length === 1 ? uses[0]! : `net-${members[0]!.replace(/[.:/]/g, '_')}${members.length > 1 ? `-and-${members.length - 1}` : ''}`);
      const name = table.claim(k, `${base}_v${family}`);
      names.set(token, name);
      const object: AddressObject = { name, family, prefixes, origin: knownName ?? `${uses.length === 1 ? 'part of' : 'used by'} ${uses.join(', ')}` };
      if (fqdns.length > 0) object.fqdns = fqdns;
      objects.push(object);
    }
    objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return (final = { names, objects });
  };
  return {
    nameFor(set, hint) {
      const family = familyOf(set);
      if (iv.equals(set, family === 4 ? V4_ADDRESSES : V6_ADDRESSES)) return 'any';
      const k = setKey(set);
      let entry = entries.get(k);
      if (!entry) {
        entries.set(k, (entry = { family, set, uses: new Set(), token: `${TOKEN}${k}` }));
        byToken.set(entry.token, entry);
      }
      if (typeof hint === 'string') entry.uses.add(hint);
      else for (const h of hint) entry.uses.add(h);
      return entry.token;
    },
    resolve: (name) => (name.startsWith(TOKEN) ? finish().names.get(name)! : name),
    setOf: (name) => byToken.get(name)!.set,
    hintsOf: (name) => (name.startsWith(TOKEN) ? [...byToken.get(name)!.uses] : []),
    retain(names) {
      if (final) throw new Error('objects are already named');
      retained = names;
    },
    objects: () => finish().objects,
  };
}

export function familyOf(set: IntervalSet): Family {
  const first = iv.first(set);
  return first === undefined ? 4 : keyFamily(first);
}

/** The IPv4 and IPv6 parts of a set, each present only when non-empty; a set of one family is its own part. */
export function split(set: IntervalSet): [Family, IntervalSet][] {
  const [first, last] = [iv.first(set), iv.last(set)];
  if (first === undefined || last === undefined) return [];
  if (last <= V4_LAST) return [[4, set]];
  if (first >= V6_FIRST) return [[6, set]];
  const out: [Family, IntervalSet][] = [];
  const v4 = iv.intersect(set, V4_ADDRESSES);
  const v6 = iv.intersect(set, V6_ADDRESSES);
  if (!iv.isEmpty(v4)) out.push([4, v4]);
  if (!iv.isEmpty(v6)) out.push([6, v6]);
  return out;
}
