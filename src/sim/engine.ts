import { monitoredZones } from '../model/monitor.js';
import { buildAddressPlan, type AddressPlan } from '../model/address-plan.js';
import { intentPackets, type IntentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';
import { endpointReferences } from '../model/references.js';
import { prefixBounds } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { EXTERNAL } from '../model/zone-index.js';
import { hopsOf, type Answer, type DeciderRef, type Hop } from './answer.js';
import { buildAtoms, type Atoms, type AtomSlice } from './atoms.js';
import { cellTable, type CellTable } from './cell.js';
import { buildIntentIndex, type IntentIndex } from './intent-index.js';
import { resolveEndpointText, resolveServiceText } from './resolve-query.js';

/** Everything built once per policy and shared by every question. */
export interface Engine {
  policy: Policy;
  plan: AddressPlan;
  packets: IntentPackets;
  atoms: Atoms;
  index: IntentIndex;
  cells: CellTable;
  /** Atoms by zone name, and the external atoms under the empty name, ascending. */
  zoneAtoms: ReadonlyMap<string, readonly number[]>;
  /** Atoms by identity (group, else zone, else `external`), ascending. */
  identityAtoms: ReadonlyMap<string, readonly number[]>;
  /** The enforcement points between two zones (either may be external), memoised. */
  path(from: string | undefined, to: string | undefined): Hop[];
  /** The path between the zones of two atoms. */
  atomPath(a: number, b: number): Hop[];
  /** `[hops]`, one frozen list per path, for parts with one path. */
  pathList(hops: Hop[]): Hop[][];
  /** Query endpoints and services, memoised by their text. */
  endpoint(text: string): IntervalSet;
  /** The atoms an endpoint's addresses fall into, with the addresses in each. */
  slices(text: string): AtomSlice[];
  services(text: string | undefined): ServiceSet;
  /** The addresses of some slices as prefixes, memoised by which slices they are. */
  addressText(slices: Iterable<AtomSlice>): string;
  /** Decider references of answers, one frozen object per (intent, services). */
  deciderRefs: Map<string, DeciderRef>;
  /** Answers by question (from, to, service), frozen. */
  answers: Map<string, Answer>;
}

/** `shared`: the address plan and intent packets already built for this policy (by the checks), reused. */
export function buildEngine(policy: Policy, shared?: { addresses: AddressPlan; packets: IntentPackets }): Engine {
  const plan = shared?.addresses ?? buildAddressPlan(policy);
  const packets = shared?.packets ?? intentPackets(policy, plan);
  const literals = endpointReferences(policy).flatMap((r) => (r.kind === 'prefix' ? [prefixBounds(r.prefix.prefix)] : []));
  const atoms = buildAtoms(plan, literals);
  const index = buildIntentIndex(policy, plan, packets, atoms);
  const cells = cellTable(atoms, index, (zone) => policy.zones.get(zone)?.isolation ?? false, monitoredZones(policy));
  const zoneAtoms = new Map<string, number[]>();
  const identityAtoms = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, atom: number) => {
    const list = map.get(key);
    if (list) list.push(atom);
    else map.set(key, [atom]);
  };
  for (let a = 0; a < atoms.count; a++) {
    push(zoneAtoms, atoms.zone[a] ?? '', a);
    push(identityAtoms, identityOfAtom(atoms, a), a);
  }
  const paths = new Map<string, Hop[]>();
  const pathLists = new WeakMap<Hop[], Hop[][]>();
  // Zones numbered (0 = external) so the path of a pair of atoms is one array lookup.
  const zoneNames = [undefined, ...policy.zones.keys()];
  const zoneNumber = new Map(zoneNames.map((z, i) => [z, i]));
  const atomZone = Int32Array.from(atoms.zone, (z) => zoneNumber.get(z) ?? 0);
  const pathTable: (Hop[] | undefined)[] = new Array(zoneNames.length * zoneNames.length);
  const path = (from: string | undefined, to: string | undefined): Hop[] => {
    const key = `${from ?? ''}\0${to ?? ''}`;
    let hops = paths.get(key);
    if (!hops) paths.set(key, (hops = Object.freeze(hopsOf(policy, from, to).map((h) => Object.freeze(h))) as Hop[]));
    return hops;
  };
  const endpoints = new Map<string, IntervalSet>();
  const services = new Map<string, ServiceSet>();
  const sliced = new Map<string, AtomSlice[]>();
  const addressTexts = new Map<string, string>();
  const endpoint = (text: string): IntervalSet => {
    let set = endpoints.get(text);
    if (!set) endpoints.set(text, (set = resolveEndpointText(policy, plan, text)));
    return set;
  };
  return {
    policy,
    plan,
    packets,
    atoms,
    index,
    cells,
    zoneAtoms,
    identityAtoms,
    deciderRefs: new Map(),
    answers: new Map(),
    path,
    pathList: (hops) => {
      let list = pathLists.get(hops);
      if (!list) pathLists.set(hops, (list = Object.freeze([hops]) as Hop[][]));
      return list;
    },
    atomPath: (a, b) => {
      const i = atomZone[a]! * zoneNames.length + atomZone[b]!;
      return (pathTable[i] ??= path(atoms.zone[a], atoms.zone[b]));
    },
    endpoint,
    slices: (text) => {
      let list = sliced.get(text);
      if (!list) sliced.set(text, (list = atoms.slices(endpoint(text))));
      return list;
    },
    addressText: (slices) => {
      const list = [...slices].sort((x, y) => x.atom - y.atom);
      if (list.length === 1) return (list[0]!.text ??= plan.names.setText(list[0]!.keys));
      const key = list.map((s) => (s.whole ? s.atom : `${s.atom}:${iv.intervals(s.keys).join(':')}`)).join(',');
      let text = addressTexts.get(key);
      if (text === undefined) {
        if (addressTexts.size > 100_000) addressTexts.clear();
        addressTexts.set(key, (text = plan.names.setText(iv.fromIntervals(list.flatMap((s) => iv.intervals(s.keys))))));
      }
      return text;
    },
    services: (text) => {
      if (text === undefined) return svc.ALL_SERVICES;
      let set = services.get(text);
      if (!set) services.set(text, (set = resolveServiceText(policy, packets, text)));
      return set;
    },
  };
}

/** What an atom is, for grouping answers: its group, else its zone (the zone's addresses in no group), else external. */
export function identityOfAtom(atoms: Atoms, a: number): string {
  return atoms.group[a] ?? atoms.zone[a] ?? EXTERNAL;
}
