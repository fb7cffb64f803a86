import type { AddressPlan } from '../model/address-plan.js';
import { isLive } from '../model/expiry.js';
import { infrastructureFlows } from '../model/infrastructure.js';
import type { IntentPackets } from '../model/intent-packets.js';
import type { Flow, Guardrail, Policy } from '../model/policy.js';
import { ALL_SERVICES, type ServiceSet } from '../net/service-set.js';
import { hasAtom, type Atoms } from './atoms.js';

/** An intent as the simulator holds it: its endpoints as sorted atom lists, its services as one set. */
export interface IntentEntry {
  /** Position in the policy's flows or guardrails: file order. */
  index: number;
  src: Int32Array;
  dst: Int32Array;
  services: ServiceSet;
}

export interface FlowEntry extends IntentEntry {
  flow: Flow;
  live: boolean;
}

export interface GuardrailEntry extends IntentEntry {
  guardrail: Guardrail;
  /** Indices of the flows listed as exceptions. */
  exceptions: ReadonlySet<number>;
}

/** Intents by the atoms their sources and destinations hold, so a question only meets its few candidates. */
export interface IntentIndex {
  flows: FlowEntry[];
  guardrails: GuardrailEntry[];
  flowById: ReadonlyMap<string, FlowEntry>;
  /** Flows (live and expired) whose sources hold the atom, in file order. */
  flowsFrom(atom: number): readonly FlowEntry[];
  /** Flows whose destinations hold the atom, in file order. */
  flowsTo(atom: number): readonly FlowEntry[];
  guardrailsFrom(atom: number): readonly GuardrailEntry[];
}

/** An intent spanning more atoms than this sits in one short list checked by search, not in every atom's list. */
const WIDE = 64;

export function buildIntentIndex(policy: Policy, plan: AddressPlan, packets: IntentPackets, atoms: Atoms): IntentIndex {
  // The zones' routed infrastructure (a DHCP relay) is held as flows after the written ones: it is decided as they are.
  const flows: FlowEntry[] = [...policy.flows, ...infrastructureFlows(policy)].map((flow, index) => ({
    index,
    flow,
    live: isLive(flow, policy.today),
    src: atoms.cover(plan.endpoints(flow.from)),
    dst: atoms.cover(plan.endpoints(flow.to)),
    services: packets.services(flow.services),
  }));
  const flowById = new Map(flows.map((f) => [f.flow.id, f]));
  const guardrails: GuardrailEntry[] = policy.guardrails.map((guardrail, index) => ({
    index,
    guardrail,
    src: atoms.cover(plan.endpoints(guardrail.from)),
    dst: atoms.cover(plan.endpoints(guardrail.to)),
    services: guardrail.services.length === 0 ? ALL_SERVICES : packets.services(guardrail.services),
    exceptions: new Set(guardrail.exceptions.flatMap((e) => flowById.get(e.flow.value)?.index ?? [])),
  }));
  return {
    flows,
    guardrails,
    flowById,
    flowsFrom: byAtom(atoms.count, flows, (e) => e.src),
    flowsTo: byAtom(atoms.count, flows, (e) => e.dst),
    guardrailsFrom: byAtom(atoms.count, guardrails, (e) => e.src),
  };
}

function byAtom<T extends IntentEntry>(count: number, entries: readonly T[], side: (e: T) => Int32Array): (atom: number) => readonly T[] {
  const narrow: number[][] = Array.from({ length: count }, () => []);
  const wide: T[] = [];
  for (const e of entries) {
    const atoms = side(e);
    if (atoms.length > WIDE) wide.push(e);
    else for (const a of atoms) narrow[a]!.push(e.index);
  }
  const cache: (readonly T[] | undefined)[] = new Array(count);
  return (atom) => {
    let list = cache[atom];
    if (list === undefined) {
      const mine = narrow[atom]!.map((i) => entries[i]!);
      const extra = wide.filter((e) => hasAtom(side(e), atom));
      list = extra.length === 0 ? mine : [...mine, ...extra].sort((x, y) => x.index - y.index);
      cache[atom] = list;
    }
    return list;
  };
}
