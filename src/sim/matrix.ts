import { validity, type Validity } from '../model/expiry.js';
import type { Policy } from '../model/policy.js';
import { isMonitoredGuardrail, monitoredZones } from '../model/monitor.js';
import { EXTERNAL } from '../model/zone-index.js';
import * as svc from '../net/service-set.js';
import type { DeciderRef } from './answer.js';
import type { Engine } from './engine.js';
import { viewOf } from './cell.js';
import { decide, newPart, type PartAcc } from './parts.js';
import { decidersOf, universeOf } from './query.js';
import { describeServices, unionOfServices } from './service-text.js';

export type MatrixBy = 'group' | 'zone';

/**
 * `isolated`: inside one zone with port isolation; `unrouted`: external to external; `monitored`: nothing allowed, but
 * monitor mode passes (and logs) some of what would be denied.
 */
export type MatrixVerdict = 'allow' | 'monitored' | 'deny' | 'same-segment' | 'isolated' | 'unrouted';

export interface MatrixName {
  name: string;
  /** `dns-name`: an external known by DNS name; `external`: every other address in no zone. */
  kind: 'group' | 'zone' | 'dns-name' | 'external';
  zone: string | null;
  /** For a `dns-name`: the name it is known by. */
  fqdn?: string;
  /** The group or zone, or the group's zone, carries the label `medical`. */
  medical: boolean;
}

export interface MatrixCell {
  verdict: MatrixVerdict;
  /** What some address of the row may open to some address of the column (monitored: what monitor mode passes). */
  services: string;
  /** The live flows that allow it (monitored: the guardrails or monitored zone's default that would deny it). */
  decidedBy: DeciderRef[];
}

/** What a matrix is about: rows are sources and columns destinations, both `names` in order. */
export interface MatrixHead {
  by: MatrixBy;
  service: string | null;
  /** The date the matrix was asked about, for human text only: machine formats give `valid` instead. */
  today: string;
  /** The days on which this matrix is the answer (between two expiries): the same bytes on each of them. */
  valid: Validity;
  names: MatrixName[];
}

/** A matrix as renderers read it: its rows once each, in order (a large one is computed row by row, not kept). */
export interface MatrixRows extends MatrixHead {
  cells: Iterable<MatrixCell[]>;
}

/** A whole matrix: `cells[row][column]`. */
export interface Matrix extends MatrixHead {
  cells: MatrixCell[][];
}

const DENY: MatrixCell = Object.freeze({ verdict: 'deny', services: 'nothing', decidedBy: [] }) as MatrixCell;

export function buildMatrix(engine: Engine, by: MatrixBy, service?: string): Matrix {
  const rows = matrixRows(engine, by, service);
  return { ...rows, cells: [...rows.cells] };
}

/**
 * The matrix with its rows computed as they are read: a 5,000 × 5,000 matrix is 25 million cells, which a renderer
 * can write out row by row without holding them. The service is resolved at once (an unknown one throws here).
 */
export function matrixRows(engine: Engine, by: MatrixBy, service?: string): MatrixRows {
  const { policy } = engine;
  const wanted = engine.services(service);
  const names = namesOf(engine, by);
  return { by, service: service ?? null, today: policy.today, valid: validity(policy.flows, policy.today), names, cells: rowsOf(engine, by, wanted, names) };
}

function* rowsOf(engine: Engine, by: MatrixBy, wanted: svc.ServiceSet, names: MatrixName[]): Generator<MatrixCell[]> {
  const { policy, atoms, index, cells } = engine;
  const column = new Map(names.map((n, i) => [n.name, i]));
  // By group, a zone's addresses in none of its groups are the zone's own row and column.
  const columnOf = (a: number) => column.get(by === 'group' ? (atoms.group[a] ?? atoms.zone[a] ?? atoms.name[a] ?? EXTERNAL) : (atoms.zone[a] ?? atoms.name[a] ?? EXTERNAL)) ?? -1;
  const rowAtoms = (n: MatrixName) => {
    if (n.kind === 'external') return (engine.zoneAtoms.get('') ?? []).filter((a) => atoms.name[a] === undefined);
    if (n.kind === 'dns-name') return (engine.zoneAtoms.get('') ?? []).filter((a) => atoms.name[a] === n.name);
    if (n.kind === 'group') return engine.identityAtoms.get(n.name) ?? [];
    const all = engine.zoneAtoms.get(n.name) ?? [];
    return by === 'group' ? all.filter((a) => atoms.group[a] === undefined) : all;
  };
  const mark = new Uint8Array(atoms.count);
  // Monitor mode anywhere: a cell with nothing allowed may still pass something (walked pair by pair, so only then).
  const watching = monitoredZones(policy).length > 0 || policy.guardrails.some(isMonitoredGuardrail);
  for (let r = 0; r < names.length; r++) {
    const row = names[r]!;
    const accs = new Map<number, PartAcc>();
    for (const a of rowAtoms(row)) {
      mark.fill(0);
      for (const f of index.flowsFrom(a)) {
        if (!f.live) continue;
        for (const b of f.dst) {
          if (mark[b]) continue;
          mark[b] = 1;
          const cell = cells.cell(a, b);
          const c = columnOf(b);
          if (cell.kind !== 'filtered' || c < 0) continue;
          const view = viewOf(cell, wanted);
          if (svc.isEmpty(view.allowed)) continue;
          let acc = accs.get(c);
          if (!acc) accs.set(c, (acc = newPart('allow')));
          acc.services.add(view.allowed);
          acc.families |= atoms.family[a] === 1 ? 2 : 1;
          for (const d of view.flows) decide(acc, 'flow', d.entry.index, d.services);
        }
      }
    }
    yield names.map((col, c): MatrixCell => {
      const acc = accs.get(c);
      if (acc) {
        const universe = universeOf(acc.families);
        const services = describeServices(unionOfServices(acc.services), universe);
        return { verdict: 'allow', services, decidedBy: decidersOf(engine, acc, universe) };
      }
      return unfiltered(policy, row, col) ?? (watching ? monitoredCell(engine, rowAtoms(row), rowAtoms(col), wanted) : undefined) ?? DENY;
    });
  }
}

