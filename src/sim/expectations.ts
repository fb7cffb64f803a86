import { diagnostic, related, type Diagnostic, type RelatedLocation } from '../model/diagnostic.js';
import type { Expectation, Policy } from '../model/policy.js';
import { formatLine } from '../model/source.js';
import * as svc from '../net/service-set.js';
import { examplePacket, formatExample, type DeciderRef } from './answer.js';
import { examplePair, type AtomSlice } from './atoms.js';
import { buildEngine, type Engine } from './engine.js';
import { gatherParts, type PartAcc } from './parts.js';
import { decidersOf } from './query.js';

/** WL601 findings for the policy's expectations; registered as the check expectation-failed in src/check. */
export function expectationFindings(policy: Policy, shared?: Parameters<typeof buildEngine>[1]): Diagnostic[] {
  return evaluateExpectations(buildEngine(policy, shared));
}

export function evaluateExpectations(engine: Engine): Diagnostic[] {
  const { policy, plan, atoms, packets } = engine;
  const out: Diagnostic[] = [];
  for (const e of policy.expectations) {
    if (e.from.kind === 'unresolved' || e.to.kind === 'unresolved' || e.service?.kind === 'unresolved') continue;
    const src = atoms.slices(plan.endpoint(e.from));
    const dst = atoms.slices(plan.endpoint(e.to));
    const wanted = e.service ? packets.services([e.service]) : svc.ALL_SERVICES;
    const failure =
      e.verdict === 'cannot'
        ? cannotFailure(engine, e, gatherParts(engine, src, dst, wanted))
        : e.service
          ? canFailure(engine, e, gatherParts(engine, src, dst, wanted))
          : canAtAllFailure(engine, e, src, dst);
    if (failure && e.verdict === 'can') failure.message += repliesNote(engine, e, dst, src, wanted);
    if (failure) out.push(failure);
  }
  return out;
}

function subject(e: Expectation): string {
  const service = e.service ? ` on ${e.service.text}` : '';
  const name = e.id === undefined ? 'expectation' : `expectation "${e.id}"`;
  return `${name} fails: ${e.from.text} ${e.verdict === 'can' ? 'cannot' : 'can'} reach ${e.to.text}${service}`;
}

function fail(e: Expectation, message: string, hint: string, rel: RelatedLocation[]): Diagnostic {
  return diagnostic('WL601', 'error', `${subject(e)}${message}`, e.loc, { hint, related: rel });
}

function cannotFailure(engine: Engine, e: Expectation, parts: Map<string, PartAcc>): Diagnostic | undefined {
  const { policy } = engine;
  const allowed = parts.get('allow');
  if (allowed) {
    const ex = formatExample(exampleOf(engine, allowed));
    const flows = decidersOf(engine, allowed, svc.ALL_SERVICES);
    const first = flows[0]!;
    return fail(e, `: ${ex} is allowed by flow "${first.id}" (${first.file}:${first.line})`,
      `Remove or narrow flow "${first.id}", or add a guardrail that forbids this; if the intent has changed, correct the expectation.`,
      flows.map((f) => related(`flow "${f.id}" allows ${f.services} here`, policy.flows.find((x) => x.id === f.id)!.loc)));
  }
  const same = parts.get('same-segment');
  if (same) {
    const zone = same.zones[0]!;
    return fail(e, `: ${formatExample(exampleOf(engine, same))} stays inside zone ${zone}, which no enforcement point filters (same segment)`,
      `Traffic inside one zone is switched, not routed: move one side into another zone, or set isolation: true on zone ${zone}.`,
      [related(`zone ${zone} is defined here`, policy.zones.get(zone)!.loc)]);
  }
  const unrouted = parts.get('unrouted');
  if (unrouted) {
    return fail(e, `: ${formatExample(exampleOf(engine, unrouted))} has both ends outside every zone and crosses no enforcement point of this policy`,
      'Only traffic to or from a zone can be filtered: narrow the expectation to addresses inside a zone.', []);
  }
  return undefined;
}

function canFailure(engine: Engine, e: Expectation, parts: Map<string, PartAcc>): Diagnostic | undefined {
  const denied = parts.get('deny');
  if (parts.size === 0) {
    return fail(e, ': no packet of that service goes between them (no shared address family, or the other family\'s ICMP)',
      'Check the addresses of both sides and the service.', []);
  }
  if (!denied) return undefined;
  return deniedFailure(engine, e, `${formatExample(exampleOf(engine, denied))} is denied`, decidersOf(engine, denied, svc.ALL_SERVICES), denied);
}

