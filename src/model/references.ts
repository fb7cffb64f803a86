import type { EndpointRef, Policy } from './policy.js';

/** Every endpoint reference written in flows, guardrails and expectations, in file order. */
export function endpointReferences(policy: Policy): EndpointRef[] {
  return [
    ...policy.flows.flatMap((f) => [...f.from, ...f.to]),
    ...policy.guardrails.flatMap((g) => [...g.from, ...g.to]),
    ...policy.expectations.flatMap((e) => [e.from, e.to]),
  ];
}

/** Every label some zone or group carries. */
export function definedLabels(policy: Policy): Set<string> {
  const labels = new Set<string>();
  for (const x of [...policy.zones.values(), ...policy.groups.values()]) for (const l of x.labels) labels.add(l.value);
  return labels;
}