/** What monitor mode passes from the row's atoms to the column's, when nothing is allowed; undefined when nothing. */
function monitoredCell(engine: Engine, from: readonly number[], to: readonly number[], wanted: svc.ServiceSet): MatrixCell | undefined {
  const acc = newPart('monitored');
  for (const a of from) {
    for (const b of to) {
      const cell = engine.cells.cell(a, b);
      if (cell.kind !== 'filtered' || svc.isEmpty(cell.monitored)) continue;
      const view = viewOf(cell, wanted);
      if (svc.isEmpty(view.monitored)) continue;
      acc.services.add(view.monitored);
      acc.families |= engine.atoms.family[a] === 1 ? 2 : 1;
      let rest = view.monitored;
      for (const g of view.monitorGuards) {
        decide(acc, 'guardrail', g.entry.index, g.services);
        rest = svc.subtract(rest, g.services);
      }
      if (cell.monitorZone !== undefined && !svc.isEmpty(rest)) decide(acc, 'monitor', cell.monitorZone, rest);
    }
  }
  if (acc.services.size === 0) return undefined;
  const universe = universeOf(acc.families);
  return { verdict: 'monitored', services: describeServices(unionOfServices(acc.services), universe), decidedBy: decidersOf(engine, acc, universe) };
}

/** Cells inside one zone (same segment or isolated) and between addresses in no zone, names included (unrouted). */
function unfiltered(policy: Policy, row: MatrixName, col: MatrixName): MatrixCell | undefined {
  if (row.zone === null && col.zone === null) return { verdict: 'unrouted', services: 'any', decidedBy: [] };
  if (row.zone === null || row.zone !== col.zone) return undefined;
  const isolated = policy.zones.get(row.zone)?.isolation ?? false;
  return isolated ? { verdict: 'isolated', services: 'nothing', decidedBy: [] } : { verdict: 'same-segment', services: 'any', decidedBy: [] };
}

function namesOf(engine: Engine, by: MatrixBy): MatrixName[] {
  const { policy } = engine;
  const labelled = (labels: readonly { value: string }[]) => labels.some((l) => l.value === 'medical');
  const zoneMedical = (zone: string) => labelled(policy.zones.get(zone)?.labels ?? []);
  const names: MatrixName[] =
    by === 'group'
      ? [
          ...[...policy.groups.values()].map((g) => ({ name: g.name, kind: 'group' as const, zone: g.zone.value, medical: labelled(g.labels) || zoneMedical(g.zone.value) })),
          // Each zone's other addresses, when its groups leave some (a zone without groups is all of them).
          ...[...policy.zones.values()]
            .filter((z) => (engine.zoneAtoms.get(z.name) ?? []).some((a) => engine.atoms.group[a] === undefined))
            .map((z) => ({ name: z.name, kind: 'zone' as const, zone: z.name, medical: labelled(z.labels) })),
        ]
      : [...policy.zones.values()].map((z) => ({ name: z.name, kind: 'zone' as const, zone: z.name, medical: labelled(z.labels) }));
  // Externals known by DNS name, then every other address in no zone. Addresses two names resolve to are the first's
  // (in name order): a name with none of its own has no row or column of its own.
  const owning = new Set(engine.atoms.name.filter((n) => n !== undefined));
  const dnsNames = engine.plan.names.all
    .filter((e) => owning.has(e.name))
    .map((e): MatrixName => ({ name: e.name, kind: 'dns-name', zone: null, fqdn: e.fqdn.value, medical: labelled(e.labels) }));
  return [...names, ...dnsNames, { name: EXTERNAL, kind: 'external', zone: null, medical: false }];
}
