import { ICMP, ICMPV6 } from '../net/service.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import type { DeciderRef, ExpiredRef } from './answer.js';
import { intern } from './service-text.js';
import { hasAtom, type Atoms } from './atoms.js';
import type { FlowEntry, GuardrailEntry, IntentIndex } from './intent-index.js';
import { isMonitoredGuardrail } from '../model/monitor.js';

export type CellKind = 'filtered' | 'same-segment' | 'isolated' | 'unrouted' | 'no-packet';

/** An intent of a cell and the services it decided there. */
export interface Decided<E> {
  entry: E;
  services: ServiceSet;
}

/** Everything the semantics say about the packets from one atom to another, by service. */
export interface Cell {
  kind: CellKind;
  /** The services that exist between the two atoms: each family has only its own ICMP. */
  universe: ServiceSet;
  allowed: ServiceSet;
  /** Live flows holding the pair, each with the part of `allowed` it holds. */
  flows: Decided<FlowEntry>[];
  /** Enforced guardrails holding the pair, each with what it forbids there once its exceptions are taken out. */
  guards: Decided<GuardrailEntry>[];
  /** Denied by default: in the universe, neither allowed nor forbidden by a guardrail (nor passed by monitor mode). */
  defaulted: ServiceSet;
  /**
   * Passed by monitor mode (model/monitor.ts): forbidden only by guardrails in monitor mode, and, between a monitored
   * zone and anything else, what the default would deny. Passed and logged, not allowed by intent.
   */
  monitored: ServiceSet;
  /** Guardrails in monitor mode, each with the part of `monitored` that it alone would deny. */
  monitorGuards: Decided<GuardrailEntry>[];
  /** The monitored zone whose default the rest of `monitored` is (the first of the two ends' zones in policy order). */
  monitorZone?: string;
  /** Expired flows holding the pair, each with the part of `defaulted` it would have allowed. */
  expired: Decided<FlowEntry>[];
  /** The zone of both ends, for same-segment and isolated cells. */
  zone?: string;
  /** The cell seen through the services a question asks about, memoised per service set. */
  views: Map<ServiceSet, CellView>;
}

/** A cell restricted to the services a question asks about. */
export interface CellView {
  /** The wanted services that exist between the two atoms. */
  inQuery: ServiceSet;
  allowed: ServiceSet;
  /** inQuery − allowed − monitored: forbidden by guardrails, by isolation, or denied by default. */
  denied: ServiceSet;
  monitored: ServiceSet;
  monitorGuards: Decided<GuardrailEntry>[];
  flows: Decided<FlowEntry>[];
  guards: Decided<GuardrailEntry>[];
  defaulted: ServiceSet;
  /** Expired flows that would have allowed some of `defaulted`. */
  expired: FlowEntry[];
  /** What the view says in words, once single-pair.ts has put it so. */
  words?: ViewWords;
}

/** A view in words, independent of which pair of atoms it is seen from. */
export interface ViewWords {
  allowText: string;
  denyText: string;
  monitorText: string;
  allow: DeciderRef[];
  deny: DeciderRef[];
  monitor: DeciderRef[];
  expired: ExpiredRef[];
}

export function viewOf(cell: Cell, wanted: ServiceSet): CellView {
  let view = cell.views.get(wanted);
  if (view) return view;
  const all = wanted === svc.ALL_SERVICES;
  const cut = (set: ServiceSet) => (all ? set : intern(svc.intersect(set, wanted)));
  const inQuery = cut(cell.universe);
  const allowed = cell.kind === 'filtered' ? cut(cell.allowed) : cell.kind === 'isolated' ? E : inQuery;
  const keep = <T>(list: readonly Decided<T>[]) =>
    list.flatMap((d) => {
      const services = cut(d.services);
      return svc.isEmpty(services) ? [] : [{ entry: d.entry, services }];
    });
  const defaulted = cut(cell.defaulted);
  const monitored = cut(cell.monitored);
  const passed = svc.isEmpty(monitored) ? allowed : svc.union(allowed, monitored);
  view = {
    inQuery,
    allowed,
    denied: passed === inQuery ? E : intern(svc.subtract(inQuery, passed)),
    monitored,
    monitorGuards: keep(cell.monitorGuards),
    flows: keep(cell.flows),
    guards: keep(cell.guards),
    defaulted,
    expired: keep(cell.expired).map((d) => d.entry),
  };
  cell.views.set(wanted, view);
  return view;
}

