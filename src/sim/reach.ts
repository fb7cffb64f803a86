import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { examplePacket, type DeciderRef, type ExamplePacket, type Hop } from './answer.js';
import { EXTERNAL } from '../model/zone-index.js';
import { identityOfAtom, type Engine } from './engine.js';
import { viewOf } from './cell.js';
import { hostPair } from './atoms.js';
import { decide, newPart, type PartAcc } from './parts.js';
import { decidersOf, universeOf } from './query.js';
import { describeServices, unionOfServices } from './service-text.js';
import { isMonitoredGuardrail, monitoredZones } from '../model/monitor.js';

const everyMemo = new Map<number, Int32Array>();
/** 0 … n-1, once per atom count. */
function everyAtom(n: number): Int32Array {
  let all = everyMemo.get(n);
  if (!all) everyMemo.set(n, (all = Int32Array.from({ length: n }, (_, i) => i)));
  return all;
}

export interface ReachEntry {
  /** The other side: a group, a zone (its addresses in no group), or `external`. */
  name: string;
  kind: 'group' | 'zone' | 'external';
  zone: string | null;
  /** `partial` when some address pairs get less than the services listed; `monitored`: passed by monitor mode only. */
  verdict: 'allow' | 'partial' | 'same-segment' | 'unrouted' | 'monitored';
  services: string;
  decidedBy: DeciderRef[];
  example: ExamplePacket;
  path: Hop[];
}

/** Everything one endpoint can reach (`from` set) or everything that can reach it (`to` set). */
export interface Reach {
  from: string | null;
  to: string | null;
  service: string | null;
  reach: ReachEntry[];
  /**
   * What monitor mode passes besides (README: staged rollout): what the policy would deny, passed and logged; its
   * deciders the guardrails or monitored zone's default that would deny it. Empty when nothing is monitored.
   */
  monitored: ReachEntry[];
}

interface EntryAcc {
  first: number;
  kinds: Set<'allow' | 'same-segment' | 'unrouted'>;
  acc: PartAcc;
  /** How many (mine, theirs) atom pairs got something, and the distinct (universe, services) they got. */
  pairCount: number;
  pairs: Map<ServiceSet, Set<ServiceSet>>;
  example: ExamplePacket;
  path: Hop[];
}

