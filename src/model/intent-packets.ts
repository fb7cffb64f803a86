import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import type { AddressPlan } from './address-plan.js';
import type { Flow, Guardrail, Policy, ServiceRef } from './policy.js';

/** The packets each intent covers, computed once per intent and shared by checks, simulator and compiler. */
export interface IntentPackets {
  services(refs: readonly ServiceRef[]): ServiceSet;
  flow(flow: Flow): PacketSet;
  guardrail(guardrail: Guardrail): PacketSet;
}

export function intentPackets(policy: Policy, addresses: AddressPlan): IntentPackets {
  const named = new Map<string, ServiceSet>();
  const serviceOf = (ref: ServiceRef): ServiceSet => {
    switch (ref.kind) {
      case 'any':
        return svc.ALL_SERVICES;
      case 'inline':
        return svc.serviceSetOf([ref.spec]);
      case 'unresolved':
        return svc.EMPTY_SERVICES;
      case 'named': {
        let set = named.get(ref.name);
        if (!set) {
          set = svc.serviceSetOf(policy.services.get(ref.name)?.specs.map((s) => s.value) ?? []);
          named.set(ref.name, set);
        }
        return set;
      }
    }
  };
  // Intents repeat the same service lists; each list is united once (the sets are shared, never changed).
  const lists = new Map<string, ServiceSet>();
  const services = (refs: readonly ServiceRef[]): ServiceSet => {
    if (refs.length === 1) return serviceOf(refs[0]!);
    const key = refs.map((r) => `${r.kind}\0${r.kind === 'named' ? r.name : r.text}`).join('\0\0');
    let set = lists.get(key);
    if (!set) lists.set(key, (set = refs.map(serviceOf).reduce(svc.union, svc.EMPTY_SERVICES)));
    return set;
  };
  const flows = new Map<Flow, PacketSet>();
  const guardrails = new Map<Guardrail, PacketSet>();
  return {
    services,
    flow: (flow) => {
      let set = flows.get(flow);
      if (!set) {
        set = ps.between(addresses.endpoints(flow.from), addresses.endpoints(flow.to), services(flow.services));
        flows.set(flow, set);
      }
      return set;
    },
    guardrail: (g) => {
      let set = guardrails.get(g);
      if (!set) {
        // A guardrail without services forbids every service.
        const wanted = g.services.length === 0 ? svc.ALL_SERVICES : services(g.services);
        set = ps.between(addresses.endpoints(g.from), addresses.endpoints(g.to), wanted);
        guardrails.set(g, set);
      }
      return set;
    },
  };
}
