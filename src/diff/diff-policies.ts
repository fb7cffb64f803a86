import { validity, type Validity } from '../model/expiry.js';
import type { Flow, Policy } from '../model/policy.js';
import type { DeciderRef } from '../sim/answer.js';
import type { ReachEntry } from '../sim/reach.js';
import { identityOfAtom } from '../sim/engine.js';
import { buildDnsNames, type DnsNames } from '../model/dns-names.js';
import { formatAddressSet } from '../net/address-set.js';
import { modeChanges, type ModeChange } from './mode-changes.js';
import type { ObservedCuts } from './observed-cuts.js';
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

/** A group or zone that only changed its name: gone from BASE, new in HEAD, defined alike. */
export interface Rename {
  kind: 'group' | 'zone';
  before: string;
  after: string;
}

export interface PolicyDiff {
  base: string;
  head: string;
  /** The days on which both sides mean what they mean today, so the diff reads the same on each of them. */
  valid: Validity;
  changes: ConnectivityChange[];
  metadata: MetadataChange[];
  /** Renamed groups and zones: their connectivity is compared under the new name, so a pure rename changes nothing. */
  renamed: Rename[];
  brokenExpectations: BrokenExpectation[];
  /** Zones, points and guardrails whose monitor mode changed: no intent's connectivity, but what passes does. */
  modes: ModeChange[];
  /** With --observed: the observed connections BASE passes and HEAD denies. */
  observed?: ObservedCuts;
  /**
   * Externals on both sides whose DNS name or addresses changed: who reaches the name reaches other addresses, which
   * connectivity by identity (they are all `external`) does not show. Absent when none did.
   */
  names?: NameChange[];
}

/** An external whose fqdn or resolved addresses differ between BASE and HEAD (`whatever it resolves to` when none). */
export interface NameChange {
  name: string;
  before: string;
  after: string;
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
  // BASE's names of renamed groups and zones are read as HEAD's throughout: sources, destinations, expectations.
  const renamed = renames(base, head);
  const toHead = new Map(renamed.map((r) => [r.before, r.after]));
  const toBase = new Map(renamed.map((r) => [r.after, r.before]));
  const headName = (name: string) => toHead.get(name) ?? name;
  const affected = affectedSources(base, head, headName);
  // When only flows changed, a source's reach can differ only towards what a changed flow names.
  const towards = affected.changed && destinationsOf([before, affected.changed.base], [after, affected.changed.head]);
  for (const source of affected.sources) {
    const was = translated(reachOf(before, toBase.get(source) ?? source, towards), headName);
    const now = reachOf(after, source, towards);
    for (const to of new Set([...was.keys(), ...now.keys()])) {
      changes.push(...cellChanges(head, source, to, was.get(to), now.get(to)));
    }
  }
  const shown = changes.filter((c) => !impliedByGroup(base, head, c, changes));
  changes.length = 0;
  changes.push(...shown);
  const broken = brokenExpectations(base, after, headName);
  const covers = (ref: string, name: string) => touches(head, headName(ref), name) || touches(base, ref, toBase.get(name) ?? name);
  for (const c of changes) {
    if (c.change === 'removed' && broken.some((b) => covers(b.from, c.from) && covers(b.to, c.to))) c.risks.push('removes-expected');
  }
  changes.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.change, b.change) || cmp(a.service, b.service));
  const diff: PolicyDiff = { base: options.baseLabel ?? 'base', head: options.headLabel ?? 'head', valid: bothValid(base, head), changes, metadata: metadataChanges(base, head, headName), renamed, brokenExpectations: broken, modes: modeChanges(base, head) };
  const names = nameChanges(base, head);
  if (names.length > 0) diff.names = names;
  return diff;
}

