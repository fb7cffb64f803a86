import type { EndpointRef, Policy } from './policy.js';

/**
 * No reference is longer than this: a name is at most 64 characters, `label:NAME` 70, an address, prefix or
 * service spec under 50. The schema refuses longer text (WL204), and so does a query, before parsing it.
 */
export const LONGEST_REFERENCE = 128;

/**
 * Every endpoint reference written in zones' dhcp-relay, flows, guardrails and expectations. A relay's servers are
 * endpoints as a flow's are: an address there cuts the zone it lies in, as one in a flow does.
 */
export function endpointReferences(policy: Policy): EndpointRef[] {
  return [
    ...[...policy.zones.values()].flatMap((z) => z.infrastructure.dhcpRelay),
    ...policy.flows.flatMap((f) => [...f.from, ...f.to]),
    ...policy.guardrails.flatMap((g) => [...g.from, ...g.to]),
    ...policy.expectations.flatMap((e) => [e.from, e.to]),
  ];
}

/** Every label some zone or group carries. */
export function definedLabels(policy: Policy): Set<string> {
  const labels = new Set<string>();
  for (const x of [...policy.zones.values(), ...policy.groups.values(), ...policy.externals.values()]) for (const l of x.labels) labels.add(l.value);
  return labels;
}

/**
 * Whether an intent names something that means nothing: an undefined name (WL301, WL508) or a label no zone or
 * group carries (WL306). Its packets are then fewer than the author meant, so checks that reason about what an
 * intent leaves out (coverage, needless exceptions, same source and destination) skip it rather than cascade.
 */
export function refersToNothing(
  intent: { from: readonly EndpointRef[]; to: readonly EndpointRef[]; services: readonly { kind: string }[] },
  labels: ReadonlySet<string>,
): boolean {
  const empty = (r: EndpointRef) => r.kind === 'unresolved' || (r.kind === 'label' && !labels.has(r.label));
  return intent.from.some(empty) || intent.to.some(empty) || intent.services.some((s) => s.kind === 'unresolved');
}