export const V4_SERVICES = svc.subtract(svc.ALL_SERVICES, svc.protocolServices(ICMPV6));
export const V6_SERVICES = svc.subtract(svc.ALL_SERVICES, svc.protocolServices(ICMP));

const E = svc.EMPTY_SERVICES;

function fixed(kind: CellKind, universe: ServiceSet, zone?: string): Cell {
  const cell: Cell = { kind, universe, allowed: E, flows: [], guards: [], defaulted: kind === 'filtered' ? universe : E, monitored: E, monitorGuards: [], expired: [], views: new Map() };
  if (zone !== undefined) cell.zone = zone;
  return cell;
}

const NO_PACKET = fixed('no-packet', E);
const DEFAULT_DENY = [fixed('filtered', V4_SERVICES), fixed('filtered', V6_SERVICES)] as const;

export interface CellTable {
  cell(a: number, b: number): Cell;
  /** The cell of a pair that no intent names (the caller knows): no search for candidates. */
  unnamed(a: number, b: number): Cell;
  /** The destination atoms some flow or guardrail from this atom names, marked in `into` (cleared first). */
  named(a: number, into: Uint8Array): Uint8Array;
  /** A filtered pair's cell by its intents alone, before monitored zones pass its default. */
  intentCell(a: number, b: number): Cell;
}

/**
 * `monitored`: the monitored zones (model/monitor.ts) in policy order, empty when none is: a filtered pair with an end in
 * one of them passes what its default would deny.
 */
export function cellTable(atoms: Atoms, index: IntentIndex, isolated: (zone: string) => boolean, monitored: readonly string[] = []): CellTable {
  const memo = new Map<number, Cell>();
  const bySignature = new Map<string, Cell>();
  const byOneFlow = new Map<number, Cell>();
  const mark = (a: number, into: Uint8Array): Uint8Array => {
    into.fill(0);
    for (const f of index.flowsFrom(a)) for (const b of f.dst) into[b] = 1;
    for (const g of index.guardrailsFrom(a)) for (const b of g.dst) into[b] = 1;
    return into;
  };
  // Rows of named pairs cost a bit per pair (a whole walk over 7,500 atoms: 7 MB); past this many atoms the search in
  // `holding` does instead.
  const rows: (Uint8Array | undefined)[] | undefined = atoms.count <= 32_768 ? new Array(atoms.count) : undefined;
  const bitRow = (a: number): Uint8Array => {
    const row = new Uint8Array((atoms.count + 7) >> 3);
    for (const f of index.flowsFrom(a)) for (const b of f.dst) row[b >> 3]! |= 1 << (b & 7);
    for (const g of index.guardrailsFrom(a)) for (const b of g.dst) row[b >> 3]! |= 1 << (b & 7);
    return row;
  };
  const zoneCells = new Map<string, Cell>();
  const unrouted = [fixed('unrouted', V4_SERVICES), fixed('unrouted', V6_SERVICES)] as const;
  const sameZone = (zone: string, family: number): Cell => {
    const key = `${family}${zone}`;
    let cell = zoneCells.get(key);
    if (!cell) {
      const universe = family === 1 ? V6_SERVICES : V4_SERVICES;
      cell = isolated(zone) ? fixed('isolated', universe, zone) : fixed('same-segment', universe, zone);
      zoneCells.set(key, cell);
    }
    return cell;
  };
  const unfiltered = (a: number, b: number): Cell | undefined => {
    const family = atoms.family[a]!;
    if (family !== atoms.family[b]) return NO_PACKET;
    const from = atoms.zone[a];
    const to = atoms.zone[b];
    if (from === undefined && to === undefined) return unrouted[family]!;
    if (from === to) return sameZone(from!, family);
    return undefined;
  };
  const intentCell = (a: number, b: number): Cell => {
    const family = atoms.family[a]!;
    // Most pairs no intent names: one bit per pair of a source's row says so, without a search or a lookup.
    const row = rows ? (rows[a] ??= bitRow(a)) : undefined;
    if (row && (row[b >> 3]! & (1 << (b & 7))) === 0) return DEFAULT_DENY[family]!;
    const key = a * atoms.count + b;
    let cell = memo.get(key);
    if (cell) return cell;
    const flows = holding(index.flowsFrom(a), b);
    const guardrails = holding(index.guardrailsFrom(a), b);
    if (flows.length === 0 && guardrails.length === 0) {
      cell = DEFAULT_DENY[family]!;
    } else if (flows.length === 1 && guardrails.length === 0) {
      // The common pair, held by one flow alone: its cell found by number, without writing a signature.
      const one = flows[0]!.index * 2 + family;
      cell = byOneFlow.get(one);
      if (!cell) byOneFlow.set(one, (cell = filtered(flows, guardrails, family)));
    } else {
      // The cell depends only on which intents hold the pair: pairs held by the same intents share one cell.
      const signature = `${family}|${flows.map((f) => f.index).join(',')}|${guardrails.map((g) => g.index).join(',')}`;
      cell = bySignature.get(signature);
      if (!cell) bySignature.set(signature, (cell = filtered(flows, guardrails, family)));
    }
    // Bounded: a walk over every pair (any to any) must not keep them all.
    if (memo.size > 1_000_000) memo.clear();
    memo.set(key, cell);
    return cell;
  };
  const order = new Map(monitored.map((z, i) => [z, i]));
  const variants = new Map<Cell, Map<string, Cell>>();
  /** The cell as seen between a monitored zone and anything else: its default passed, by that zone. */
  const watched = (a: number, b: number, cell: Cell): Cell => {
    if (order.size === 0 || svc.isEmpty(cell.defaulted)) return cell;
    const ia = order.get(atoms.zone[a] ?? '');
    const ib = order.get(atoms.zone[b] ?? '');
    if (ia === undefined && ib === undefined) return cell;
    const zone = monitored[Math.min(ia ?? Infinity, ib ?? Infinity)]!;
    let byZone = variants.get(cell);
    if (!byZone) variants.set(cell, (byZone = new Map()));
    let v = byZone.get(zone);
    if (!v) byZone.set(zone, (v = { ...cell, monitored: intern(svc.union(cell.monitored, cell.defaulted)), defaulted: E, monitorZone: zone, views: new Map() }));
    return v;
  };
  return {
    unnamed: (a, b) => unfiltered(a, b) ?? watched(a, b, DEFAULT_DENY[atoms.family[a]!]!),
    named: (a, into) => mark(a, into),
    cell(a, b) {
      const fixedCell = unfiltered(a, b);
      if (fixedCell) return fixedCell;
      return watched(a, b, intentCell(a, b));
    },
    intentCell,
  };
}