/** `only`: the other sides (by identity) to answer for, the others skipped; absent, every one. */
export function reachFrom(engine: Engine, side: 'from' | 'to', text: string, service?: string, only?: ReadonlySet<string>): Reach {
  const { atoms, cells, index } = engine;
  let skip: Uint8Array | undefined;
  if (only) {
    skip = new Uint8Array(atoms.count).fill(1);
    for (const name of only) for (const o of engine.identityAtoms.get(name) ?? []) skip[o] = 0;
  }
  const mine = engine.slices(text);
  const wanted = engine.services(service);
  const entries = new Map<string, EntryAcc>();
  const watched = new Map<string, EntryAcc>();
  // Monitor mode may pass something towards any atom: then every other atom is looked at, not only those flows name.
  const watching = monitoredZones(engine.policy).length > 0 || engine.policy.guardrails.some(isMonitoredGuardrail);
  const mineByFamily: [number, number] = [0, 0];
  for (const s of mine) mineByFamily[atoms.family[s.atom]!]++;
  // The other atoms of one of mine, each once: marked, gathered into one reused buffer (no arrays per atom, which
  // for a source whose flows reach whole zones ran to thousands of entries), then sorted in place.
  const mark = new Uint8Array(atoms.count);
  const gathered = new Int32Array(atoms.count);
  for (const s of mine) {
    const zone = atoms.zone[s.atom];
    mark.fill(0);
    let n = 0;
    const add = (list: ArrayLike<number>) => {
      for (let i = 0; i < list.length; i++) {
        const o = list[i]!;
        if (mark[o] === 0 && !skip?.[o]) {
          mark[o] = 1;
          gathered[n++] = o;
        }
      }
    };
    add(engine.zoneAtoms.get(zone ?? '') ?? []);
    for (const f of side === 'from' ? index.flowsFrom(s.atom) : index.flowsTo(s.atom)) if (f.live) add(side === 'from' ? f.dst : f.src);
    if (watching) add(everyAtom(atoms.count));
    const unique = gathered.subarray(0, n).sort();
    for (const o of unique) {
      const [a, b] = side === 'from' ? [s.atom, o] : [o, s.atom];
      const cell = cells.cell(a, b);
      if (cell.kind === 'no-packet' || cell.kind === 'isolated') continue;
      const view = viewOf(cell, wanted);
      const name = identityOfAtom(atoms, o);
      const entryOf = (into: Map<string, EntryAcc>, services: ServiceSet): EntryAcc => {
        let entry = into.get(name);
        if (!entry) {
          const other = atoms.atomHost(o);
          const [src, dst] = side === 'from' ? hostPair(atoms.sliceHost(s), other, atoms.hi[o]!) : hostPair(other, atoms.sliceHost(s), s.keys[0]![1]);
          entry = { first: o, kinds: new Set(), acc: newPart('allow'), pairCount: 0, pairs: new Map(), example: examplePacket(src, dst, services, engine.plan.names.keyText), path: cell.kind === 'filtered' ? engine.atomPath(a, b) : [] };
          into.set(name, entry);
        }
        return entry;
      };
      if (watching && !svc.isEmpty(view.monitored)) {
        const entry = entryOf(watched, view.monitored);
        entry.first = Math.min(entry.first, o);
        entry.acc.services.add(view.monitored);
        entry.acc.families |= atoms.family[a] === 1 ? 2 : 1;
        let rest = view.monitored;
        for (const g of view.monitorGuards) {
          decide(entry.acc, 'guardrail', g.entry.index, g.services);
          rest = svc.subtract(rest, g.services);
        }
        if (cell.monitorZone !== undefined && !svc.isEmpty(rest)) decide(entry.acc, 'monitor', cell.monitorZone, rest);
      }
      const services = view.allowed;
      if (svc.isEmpty(services)) continue;
      const entry = entryOf(entries, services);
      entry.first = Math.min(entry.first, o);
      entry.kinds.add(cell.kind === 'filtered' ? 'allow' : cell.kind);
      entry.pairCount++;
      let got = entry.pairs.get(cell.universe);
      if (!got) entry.pairs.set(cell.universe, (got = new Set()));
      got.add(services);
      entry.acc.services.add(services);
      entry.acc.families |= atoms.family[a] === 1 ? 2 : 1;
      for (const f of view.flows) decide(entry.acc, 'flow', f.entry.index, f.services);
    }
  }
  // In address order, the world outside every zone last.
  const rank = (name: string, e: EntryAcc) => (name === EXTERNAL ? atoms.count : e.first);
  const finished = (from: Map<string, EntryAcc>) => [...from.entries()].sort(([m, x], [n, y]) => rank(m, x) - rank(n, y)).map(([name, e]) => finishEntry(engine, name, e, mineByFamily));
  const monitored = finished(watched).map((e) => ({ ...e, verdict: 'monitored' as const }));
  return { from: side === 'from' ? text : null, to: side === 'to' ? text : null, service: service ?? null, reach: finished(entries), monitored };
}

function finishEntry(engine: Engine, name: string, e: EntryAcc, mineByFamily: [number, number]): ReachEntry {
  const { atoms } = engine;
  const universe = universeOf(e.acc.families);
  const services = unionOfServices(e.acc.services);
  // Every same-family pair must be there and carry everything listed, else only part of the pairs get it.
  const theirs = engine.identityAtoms.get(name)!;
  const pairsExpected = theirs.reduce((n, o) => n + mineByFamily[atoms.family[o]!]!, 0);
  const complete =
    e.pairCount === pairsExpected &&
    [...e.pairs].every(([universe, got]) => [...got].every((p) => svc.isSubset(svc.intersect(services, universe), p)));
  const group = atoms.group[e.first];
  const zone = atoms.zone[e.first];
  const only = e.kinds.size === 1 ? [...e.kinds][0]! : 'allow';
  return {
    name,
    kind: group !== undefined ? 'group' : zone !== undefined ? 'zone' : 'external',
    zone: zone ?? null,
    verdict: !complete ? 'partial' : only,
    services: describeServices(services, universe),
    decidedBy: decidersOf(engine, e.acc, universe),
    example: e.example,
    path: e.path,
  };
}
