import type { AddressPlan } from '../model/address-plan.js';
import { isLive } from '../model/expiry.js';
import type { Flow, Policy } from '../model/policy.js';
import { zonePairIndex, type ZonePairIndex } from '../model/zone-index.js';

export interface LiveFlowIndex {
  /** The live flows, in file order. */
  live: Flow[];
  /** The live flows by the zone pairs they touch. */
  index: ZonePairIndex<Flow>;
}

const built = new WeakMap<AddressPlan, LiveFlowIndex>();

/** Built once per checked policy (its address plan): guardrail-violation and redundant-flow both ask for it. */
export function liveFlowIndex(policy: Policy, addresses: AddressPlan): LiveFlowIndex {
  let entry = built.get(addresses);
  if (!entry) {
    const live = policy.flows.filter((f) => isLive(f, policy.today));
    const index = zonePairIndex(addresses, live, (f) => addresses.endpoints(f.from), (f) => addresses.endpoints(f.to));
    built.set(addresses, (entry = { live, index }));
  }
  return entry;
}
