import * as iv from '../net/interval-set.js';
import { isMonitoredGuardrail } from '../model/monitor.js';
import { monitorMarker } from '../model/monitor-marker.js';
import { didYouMean } from '../model/did-you-mean.js';
import { isInfrastructure } from '../model/infrastructure.js';
import { daysLeft, isLive } from '../model/expiry.js';
import type { EndpointRef, Flow, Guardrail } from '../model/policy.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import { describeServices } from './service-text.js';
import { packetExample, type ExamplePacket, type Part } from './answer.js';
import type { Engine } from './engine.js';
import { gatherParts } from './parts.js';
import { finishPart } from './query.js';
import { QueryError } from './resolve-query.js';
import { PART_ORDER } from './semantics.js';

export interface EndpointDescription {
  written: string[];
  groups: string[];
  zones: string[];
  /** Some of the addresses are in no zone. */
  external: boolean;
  /** The externals known by DNS name it names (directly or by label), `name (fqdn)`; absent when none. */
  externals?: string[];
  addresses: string;
}

export interface Overlap {
  kind: 'flow' | 'guardrail';
  id: string;
  file: string;
  line: number;
  /** flow–flow: `covers it`, `inside it`, `same packets`, `overlaps`; with a guardrail: `forbids part of it`,
   *  `excepts it`, `is crossed by it`, `is excepted from it`, `overlaps`. */
  relation: string;
  live: boolean;
  services: string;
  example: ExamplePacket;
}

export interface Explanation {
  kind: 'flow' | 'guardrail';
  id: string;
  file: string;
  line: number;
  /** Guardrails never expire. */
  status: 'live' | 'expired';
  /** A guardrail's mode (`monitor`: what it forbids is passed and logged with `monitor`, the marker); null for a flow. */
  mode: 'enforce' | 'monitor' | null;
  monitor: string | null;
  expires: string | null;
  /** Days from today to the last live day (negative once expired); null without an expiry. */
  daysLeft: number | null;
  why: string | null;
  owner: string | null;
  ticket: string | null;
  from: EndpointDescription;
  to: EndpointDescription;
  services: { written: string[]; concrete: string };
  /** What becomes of the intent's packets under the whole policy, by verdict. */
  effect: Part[];
  exceptions: { flow: string; why: string; live: boolean; file: string; line: number }[];
  overlaps: Overlap[];
}

export function explainIntent(engine: Engine, id: string): Explanation {
  const { policy } = engine;
  // A zone's infrastructure (`zone/dhcp-relay`) is explained as the flow it is decided as.
  const flow = engine.index.flows.find((f) => f.flow.id === id)?.flow;
  const guardrail = flow ? undefined : policy.guardrails.find((g) => g.id === id);
  if (!flow && !guardrail) {
    const ids = [...policy.flows.map((f) => f.id), ...policy.guardrails.map((g) => g.id)];
    const best = didYouMean(id, ids);
    throw new QueryError(`"${id}" is not a flow or guardrail of this policy${best === undefined ? '' : `; did you mean "${best}"?`}`);
  }
  const intent = (flow ?? guardrail)!;
  const packets = flow ? engine.packets.flow(flow) : engine.packets.guardrail(guardrail!);
  const left = flow ? daysLeft(flow, policy.today) : undefined;
  return {
    kind: intent.kind,
    id: intent.id,
    file: intent.loc.file,
    line: intent.loc.range.start.line + 1,
    status: !flow || isLive(flow, policy.today) ? 'live' : 'expired',
    mode: guardrail ? guardrail.mode : null,
    monitor: guardrail && isMonitoredGuardrail(guardrail) ? monitorMarker({ kind: 'guardrail', id: guardrail.id }) : null,
    expires: flow?.expires?.value ?? null,
    daysLeft: left ?? null,
    why: intent.why ?? null,
    owner: flow?.owner ?? null,
    ticket: flow?.ticket ?? null,
    from: describeEndpoints(engine, intent.from),
    to: describeEndpoints(engine, intent.to),
    services: {
      written: intent.services.length === 0 ? ['any'] : intent.services.map((s) => s.text),
      concrete: describeServices(flow ? engine.packets.services(flow.services) : guardrailServices(engine, guardrail!)),
    },
    effect: effectOf(engine, intent),
    exceptions: (guardrail?.exceptions ?? []).map((e) => {
      const named = policy.flows.find((f) => f.id === e.flow.value);
      return { flow: e.flow.value, why: e.why, live: named !== undefined && isLive(named, policy.today), file: e.loc.file, line: e.loc.range.start.line + 1 };
    }),
    overlaps: overlapsOf(engine, intent, packets),
  };
}

