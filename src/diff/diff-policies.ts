import type { Flow, Policy } from '../model/policy.js';
import type { DeciderRef } from '../sim/answer.js';
import type { ReachEntry } from '../sim/reach.js';
import { identityOfAtom } from '../sim/engine.js';
import { simulator, type Simulator, type SimulatorShared } from '../sim/simulator.js';

export type Risk = 'medical' | 'untrusted' | 'removes-expected' | 'widens-to-any';

export interface IntentRef {
  id: string;
  file: string;
  line: number;
}

/** Connectivity gained or lost from one source (group, zone or external) to one destination, for one service item. */
export interface ConnectivityChange {
  change: 'added' | 'removed';
  from: string;
  to: string;
  service: string;
  risks: Risk[];
  /** The intents that decided the cell before and after (empty on the side where it is denied). */
  base: IntentRef[];
  head: IntentRef[];
}

export interface MetadataChange {
  flow: string;
  field: 'id' | 'owner' | 'why' | 'ticket' | 'expires';
  before: string | null;
  after: string | null;
}

export interface BrokenExpectation {
  from: string;
  to: string;
  service: string | null;
  file: string;
  line: number;
  reason: string;
}

export interface PolicyDiff {
  base: string;
  head: string;
  today: string;
  changes: ConnectivityChange[];
  metadata: MetadataChange[];
  brokenExpectations: BrokenExpectation[];
}

export interface DiffOptions {
  /** Shown in the report: revision or directory names. */
  baseLabel?: string;
  headLabel?: string;
  /** The address plans and intent packets the sides' checks built, reused by their simulators. */
  baseShared?: SimulatorShared;
  headShared?: SimulatorShared;
}

/** The semantic difference between two checked policies: what may open connections to what, before and after. */
export function diffPolicies(base: Policy, head: Policy, options: DiffOptions = {}): PolicyDiff {
  const before = simulator(base, options.baseShared);
  const after = simulator(head, options.headShared);
  const changes: ConnectivityChange[] = [];
  const affected = affectedSources(base, head);
  // When only flows changed, a source's reach can differ only towards what a changed flow names.
  const towards = affected.changed && destinationsOf([before, affected.changed.base], [after, affected.changed.head]);
  for (const source of affected.sources) {
    const was = reachOf(before, source, towards);
    const now = reachOf(after, source, towards);
    for (const to of new Set([...was.keys(), ...now.keys()])) {
      changes.push(...cellChanges(base, head, source, to, was.get(to), now.get(to)));
    }
  }
  const shown = changes.filter((c) => !impliedByGroup(base, head, c, changes));
  changes.length = 0;
  changes.push(...shown);
  const broken = brokenExpectations(base, after);
  for (const c of changes) {
    if (c.change === 'removed' && broken.some((b) => touches(base, b.from, c.from) && touches(base, b.to, c.to))) c.risks.push('removes-expected');
  }
  changes.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.change, b.change) || cmp(a.service, b.service));
  return { base: options.baseLabel ?? 'base', head: options.headLabel ?? 'head', today: head.today, changes, metadata: metadataChanges(base, head), brokenExpectations: broken };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sources whose reach may differ: all of them when anything but flows changed, else the `from` sides of changed flows
 * (which are then listed, on each side).
 */
