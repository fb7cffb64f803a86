import type { AddressPlan } from '../model/address-plan.js';
import { ADDRESS_LAST, V6_FIRST } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';

/**
 * The address space cut into atoms: stretches where the zone, the group and the membership in every intent's
 * endpoints stay the same, so one answer per pair of atoms stands for every address pair inside it.
 */
export interface Atoms {
  count: number;
  lo: readonly bigint[];
  hi: readonly bigint[];
  zone: readonly (string | undefined)[];
  group: readonly (string | undefined)[];
  /** The external known by DNS name whose addresses the atom is (the first in name order); names are outside every zone. */
  name: readonly (string | undefined)[];
  /** 1 for IPv6 atoms, 0 for IPv4. */
  family: Uint8Array;
  /** The atoms a set is made of; the set must be a union of atoms (every intent endpoint is). Shared: never change it. */
  cover(set: IntervalSet): Int32Array;
  /** The atoms a set touches, each with the part of the set inside it, ascending. */
  slices(set: IntervalSet): AtomSlice[];
  /** The address a device could have that examples from or to a slice show (plan `exampleHost`), kept on the slice. */
  sliceHost(s: AtomSlice): bigint;
  /** The same for a whole atom, kept per atom. */
  atomHost(atom: number): bigint;
}

export interface AtomSlice {
  atom: number;
  keys: IntervalSet;
  /** The slice is the whole atom. */
  whole: boolean;
  /** Its addresses as prefixes, once asked for. */
  text?: string;
  /** The address its example packets use, once asked for. */
  host?: bigint;
}

/** Source and destination hosts of an example between two slices: two different hosts when both are one slice. */
export function examplePair(atoms: Atoms, from: AtomSlice, to: AtomSlice): [bigint, bigint] {
  return hostPair(atoms.sliceHost(from), atoms.sliceHost(to), to.keys[0]![1]);
}

/** `dst`, or the address after it when it is `src` and `last` (the end of its range) allows. */
export function hostPair(src: bigint, dst: bigint, last: bigint): [bigint, bigint] {
  return [src, src === dst && dst < last ? dst + 1n : dst];
}

/** Cuts: every identity segment of the plan, the family boundary, and the bounds of every literal prefix given. */
export function buildAtoms(plan: AddressPlan, literals: Iterable<readonly [bigint, bigint]>): Atoms {
  const cuts = new Set<bigint>([0n, V6_FIRST]);
  for (const s of plan.segments) {
    cuts.add(s.lo);
    cuts.add(s.hi + 1n);
  }
  for (const [lo, hi] of literals) {
    cuts.add(lo);
    cuts.add(hi + 1n);
  }
  // An external known by DNS name is its own stretch of addresses (its stand-ins, or what the policy resolves it to).
  for (const e of plan.names.all) {
    for (const [lo, hi] of plan.names.set(e.name)) {
      cuts.add(lo);
      cuts.add(hi + 1n);
    }
  }
  const starts = [...cuts].filter((c) => c <= ADDRESS_LAST).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lo: bigint[] = [];
  const hi: bigint[] = [];
  const zone: (string | undefined)[] = [];
  const group: (string | undefined)[] = [];
  const name: (string | undefined)[] = [];
  const family = new Uint8Array(starts.length);
  const named = plan.names.all.map((e) => ({ name: e.name, set: plan.names.set(e.name) }));
  starts.forEach((start, i) => {
    const identity = plan.identityOf(start);
    lo.push(start);
    hi.push(i + 1 < starts.length ? starts[i + 1]! - 1n : ADDRESS_LAST);
    zone.push(identity.zone);
    group.push(identity.group);
    // Names are cut points, so an atom is wholly a name's or not (one inside a zone is WL413, and stays the zone's).
    name.push(identity.zone === undefined && named.length > 0 ? named.find((n) => iv.contains(n.set, start))?.name : undefined);
    family[i] = start >= V6_FIRST ? 1 : 0;
  });
  const covered = new WeakMap<IntervalSet, Int32Array>();
  const find = (key: bigint): number => {
    let a = 0;
    let b = lo.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (lo[mid]! <= key) a = mid;
      else b = mid - 1;
    }
    return a;
  };
  const hosts: bigint[] = [];
  return {
    count: lo.length,
    lo,
    hi,
    zone,
    group,
    name,
    family,
    cover: (set) => {
      // Intents name the same groups over and over, and the plan hands out one set per group: cover each once.
      let atoms = covered.get(set);
      if (atoms) return atoms;
      const out: number[] = [];
      for (const [from, to] of iv.intervals(set)) {
        for (let i = find(from); i < lo.length && lo[i]! <= to; i++) if (out[out.length - 1] !== i) out.push(i);
      }
      covered.set(set, (atoms = Int32Array.from(out)));
      return atoms;
    },
    slices: (set) => {
      const out: AtomSlice[] = [];
      for (const [from, to] of iv.intervals(set)) {
        for (let i = find(from); i < lo.length && lo[i]! <= to; i++) {
          const whole = lo[i]! >= from && hi[i]! <= to;
          const keys = whole ? iv.single(lo[i]!, hi[i]!) : iv.single(lo[i]! > from ? lo[i]! : from, hi[i]! < to ? hi[i]! : to);
          const last = out[out.length - 1];
          // Two intervals of the set can fall into one atom; keep one slice per atom.
          if (last && last.atom === i) {
            last.keys = iv.union(last.keys, keys);
            last.whole = last.keys[0]![0] === lo[i] && last.keys.length === 1 && last.keys[0]![1] === hi[i];
          } else {
            out.push({ atom: i, keys, whole });
          }
        }
      }
      return out;
    },
    sliceHost: (s) => (s.host ??= plan.exampleHost(s.keys)),
    atomHost: (atom) => (hosts[atom] ??= plan.exampleHost(iv.single(lo[atom]!, hi[atom]!))),
  };
}

/** Whether a sorted list of atoms holds one (binary search). */
export function hasAtom(list: Int32Array, atom: number): boolean {
  let a = 0;
  let b = list.length - 1;
  while (a <= b) {
    const mid = (a + b) >> 1;
    const v = list[mid]!;
    if (v === atom) return true;
    if (v < atom) a = mid + 1;
    else b = mid - 1;
  }
  return false;
}