/** The intent's packets (a box: sources × destinations × services) cut by what the whole policy does to them. */
function effectOf(engine: Engine, intent: Flow | Guardrail): Part[] {
  const { atoms, plan, packets } = engine;
  const services = intent.kind === 'flow' ? packets.services(intent.services) : guardrailServices(engine, intent);
  const parts = gatherParts(engine, atoms.slices(plan.endpoints(intent.from)), atoms.slices(plan.endpoints(intent.to)), services);
  return PART_ORDER.flatMap((k) => {
    const acc = parts.get(k);
    return acc ? [finishPart(engine, acc)] : [];
  });
}

function guardrailServices(engine: Engine, g: Guardrail) {
  return g.services.length === 0 ? ALL_SERVICES : engine.packets.services(g.services);
}

function describeEndpoints(engine: Engine, refs: readonly EndpointRef[]): EndpointDescription {
  const { atoms, plan } = engine;
  const set = plan.endpoints(refs);
  const named = plan.names.all.filter((e) => refs.some((r) => (r.kind === 'name' && r.name === e.name) || (r.kind === 'label' && e.labels.some((l) => l.value === r.label))));
  // The named externals' addresses are said by name; `external` is for the other addresses in no zone.
  const rest = named.reduce((acc, e) => iv.subtract(acc, plan.names.set(e.name)), set);
  const groups = new Set<string>();
  const zones = new Set<string>();
  let external = false;
  for (const a of atoms.cover(set)) {
    const g = atoms.group[a];
    const z = atoms.zone[a];
    if (g !== undefined) groups.add(g);
    if (z !== undefined) zones.add(z);
  }
  for (const a of atoms.cover(rest)) if (atoms.zone[a] === undefined) external = true;
  const out: EndpointDescription = { written: refs.map((r) => r.text), groups: [...groups], zones: [...zones], external, addresses: plan.names.setText(set) };
  if (named.length > 0) out.externals = named.map((e) => `${e.name} (${e.fqdn.value})`);
  return out;
}

/** Other intents sharing packets with this one, found through the atom index and confirmed on packet sets. */
function overlapsOf(engine: Engine, intent: Flow | Guardrail, mine: PacketSet): Overlap[] {
  const { policy, index, atoms, plan } = engine;
  const src = atoms.cover(plan.endpoints(intent.from));
  const seen = new Set<number>();
  for (const a of src) for (const f of index.flowsFrom(a)) seen.add(f.index);
  const out: Overlap[] = [];
  for (const i of [...seen].sort((x, y) => x - y)) {
    const other = index.flows[i]!.flow;
    // Overlaps are between intents someone wrote: a zone's infrastructure is not one to reconcile with.
    if (other === intent || isInfrastructure(other)) continue;
    const theirs = engine.packets.flow(other);
    const shared = ps.intersect(mine, theirs);
    if (ps.isEmpty(shared)) continue;
    const relation = intent.kind === 'flow' ? flowRelation(mine, theirs, shared) : guardrailFlowRelation(intent, other);
    out.push(overlap(engine, 'flow', other, relation, isLive(other, policy.today), shared));
  }
  for (const g of policy.guardrails) {
    if (g === intent) continue;
    const shared = ps.intersect(mine, engine.packets.guardrail(g));
    if (ps.isEmpty(shared)) continue;
    const relation = intent.kind === 'flow' ? (g.exceptions.some((e) => e.flow.value === intent.id) ? 'excepts it' : 'forbids part of it') : 'overlaps';
    out.push(overlap(engine, 'guardrail', g, relation, true, shared));
  }
  return out;
}

function flowRelation(mine: PacketSet, theirs: PacketSet, shared: PacketSet): string {
  const inMine = ps.equals(shared, theirs);
  const inTheirs = ps.equals(shared, mine);
  if (inMine && inTheirs) return 'same packets';
  if (inTheirs) return 'covers it';
  return inMine ? 'inside it' : 'overlaps';
}

function guardrailFlowRelation(g: Guardrail, flow: Flow): string {
  return g.exceptions.some((e) => e.flow.value === flow.id) ? 'is excepted from it' : 'is crossed by it';
}

function overlap(engine: Engine, kind: 'flow' | 'guardrail', intent: Flow | Guardrail, relation: string, live: boolean, shared: PacketSet): Overlap {
  return {
    kind,
    id: intent.id,
    file: intent.loc.file,
    line: intent.loc.range.start.line + 1,
    relation,
    live,
    services: describeServices(ps.servicesOf(shared)),
    example: packetExample(shared, engine.plan.exampleHost, engine.plan.exampleHost, engine.plan.names.keyText),
  };
}