const NONE: never[] = [];

/** The entries whose destinations hold the atom; no allocation when none does. */
function holding<T extends { dst: Int32Array }>(list: readonly T[], b: number): readonly T[] {
  let out: T[] | undefined;
  for (const e of list) if (hasAtom(e.dst, b)) (out ??= []).push(e);
  return out ?? NONE;
}

function filtered(flows: readonly FlowEntry[], guardrails: readonly GuardrailEntry[], family: number): Cell {
  const universe = family === 1 ? V6_SERVICES : V4_SERVICES;
  const live = flows.filter((f) => f.live);
  const forbidding: Decided<GuardrailEntry>[] = [];
  for (const g of guardrails) {
    let forbidden = svc.intersect(g.services, universe);
    for (const f of live) if (g.exceptions.has(f.index)) forbidden = svc.subtract(forbidden, f.services);
    if (!svc.isEmpty(forbidden)) forbidding.push({ entry: g, services: intern(forbidden) });
  }
  const union = (list: readonly Decided<GuardrailEntry>[]) => list.reduce((acc, g) => svc.union(acc, g.services), E);
  // An enforced guardrail denies whatever a guardrail in monitor mode would pass.
  const guards = forbidding.filter((g) => !isMonitoredGuardrail(g.entry.guardrail));
  const enforced = union(guards);
  const monitorGuards = forbidding
    .filter((g) => isMonitoredGuardrail(g.entry.guardrail))
    .flatMap((g) => {
      const services = intern(svc.subtract(g.services, enforced));
      return svc.isEmpty(services) ? [] : [{ entry: g.entry, services }];
    });
  const monitored = intern(union(monitorGuards));
  const guarded = svc.union(enforced, monitored);
  const offered = live.reduce((acc, f) => svc.union(acc, f.services), E);
  const allowed = intern(svc.subtract(svc.intersect(offered, universe), guarded));
  const defaulted = intern(svc.subtract(svc.subtract(universe, allowed), guarded));
  const decided = (list: readonly FlowEntry[], within: ServiceSet) =>
    list.flatMap((entry) => {
      const services = intern(svc.intersect(entry.services, within));
      return svc.isEmpty(services) ? [] : [{ entry, services }];
    });
  return {
    kind: 'filtered',
    universe,
    allowed,
    flows: decided(live, allowed),
    guards,
    defaulted,
    monitored,
    monitorGuards,
    expired: decided(
      flows.filter((f) => !f.live),
      defaulted,
    ),
    views: new Map(),
  };
}