/** `tech.carematix.com = 203.0.113.10/32`, or `= whatever it resolves to`, for each external on both sides that changed. */
function nameChanges(base: Policy, head: Policy): NameChange[] {
  const [before, after] = [buildDnsNames(base), buildDnsNames(head)];
  const text = (names: DnsNames, name: string) => {
    const fqdn = names.all.find((e) => e.name === name)!.fqdn.value;
    return `${fqdn} = ${names.resolved(name) ? formatAddressSet(names.set(name)) : 'whatever it resolves to'}`;
  };
  return after.all
    .filter((e) => base.externals.has(e.name))
    .map((e) => ({ name: e.name, before: text(before, e.name), after: text(after, e.name) }))
    .filter((c) => c.before !== c.after);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The days within both sides' validity windows. */
function bothValid(base: Policy, head: Policy): Validity {
  const [a, b] = [validity(base.flows, base.today), validity(head.flows, head.today)];
  const later = (x: string | null, y: string | null) => (x === null ? y : y === null || x > y ? x : y);
  const earlier = (x: string | null, y: string | null) => (x === null ? y : y === null || x < y ? x : y);
  return { from: later(a.from, b.from), through: earlier(a.through, b.through) };
}

/**
 * Sources whose reach may differ: all of them when anything but flows changed, else the `from` sides of changed flows
 * (which are then listed, on each side).
 */
function affectedSources(base: Policy, head: Policy, headName: (name: string) => string): { sources: string[]; changed?: { base: Flow[]; head: Flow[] } } {
  const all = () => ({ sources: [...new Set([...sourcesOf(base).map(headName), ...sourcesOf(head)])].sort(cmp) });
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
// Externals and what names resolve to are definitions too: a name resolved elsewhere changes who reaches what.
const definitions = (p: Policy) => canonical([p.zones, p.groups, p.externals, p.resolutions, p.services, p.enforcementPoints]);
const guardrails = (p: Policy) => canonical(p.guardrails);
const flowKey = (f: Flow, today: string) => `${canonical([f.from, f.to, f.services])}|${f.expires === undefined || f.expires.value >= today}`;

/**
 * Groups and zones renamed between the sides: each name gone from BASE paired with the one name new in HEAD whose
 * definition is the same (a group's zone read under its new name), when exactly one of each matches. A rename that
 * also changes addresses, labels, zone or anything else is not one: it shows as access removed and added.
 */
function renames(base: Policy, head: Policy): Rename[] {
  const out: Rename[] = [];
  const pair = <T extends { name: string }>(kind: Rename['kind'], was: Map<string, T>, now: Map<string, T>, key: (x: T, side: 'base' | 'head') => string) => {
    const gone = new Map<string, string[]>();
    const fresh = new Map<string, string[]>();
    const file = (into: Map<string, string[]>, k: string, name: string) => into.set(k, [...(into.get(k) ?? []), name]);
    for (const x of was.values()) if (!now.has(x.name)) file(gone, key(x, 'base'), x.name);
    for (const x of now.values()) if (!was.has(x.name)) file(fresh, key(x, 'head'), x.name);
    for (const [k, names] of gone) {
      const twins = fresh.get(k);
      if (names.length === 1 && twins?.length === 1) out.push({ kind, before: names[0]!, after: twins[0]! });
    }
  };
  pair('zone', base.zones, head.zones, (z) => canonical({ ...z, name: undefined }));
  const zoneName = new Map(out.map((r) => [r.before, r.after]));
  pair('group', base.groups, head.groups, (g, side) =>
    canonical({ ...g, name: undefined, zone: side === 'base' ? (zoneName.get(g.zone.value) ?? g.zone.value) : g.zone.value }),
  );
  return out.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.before, b.before));
}

/** What a flow connects, comparable across the sides: its group and zone names read as HEAD's (`headName`). */
function shape(f: Flow, headName: (name: string) => string = (n) => n): string {
  const named = (refs: Flow['from']) =>
    refs.map((e) => (e.kind === 'group' || e.kind === 'zone' ? { kind: e.kind, name: headName(e.name) } : e));
  return canonical([named(f.from), named(f.to), f.services]);
}

/** A reach with its destinations named as HEAD names them. */
function translated(reach: Map<string, ReachEntry>, headName: (name: string) => string): Map<string, ReachEntry> {
  return new Map([...reach].map(([name, entry]) => [headName(name), entry]));
}

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

function cellChanges(head: Policy, from: string, to: string, was?: ReachEntry, now?: ReachEntry): ConnectivityChange[] {
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

/** Every `expect: can` of BASE that HEAD no longer satisfies (its group and zone names read as HEAD's). */
function brokenExpectations(base: Policy, after: Simulator, headName: (name: string) => string): BrokenExpectation[] {
  const out: BrokenExpectation[] = [];
  for (const e of base.expectations) {
    if (e.verdict !== 'can') continue;
    const service = e.service?.text ?? null;
    let reason: string;
    try {
      const answer = after.query(headName(e.from.text), headName(e.to.text), service ?? undefined);
      if (answer.verdict === 'allow' || answer.verdict === 'same-segment') continue;
      reason = `now ${answer.verdict}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    out.push({ from: e.from.text, to: e.to.text, service, file: e.loc.file, line: e.loc.range.start.line + 1, reason });
  }
  return out;
}

function metadataChanges(base: Policy, head: Policy, headName: (name: string) => string): MetadataChange[] {
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
    const key = was.has(g.id) ? undefined : shape(g);
    if (key !== undefined && !fresh.has(key)) fresh.set(key, g);
  }
  for (const f of base.flows) {
    if (now.has(f.id)) continue;
    const twin = fresh.get(shape(f, headName));
    if (twin) out.push({ flow: twin.id, field: 'id', before: f.id, after: twin.id });
  }
  return out.sort((a, b) => cmp(a.flow, b.flow) || cmp(a.field, b.field));
}
