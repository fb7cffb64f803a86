import { gatewayAnswer, GATEWAY_PREFIX } from './gateway-answer.js';
import { ALL_SERVICES, type ServiceSet } from '../net/service-set.js';
import {
  examplePacket,
  type Answer,
  type DeciderRef,
  type Part,
  type Replies,
} from './answer.js';
import type { AtomSlice } from './atoms.js';
import { V4_SERVICES, V6_SERVICES } from './cell.js';
import type { Engine } from './engine.js';
import { deciderRef } from './decider-ref.js';
import { gatherParts, type PartAcc } from './parts.js';
import { sameSegmentNote, singlePairAnswer, UNROUTED_NOTE } from './single-pair.js';
import { combineVerdicts, PART_ORDER } from './semantics.js';
import { describeServices, unionOfServices } from './service-text.js';
import { dnsNotes } from './dns-notes.js';
import * as iv from '../net/interval-set.js';

export interface QueryInput {
  from: string;
  to: string;
  /** A service name, inline spec or comma-separated list; absent means every service. */
  service?: string;
}

/** Answers are frozen and shared: asking the same question again costs one lookup. */
export function answerQuery(engine: Engine, q: QueryInput): Answer {
  const key = `${q.from}\0${q.to}\0${q.service ?? '\0'}`;
  let answer = engine.answers.get(key);
  if (answer) return answer;
  answer = freshAnswer(engine, q);
  Object.freeze(answer.parts);
  for (const part of answer.parts) Object.freeze(part);
  if (engine.answers.size > 10_000) engine.answers.clear();
  engine.answers.set(key, Object.freeze(answer));
  return answer;
}

/** The answer, computed and not kept (a batch keeps its own answered lines instead). */
export function freshAnswer(engine: Engine, q: QueryInput): Answer {
  if (q.to.startsWith(GATEWAY_PREFIX)) return gatewayAnswer(engine, q.from, q.to, engine.services(q.service), q.service ?? null);
  const sources = engine.slices(q.from);
  const destinations = engine.slices(q.to);
  const wanted = engine.services(q.service);
  return sources.length === 1 && destinations.length === 1
    ? withDnsNotes(engine, q, singlePairAnswer(engine, q, sources[0]!, destinations[0]!, wanted, () => emptyNotes(engine, q, sources, destinations)))
    : walkAnswer(engine, q);
}

/** An answer a DNS name decides says so (dns-notes.ts), whichever way it was computed. */
function withDnsNotes(engine: Engine, q: QueryInput, answer: Answer): Answer {
  if (engine.plan.names.all.length === 0) return answer;
  const keys = (text: string) => iv.fromIntervals(engine.slices(text).flatMap((s) => iv.intervals(s.keys)));
  const notes = dnsNotes(engine.policy, engine.plan.names, keys(q.from), keys(q.to), answer);
  return notes.length === 0 ? answer : { ...answer, notes: [...answer.notes, ...notes] };
}

/** The general answer: every pair of atoms walked and gathered by verdict (single-pair.ts is the fast case). */
export function walkAnswer(engine: Engine, q: QueryInput): Answer {
  const sources = engine.slices(q.from);
  const destinations = engine.slices(q.to);
  const wanted = engine.services(q.service);
  const gathered = gatherParts(engine, sources, destinations, wanted);
  const parts = PART_ORDER.flatMap((k) => {
    const acc = gathered.get(k);
    return acc ? [finishPart(engine, acc)] : [];
  });
  const verdict = combineVerdicts(parts.map((p) => p.verdict));
  const denied = gathered.get('deny');
  const answer: Answer = {
    from: q.from,
    to: q.to,
    service: q.service ?? null,
    verdict,
    example: parts[0]?.example ?? null,
    decidedBy: parts.flatMap((p) => p.decidedBy),
    path: parts[0]?.paths[0] ?? [],
    parts,
    replies: verdict === 'deny' || verdict === 'partial' ? replies(engine, destinations, sources, wanted) : null,
    expired: denied ? expiredRefs(denied) : [],
    notes: notes(engine, q, gathered, sources, destinations),
  };
  return withDnsNotes(engine, q, answer);
}

export function finishPart(engine: Engine, acc: PartAcc): Part {
  const universe = universeOf(acc.families);
  const services = unionOfServices(acc.services);
  const ex = acc.example!;
  return {
    verdict: acc.verdict,
    sources: engine.addressText(acc.sources),
    destinations: engine.addressText(acc.destinations),
    services: describeServices(services, universe),
    example: examplePacket(ex.src, ex.dst, ex.services, engine.plan.names.keyText),
    decidedBy: decidersOf(engine, acc, universe),
    paths: [...acc.paths],
  };
}

/** The services that exist between the addresses of a part (families: 1 IPv4, 2 IPv6, 3 both). */
export function universeOf(families: number): ServiceSet {
  return families === 1 ? V4_SERVICES : families === 2 ? V6_SERVICES : ALL_SERVICES;
}

const KIND_ORDER = { flow: 0, guardrail: 1, default: 2, monitor: 2, isolation: 3 } as const;

/** Flows, then guardrails, each in file order; then default; then isolation by zone. */
export function decidersOf(engine: Engine, acc: PartAcc, universe: ServiceSet): DeciderRef[] {
  return [...acc.deciders.values()]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((d) => deciderRef(engine, d.kind, d.key, describeServices(unionOfServices(d.services), universe)));
}

function replies(engine: Engine, from: readonly AtomSlice[], to: readonly AtomSlice[], wanted: ServiceSet): Replies | null {
  const allowed = gatherParts(engine, from, to, wanted, true).get('allow');
  if (!allowed) return null;
  const part = finishPart(engine, allowed);
  return { decidedBy: part.decidedBy, example: part.example };
}

function expiredRefs(denied: PartAcc) {
  return [...denied.expired]
    .sort((a, b) => a.index - b.index)
    .map(({ flow }) => ({ id: flow.id, file: flow.loc.file, line: flow.loc.range.start.line + 1, expires: flow.expires?.value ?? '' }));
}

function notes(engine: Engine, q: QueryInput, parts: Map<string, PartAcc>, src: readonly AtomSlice[], dst: readonly AtomSlice[]): string[] {
  const out = parts.size === 0 ? emptyNotes(engine, q, src, dst) : [];
  for (const zone of [...(parts.get('same-segment')?.zones ?? [])].sort()) out.push(sameSegmentNote(zone));
  if (parts.has('unrouted')) out.push(UNROUTED_NOTE);
  return out;
}

/** Why a question has no packet at all. */
function emptyNotes(engine: Engine, q: QueryInput, src: readonly AtomSlice[], dst: readonly AtomSlice[]): string[] {
  const families = (slices: readonly AtomSlice[]) => new Set(slices.map((s) => engine.atoms.family[s.atom]));
  const [a, b] = [families(src), families(dst)];
  if (a.size === 0) return [`${q.from} holds no address: no packet comes from it`];
  if (b.size === 0) return [`${q.to} holds no address: no packet goes to it`];
  if (![...a].some((f) => b.has(f))) return [`${q.from} and ${q.to} share no address family (IPv4, IPv6): no packet goes between them`];
  return ['no packet of these services goes between them: IPv4 carries only ICMP, IPv6 only ICMPv6'];
}
