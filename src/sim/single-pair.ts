import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { examplePacket, type Answer, type DeciderRef, type ExpiredRef, type Hop, type Part } from './answer.js';
import { examplePair, type AtomSlice } from './atoms.js';
import { viewOf, type Cell, type CellView, type ViewWords } from './cell.js';
import type { Engine } from './engine.js';
import { deciderRef } from './decider-ref.js';
import { combineVerdicts } from './semantics.js';
import { describeServices } from './service-text.js';

/**
 * The answer when both ends fall into one atom each (most group and address questions): the same answer the general
 * walk (query.ts) gives, built from what each cell view keeps, so a question allocates little.
 */
export function singlePairAnswer(
  engine: Engine,
  q: { from: string; to: string; service?: string },
  sa: AtomSlice,
  sb: AtomSlice,
  wanted: ServiceSet,
  emptyNotes: () => string[],
): Answer {
  const cell = engine.cells.cell(sa.atom, sb.atom);
  const view = cell.kind === 'no-packet' ? undefined : viewOf(cell, wanted);
  const parts = view && view.inQuery.parts.length > 0 ? partsOf(engine, cell, view, sa, sb) : [];
  const verdict = combineVerdicts(parts.map((p) => p.verdict));
  let replies: Answer['replies'] = null;
  if (verdict === 'deny' || verdict === 'partial') {
    const back = engine.cells.cell(sb.atom, sa.atom);
    const reverse = back.kind === 'filtered' ? viewOf(back, wanted) : undefined;
    if (reverse && reverse.allowed.parts.length > 0) {
      replies = { decidedBy: kept(engine, back, reverse).allow, example: examplePacket(...examplePair(engine.atoms, sb, sa), reverse.allowed, engine.plan.names.keyText) };
    }
  }
  let notes: string[] = NO_NOTES;
  if (parts.length === 0) notes = emptyNotes();
  else if (cell.kind === 'same-segment') notes = [sameSegmentNote(cell.zone!)];
  else if (cell.kind === 'unrouted') notes = [UNROUTED_NOTE];
  return {
    from: q.from,
    to: q.to,
    service: q.service ?? null,
    verdict,
    example: parts[0]?.example ?? null,
    decidedBy: parts.length === 1 ? parts[0]!.decidedBy : parts.flatMap((p) => p.decidedBy),
    path: parts[0]?.paths[0] ?? NO_HOPS,
    parts,
    replies,
    expired: view && parts.length > 0 && cell.kind === 'filtered' ? kept(engine, cell, view).expired : NO_EXPIRED,
    notes,
  };
}

const NO_HOPS: Hop[] = [];
const NO_NOTES: string[] = [];
const NO_EXPIRED: ExpiredRef[] = [];
const NO_DECIDERS: DeciderRef[] = [];
export const UNROUTED_NOTE = 'both ends outside every zone: the traffic crosses no enforcement point of this policy';

export function sameSegmentNote(zone: string): string {
  return `traffic inside zone ${zone} stays on one segment: no enforcement point sees it, so nothing filters it`;
}

/** What a view says in words, kept on the view: every pair that shares the view shares the words. */
function kept(engine: Engine, cell: Cell, view: CellView): ViewWords {
  if (view.words) return view.words;
  const u = cell.universe;
  const said = (s: ServiceSet) => describeServices(s, u);
  const deny: DeciderRef[] = view.guards.map((g) => deciderRef(engine, 'guardrail', g.entry.index, said(g.services)));
  if (cell.kind === 'isolated') deny.push(deciderRef(engine, 'isolation', cell.zone!, said(view.inQuery)));
  else if (view.defaulted.parts.length > 0) deny.push(deciderRef(engine, 'default', '', said(view.defaulted)));
  const monitor: DeciderRef[] = view.monitorGuards.map((g) => deciderRef(engine, 'guardrail', g.entry.index, said(g.services)));
  const byZone = view.monitorGuards.reduce((rest, g) => svc.subtract(rest, g.services), view.monitored);
  if (cell.monitorZone !== undefined && byZone.parts.length > 0) monitor.push(deciderRef(engine, 'monitor', cell.monitorZone, said(byZone)));
  const k: ViewWords = {
    allowText: said(view.allowed),
    denyText: said(view.denied),
    monitorText: said(view.monitored),
    monitor: Object.freeze(monitor) as DeciderRef[],
    allow: Object.freeze(view.flows.map((f) => deciderRef(engine, 'flow', f.entry.index, said(f.services)))) as DeciderRef[],
    deny: Object.freeze(deny) as DeciderRef[],
    expired: view.expired.map(({ flow }) => ({ id: flow.id, file: flow.loc.file, line: flow.loc.range.start.line + 1, expires: flow.expires?.value ?? '' })),
  };
  view.words = k;
  return k;
}

function partsOf(engine: Engine, cell: Cell, view: CellView, sa: AtomSlice, sb: AtomSlice): Part[] {
  const src = (sa.text ??= engine.addressText([sa]));
  const dst = (sb.text ??= engine.addressText([sb]));
  const part = (verdict: Part['verdict'], services: string, set: ServiceSet, decidedBy: DeciderRef[], hops: Hop[]): Part => ({
    verdict,
    sources: src,
    destinations: dst,
    services,
    example: examplePacket(...examplePair(engine.atoms, sa, sb), set, engine.plan.names.keyText),
    decidedBy,
    paths: engine.pathList(hops),
  });
  const k = kept(engine, cell, view);
  if (cell.kind === 'same-segment' || cell.kind === 'unrouted') return [part(cell.kind, k.allowText, view.inQuery, NO_DECIDERS, NO_HOPS)];
  if (cell.kind === 'isolated') return [part('deny', k.denyText, view.inQuery, k.deny, NO_HOPS)];
  const hops = engine.atomPath(sa.atom, sb.atom);
  const out: Part[] = [];
  if (view.allowed.parts.length > 0) out.push(part('allow', k.allowText, view.allowed, k.allow, hops));
  if (view.monitored.parts.length > 0) out.push(part('monitored', k.monitorText, view.monitored, k.monitor, hops));
  if (view.denied.parts.length > 0) out.push(part('deny', k.denyText, view.denied, k.deny, hops));
  return out;
}
