import type { Policy } from '../model/policy.js';
import { addressKey, parseAddress } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as svc from '../net/service-set.js';
import { serviceSetOf } from '../net/service-set.js';
import { formatServiceRange } from '../net/service.js';
import type { Engine } from '../sim/engine.js';
import { ADDRESSES_KEPT, type ObservedRow } from './observe-records.js';

/** A flow that would allow observed connections the policy denies by default: one identity pair, its services. */
export interface SuggestedFlow {
  id: string;
  from: string[];
  to: string[];
  services: string[];
  connections: number;
  first?: string;
  last?: string;
}

/** Observed and denied connections no flow is suggested for, and why: listed for a person to decide. */
export interface Refusal {
  from: string;
  to: string;
  services: string[];
  connections: number;
  reason: string;
}

export interface Suggestion {
  flows: SuggestedFlow[];
  refused: Refusal[];
}

interface Candidate {
  from: string[];
  to: string[];
  fromSet: IntervalSet;
  toSet: IntervalSet;
  rows: ObservedRow[];
}

/**
 * Flows for the denied rows: by identity pair, a group by its name, any other end (a zone's addresses in no group,
 * the outside) by the addresses seen, never by the zone or `any` (that would allow more than was seen). Each service
 * is tested against every guardrail and `cannot` expectation over the whole flow, not only the addresses seen: a
 * flow that would cross one is refused, as are connections a guardrail or port isolation denied.
 */
export function suggestFlows(engine: Engine, denied: readonly ObservedRow[]): Suggestion {
  const { policy, plan } = engine;
  const refused: Refusal[] = [];
  const candidates = new Map<string, Candidate>();
  for (const row of denied) {
    const { deniedBy } = row.decision;
    if (deniedBy === 'guardrail' || deniedBy === 'isolation') {
      const d = row.decision.decidedBy[0]!;
      const reason = deniedBy === 'guardrail' ? `guardrail ${d.id} (${d.file}:${d.line}) forbids it: a security finding, never to be allowed` : `port isolation of zone ${d.id} drops it: no flow lifts isolation`;
      refused.push({ from: row.from, to: row.to, services: [row.service], connections: row.connections, reason });
      continue;
    }
    const key = `${row.from}\0${row.to}`;
    let c = candidates.get(key);
    if (!c) {
      const from = endpointOf(row.from, row.fromKind, row.fromAddresses);
      const to = endpointOf(row.to, row.toKind, row.toAddresses);
      c = { from: from.refs, to: to.refs, fromSet: from.set(plan), toSet: to.set(plan), rows: [] };
      if (from.refs.length === 0 || to.refs.length === 0) {
        const wide = from.refs.length === 0 ? row.from : row.to;
        const reason = `more than ${ADDRESSES_KEPT} addresses of ${wide} were seen outside every group: define a group for them, then observe again`;
        refused.push({ from: row.from, to: row.to, services: [row.service], connections: row.connections, reason });
        continue;
      }
      candidates.set(key, c);
    }
    c.rows.push(row);
  }
  const ids = new Set(policy.flows.map((f) => f.id));
  const flows: SuggestedFlow[] = [];
  for (const c of candidates.values()) {
    const kept: ObservedRow[] = [];
    for (const row of c.rows) {
      const reason = crossing(engine, c.fromSet, c.toSet, serviceSetOf([{ ...row.spec, text: row.service }]));
      if (reason === undefined) kept.push(row);
      else refused.push({ from: row.from, to: row.to, services: [row.service], connections: row.connections, reason });
    }
    if (kept.length === 0) continue;
    const first = kept.map((r) => r.first).filter((t) => t !== undefined).sort()[0];
    const last = kept.map((r) => r.last).filter((t) => t !== undefined).sort().at(-1);
    flows.push({
      id: uniqueId(`observed-${kept[0]!.from}-to-${kept[0]!.to}`, ids),
      from: c.from,
      to: c.to,
      services: namedServices(policy, kept),
      connections: kept.reduce((n, r) => n + r.connections, 0),
      ...(first === undefined ? {} : { first }),
      ...(last === undefined ? {} : { last }),
    });
  }
  return { flows, refused: mergeRefusals(refused) };
}