function affectedSources(base: Policy, head: Policy): { sources: string[]; changed?: { base: Flow[]; head: Flow[] } } {
  const all = () => ({ sources: [...new Set([...sourcesOf(base), ...sourcesOf(head)])].sort(cmp) });
  if (definitions(base) !== definitions(head) || guardrails(base) !== guardrails(head)) return all();
  const was = new Map(base.flows.map((f) => [f.id, flowKey(f, base.today)]));
  const now = new Map(head.flows.map((f) => [f.id, flowKey(f, head.today)]));
  const touched = new Set<string>();
  const add = (f: Flow, policy: Policy): boolean => {
    for (const e of f.from) {
      if (e.kind === 'group') touched.add(e.name);
      else if (e.kind === 'zone') {
        touched.add(e.name);
        for (const g of policy.groups.values()) if (g.zone.value === e.name) touched.add(g.name);
      } else return false;
    }
    return true;
  };
  const changed = { base: base.flows.filter((f) => now.get(f.id) !== was.get(f.id)), head: head.flows.filter((f) => now.get(f.id) !== was.get(f.id)) };
  for (const f of changed.base) if (!add(f, base)) return all();
  for (const f of changed.head) if (!add(f, head)) return all();
  // Sources are named by identity; a zone's reach covers its groups, so both are asked.
  for (const name of [...touched]) {
    const zone = head.groups.get(name)?.zone.value ?? base.groups.get(name)?.zone.value;
    if (zone) touched.add(zone);
  }
  return { sources: [...touched].sort(cmp), changed };
}

/** The identities (group, zone, external) some address of which a changed flow names as its destination, on its side. */
function destinationsOf(...sides: [Simulator, Flow[]][]): Set<string> {
  const out = new Set<string>();
  for (const [sim, flows] of sides) {
    const { atoms, index } = sim.engine;
    for (const f of flows) for (const b of index.flowById.get(f.id)?.dst ?? []) out.add(identityOfAtom(atoms, b));
  }
  return out;
}

/** A zone source covers its groups: its row is left out when a group of that zone shows the same change. */
function impliedByGroup(base: Policy, head: Policy, c: ConnectivityChange, all: ConnectivityChange[]): boolean {
  if (!base.zones.has(c.from) && !head.zones.has(c.from)) return false;
  const zoneOf = (name: string) => head.groups.get(name)?.zone.value ?? base.groups.get(name)?.zone.value;
  return all.some((o) => o !== c && zoneOf(o.from) === c.from && o.change === c.change && o.to === c.to && o.service === c.service);
}

function sourcesOf(policy: Policy): string[] {
  return [...policy.groups.keys(), ...policy.zones.keys(), 'external'];
}

const dropped = new Set(['loc', 'range', 'description', 'owner', 'manufacturer', 'why', 'ticket', 'file', 'line', 'column', 'start', 'end']);
const canonical = (x: unknown) => JSON.stringify(x, (k, v) => (dropped.has(k) ? undefined : typeof v === 'bigint' ? v.toString() : v instanceof Map ? [...v.entries()] : v));
const definitions = (p: Policy) => canonical([p.zones, p.groups, p.services, p.enforcementPoints]);
const guardrails = (p: Policy) => canonical(p.guardrails);
const flowKey = (f: Flow, today: string) => `${canonical([f.from, f.to, f.services])}|${f.expires === undefined || f.expires.value >= today}`;

/** What a source reaches (allowed or partly), by destination; only towards `towards` when given. */
function reachOf(sim: Simulator, source: string, towards?: ReadonlySet<string>): Map<string, ReachEntry> {
  const known = source === 'external' || sim.policy.groups.has(source) || sim.policy.zones.has(source);
  if (!known) return new Map();
  const reach = sim.reachableFrom(source, undefined, towards);
  return new Map(reach.reach.filter((e) => e.verdict === 'allow' || e.verdict === 'partial').map((e) => [e.name, e]));
}

function items(entry: ReachEntry | undefined): string[] {
  if (!entry || entry.services === 'nothing') return [];
  // `any except …` stays one item: it is a single statement about the whole service space.
  return entry.services.startsWith('any') ? [entry.services] : entry.services.split(', ');
}

