import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { intern } from './service-text.js';
import type { Hop } from './answer.js';
import { examplePair, type Atoms, type AtomSlice } from './atoms.js';
import { viewOf } from './cell.js';
import type { Engine } from './engine.js';
import type { FlowEntry } from './intent-index.js';
import type { PartVerdict } from './semantics.js';

/** The path of traffic that crosses no enforcement point; one object, so parts list it once. */
const NO_HOPS: Hop[] = [];

/** One decider of a part while it is gathered: what it decided, cell by cell. */
export interface DeciderAcc {
  kind: 'flow' | 'guardrail' | 'default' | 'isolation' | 'monitor';
  /** Flow or guardrail index, or the zone's name for isolation and for a monitored zone's default. */
  key: number | string;
  /** Distinct sets (interned, so equal sets meet once). */
  services: Set<ServiceSet>;
}

/** The packets of one verdict, gathered pair of atoms by pair of atoms (plain arrays: a question makes many). */
export interface PartAcc {
  verdict: PartVerdict;
  /** The source and destination slices that have packets in the part, each once, ascending. */
  sources: AtomSlice[];
  destinations: Set<AtomSlice>;
  services: Set<ServiceSet>;
  /** Families met: 1 IPv4, 2 IPv6, 3 both. */
  families: number;
  deciders: Map<number | string, DeciderAcc>;
  paths: Set<Hop[]>;
  /** Hosts of the smallest source and of the smallest destination it reaches (sliceHost), and the services between them. */
  example?: { src: bigint; dst: bigint; services: ServiceSet };
  expired: FlowEntry[];
  zones: string[];
}

export function newPart(verdict: PartVerdict): PartAcc {
  return { verdict, sources: [], destinations: new Set(), services: new Set(), families: 0, deciders: new Map(), paths: new Set(), expired: [], zones: [] };
}

/** Flow indices as they are, guardrails after every flow, default and isolation by name. */
export function decide(part: PartAcc, kind: DeciderAcc['kind'], key: number | string, services: ServiceSet): void {
  const id = kind === 'flow' ? (key as number) : kind === 'guardrail' ? -1 - (key as number) : `${kind}:${key}`;
  let acc = part.deciders.get(id);
  if (!acc) part.deciders.set(id, (acc = { kind, key, services: new Set() }));
  acc.services.add(services);
}

/** Files the packets of one pair of slices under a verdict. */
export function addToPart(part: PartAcc, sa: AtomSlice, sb: AtomSlice, services: ServiceSet, atoms: Atoms, hops: Hop[]): void {
  if (part.sources[part.sources.length - 1] !== sa) part.sources.push(sa);
  part.destinations.add(sb);
  part.services.add(services);
  part.families |= atoms.family[sa.atom] === 1 ? 2 : 1;
  part.paths.add(hops);
  if (!part.example) {
    const [src, dst] = examplePair(atoms, sa, sb);
    part.example = { src, dst, services };
  }
}

/**
 * Walks every pair of (source slice, destination slice) and files each cell's packets under their verdict.
 * `allowOnly` skips everything but the allowed part (for the replies of a reverse query).
 */
export function gatherParts(
  engine: Engine,
  sources: readonly AtomSlice[],
  destinations: readonly AtomSlice[],
  wanted: ServiceSet,
  allowOnly = false,
): Map<PartVerdict, PartAcc> {
  const parts = new Map<PartVerdict, PartAcc>();
  const { cells, atoms } = engine;
  const add = (verdict: PartVerdict, sa: AtomSlice, sb: AtomSlice, services: ServiceSet, hops: Hop[]): PartAcc => {
    let part = parts.get(verdict);
    if (!part) parts.set(verdict, (part = newPart(verdict)));
    addToPart(part, sa, sb, services, atoms, hops);
    return part;
  };
  // A wide walk marks, per source, the destinations some intent names; the others need no search.
  const marks = destinations.length > 16 ? new Uint8Array(atoms.count) : undefined;
  for (const sa of sources) {
    const named = marks && cells.named(sa.atom, marks);
    for (const sb of destinations) {
      const cell = named && named[sb.atom] === 0 ? cells.unnamed(sa.atom, sb.atom) : cells.cell(sa.atom, sb.atom);
      if (cell.kind === 'no-packet') continue;
      const view = viewOf(cell, wanted);
      if (view.inQuery.parts.length === 0) continue;
      if (cell.kind !== 'filtered') {
        if (allowOnly) continue;
        if (cell.kind === 'isolated') decide(add('deny', sa, sb, view.inQuery, NO_HOPS), 'isolation', cell.zone!, view.inQuery);
        else {
          const part = add(cell.kind, sa, sb, view.inQuery, NO_HOPS);
          if (cell.zone !== undefined && !part.zones.includes(cell.zone)) part.zones.push(cell.zone);
        }
        continue;
      }
      const hops = engine.atomPath(sa.atom, sb.atom);
      if (view.allowed.parts.length > 0) {
        const part = add('allow', sa, sb, view.allowed, hops);
        for (const f of view.flows) decide(part, 'flow', f.entry.index, f.services);
      }
      if (!allowOnly && view.monitored.parts.length > 0) {
        const part = add('monitored', sa, sb, view.monitored, hops);
        let rest = view.monitored;
        for (const g of view.monitorGuards) {
          decide(part, 'guardrail', g.entry.index, g.services);
          rest = svc.subtract(rest, g.services);
        }
        if (cell.monitorZone !== undefined && !svc.isEmpty(rest)) decide(part, 'monitor', cell.monitorZone, intern(rest));
      }
      if (allowOnly || view.denied.parts.length === 0) continue;
      const part = add('deny', sa, sb, view.denied, hops);
      for (const g of view.guards) decide(part, 'guardrail', g.entry.index, g.services);
      if (view.defaulted.parts.length === 0) continue;
      decide(part, 'default', '', view.defaulted);
      for (const e of view.expired) if (!part.expired.includes(e)) part.expired.push(e);
    }
  }
  return parts;
}