function endpointOf(identity: string, kind: ObservedRow['fromKind'], addresses: ReadonlySet<string>) {
  if (kind === 'group') return { refs: [identity], set: (plan: Engine['plan']) => plan.group(identity) };
  if (addresses.size > ADDRESSES_KEPT) return { refs: [] as string[], set: () => iv.EMPTY };
  const keyed = [...addresses].map((a) => {
    const p = parseAddress(a)!;
    return { text: a, key: addressKey(p.family, p.value) };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { refs: keyed.map((k) => k.text), set: () => iv.fromIntervals(keyed.map((k) => [k.key, k.key] as [bigint, bigint])) };
}

/** Why a flow over these addresses and services must not be written, if it must not. */
function crossing(engine: Engine, from: IntervalSet, to: IntervalSet, services: svc.ServiceSet): string | undefined {
  const { policy, plan, packets } = engine;
  for (const g of policy.guardrails) {
    const forbidden = g.services.length === 0 ? svc.ALL_SERVICES : packets.services(g.services);
    if (iv.meets(from, plan.endpoints(g.from)) && iv.meets(to, plan.endpoints(g.to)) && !svc.isEmpty(svc.intersect(forbidden, services))) {
      return `a flow for it would cross guardrail ${g.id} (${g.loc.file}:${g.loc.range.start.line + 1}), which forbids part of it: never widen past a guardrail`;
    }
  }
  for (const e of policy.expectations) {
    if (e.verdict !== 'cannot' || e.from.kind === 'unresolved' || e.to.kind === 'unresolved') continue;
    const wanted = e.service ? packets.services([e.service]) : svc.ALL_SERVICES;
    if (iv.meets(from, plan.endpoint(e.from)) && iv.meets(to, plan.endpoint(e.to)) && !svc.isEmpty(svc.intersect(wanted, services))) {
      const name = e.id === undefined ? 'expectation' : `expectation ${e.id}`;
      return `a flow for it would break ${name} (${e.loc.file}:${e.loc.range.start.line + 1}: cannot from ${e.from.text} to ${e.to.text}): change the expectation first if the intent has changed`;
    }
  }
  return undefined;
}

/** The rows' services, a policy service's name where the rows hold all of its specs (site services first). */
function namedServices(policy: Policy, rows: readonly ObservedRow[]): string[] {
  const order = (proto: number, lo: number) => proto * 65536 + lo;
  const left = new Map(rows.map((r) => [`${r.spec.proto}:${r.spec.lo}:${r.spec.hi}`, r]));
  const out: { text: string; order: number }[] = [];
  const services = [...policy.services.values()].filter((s) => s.specs.length > 1).sort((a, b) => Number(a.standard) - Number(b.standard) || (a.name < b.name ? -1 : 1));
  for (const s of services) {
    const keys = s.specs.map(({ value: v }) => `${v.proto}:${v.lo}:${v.hi}`);
    if (!keys.every((k) => left.has(k))) continue;
    const spec = s.specs[0]!.value;
    out.push({ text: s.name, order: order(spec.proto, spec.lo) });
    for (const k of keys) left.delete(k);
  }
  for (const r of left.values()) out.push({ text: r.service.includes('/') ? formatServiceRange(r.spec.proto, r.spec.lo, r.spec.hi) : r.service, order: order(r.spec.proto, r.spec.lo) });
  return out.sort((a, b) => a.order - b.order || (a.text < b.text ? -1 : 1)).map((s) => s.text);
}

function uniqueId(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60);
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}-${n}`;
  taken.add(id);
  return id;
}

/** Refusals of one pair and reason are one entry, services together. */
function mergeRefusals(list: Refusal[]): Refusal[] {
  const merged = new Map<string, Refusal>();
  for (const r of list) {
    const key = `${r.from}\0${r.to}\0${r.reason}`;
    const m = merged.get(key);
    if (!m) merged.set(key, { ...r, services: [...r.services] });
    else {
      m.services.push(...r.services);
      m.connections += r.connections;
    }
  }
  return [...merged.values()];
}