function cellChanges(base: Policy, head: Policy, from: string, to: string, was?: ReachEntry, now?: ReachEntry): ConnectivityChange[] {
  const before = items(was);
  const after = items(now);
  const baseRefs = refs(was?.decidedBy ?? []);
  const headRefs = refs(now?.decidedBy ?? []);
  const out: ConnectivityChange[] = [];
  for (const service of after.filter((s) => !before.includes(s))) {
    out.push({ change: 'added', from, to, service, risks: addedRisks(head, from, to, service), base: baseRefs, head: headRefs });
  }
  for (const service of before.filter((s) => !after.includes(s))) {
    out.push({ change: 'removed', from, to, service, risks: [], base: baseRefs, head: headRefs });
  }
  return out;
}

function refs(deciders: DeciderRef[]): IntentRef[] {
  return deciders.filter((d) => d.kind === 'flow' && d.id !== undefined).map((d) => ({ id: d.id!, file: d.file ?? '', line: d.line ?? 0 }));
}

function labelled(policy: Policy, name: string, label: string): boolean {
  const has = (labels: { value: string }[] | undefined) => (labels ?? []).some((l) => l.value === label);
  const group = policy.groups.get(name);
  if (group) return has(group.labels) || has(policy.zones.get(group.zone.value)?.labels);
  return has(policy.zones.get(name)?.labels);
}

function addedRisks(head: Policy, from: string, to: string, service: string): Risk[] {
  const risks: Risk[] = [];
  if (labelled(head, to, 'medical')) risks.push('medical');
  if (from === 'external' || labelled(head, from, 'untrusted')) risks.push('untrusted');
  if (service.startsWith('any')) risks.push('widens-to-any');
  return risks;
}

/** Does endpoint text `ref` (as an expectation writes it) cover identity `name`? */
function touches(policy: Policy, ref: string, name: string): boolean {
  if (ref === name || ref === 'any') return true;
  if (ref.startsWith('label:')) return labelled(policy, name, ref.slice(6));
  return policy.groups.get(name)?.zone.value === ref;
}

/** Every `expect: can` of BASE that HEAD no longer satisfies. */
function brokenExpectations(base: Policy, after: Simulator): BrokenExpectation[] {
  const out: BrokenExpectation[] = [];
  for (const e of base.expectations) {
    if (e.verdict !== 'can') continue;
    const service = e.service?.text ?? null;
    let reason: string;
    try {
      const answer = after.query(e.from.text, e.to.text, service ?? undefined);
      if (answer.verdict === 'allow' || answer.verdict === 'same-segment') continue;
      reason = `now ${answer.verdict}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    out.push({ from: e.from.text, to: e.to.text, service, file: e.loc.file, line: e.loc.range.start.line + 1, reason });
  }
  return out;
}

function metadataChanges(base: Policy, head: Policy): MetadataChange[] {
  const out: MetadataChange[] = [];
  const now = new Map(head.flows.map((f) => [f.id, f]));
  const was = new Map(base.flows.map((f) => [f.id, f]));
  const fields = ['owner', 'why', 'ticket', 'expires'] as const;
  const value = (f: Flow, k: (typeof fields)[number]) => (k === 'expires' ? (f.expires?.value ?? null) : (f[k] ?? null));
  for (const f of base.flows) {
    const g = now.get(f.id);
    if (!g) continue;
    for (const k of fields) if (value(f, k) !== value(g, k)) out.push({ flow: f.id, field: k, before: value(f, k), after: value(g, k) });
  }
  // A flow that disappeared while one with the same endpoints and services appeared is a rename.
  // Keyed once per new flow: a bulk rename of thousands of flows stays linear.
  const fresh = new Map<string, Flow>();
  for (const g of head.flows) {
    const key = was.has(g.id) ? undefined : canonical([g.from, g.to, g.services]);
    if (key !== undefined && !fresh.has(key)) fresh.set(key, g);
  }
  for (const f of base.flows) {
    if (now.has(f.id)) continue;
    const twin = fresh.get(canonical([f.from, f.to, f.services]));
    if (twin) out.push({ flow: twin.id, field: 'id', before: f.id, after: twin.id });
  }
  return out.sort((a, b) => cmp(a.flow, b.flow) || cmp(a.field, b.field));
}