/** `can` without a service: every same-family address pair must get at least one service through. */
function canAtAllFailure(engine: Engine, e: Expectation, src: readonly AtomSlice[], dst: readonly AtomSlice[]): Diagnostic | undefined {
  let pairs = 0;
  for (const sa of src) {
    for (const sb of dst) {
      const cell = engine.cells.cell(sa.atom, sb.atom);
      if (cell.kind === 'no-packet') continue;
      pairs++;
      const reachable = cell.kind === 'same-segment' || cell.kind === 'unrouted' || !svc.isEmpty(cell.allowed);
      if (reachable) continue;
      const parts = gatherParts(engine, [sa], [sb], svc.ALL_SERVICES);
      const denied = parts.get('deny')!;
      const ex = examplePacket(...examplePair(engine.atoms, sa, sb), cell.universe, engine.plan.names.keyText);
      return deniedFailure(engine, e, `${ex.src} → ${ex.dst} is denied for every service`, decidersOf(engine, denied, cell.universe), denied, ' at all');
    }
  }
  if (pairs > 0) return undefined;
  return fail(e, ': no packet goes between them (they share no address family)', 'Check the addresses of both sides.', []);
}

function deniedFailure(engine: Engine, e: Expectation, what: string, deciders: DeciderRef[], denied: PartAcc, atAll = ''): Diagnostic {
  const { policy } = engine;
  const first = deciders[0]!;
  const rel: RelatedLocation[] = [];
  const by = deciders.map((d) => byText(d) + (deciders.length > 1 ? ` for ${d.services}` : '')).join(', and ');
  let hint: string;
  if (first.kind === 'guardrail') {
    hint = `Narrow the expectation, or list the flow that needs it as an exception of guardrail "${first.id}" with a why.`;
  } else if (first.kind === 'isolation') {
    hint = `Hosts of an isolated zone cannot reach each other: put one side in another zone, or drop isolation on ${first.id}.`;
  } else {
    hint = `Add a flow from ${e.from.text} to ${e.to.text}${e.service ? ` with ${e.service.text}` : ''}, or correct the expectation.`;
  }
  for (const d of deciders) {
    if (d.kind === 'guardrail') rel.push(related(`guardrail "${d.id}" forbids ${d.services} here`, policy.guardrails.find((g) => g.id === d.id)!.loc));
    if (d.kind === 'isolation') rel.push(related(`zone ${d.id} isolates its ports`, policy.zones.get(d.id!)!.loc));
  }
  let expired = '';
  for (const f of [...denied.expired].sort((x, y) => x.index - y.index)) {
    expired ||= `; expired flow "${f.flow.id}" (${formatLine(f.flow.loc)}) would have allowed it until ${f.flow.expires?.value}`;
    rel.push(related(`flow "${f.flow.id}" expired after ${f.flow.expires?.value}`, f.flow.loc));
  }
  const message = `${atAll}: ${what} ${by}${expired}`;
  return fail(e, message, hint, rel);
}

/** A `can` that fails while the other direction is allowed: the connections exist, opened from the other end. */
function repliesNote(engine: Engine, e: Expectation, from: readonly AtomSlice[], to: readonly AtomSlice[], wanted: svc.ServiceSet): string {
  const back = gatherParts(engine, from, to, wanted, true).get('allow');
  if (!back) return '';
  const flow = decidersOf(engine, back, svc.ALL_SERVICES)[0]!;
  return `; connections the other way (${e.to.text} → ${e.from.text}) are allowed by flow "${flow.id}" (${flow.file}:${flow.line}), so only their replies come back`;
}

function byText(d: DeciderRef): string {
  if (d.kind === 'guardrail') return `by guardrail "${d.id}" (${d.file}:${d.line})`;
  if (d.kind === 'isolation') return `by the port isolation of zone ${d.id} (${d.file}:${d.line})`;
  return 'by default (no live flow allows it)';
}

function exampleOf(engine: Engine, part: PartAcc) {
  const ex = part.example!;
  return examplePacket(ex.src, ex.dst, ex.services, engine.plan.names.keyText);
}
