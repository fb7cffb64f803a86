import type { DnsNames } from '../model/dns-names.js';
import type { ExternalName, Policy } from '../model/policy.js';
import { formatAddressSet } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { Answer } from './answer.js';

/**
 * When an answer depends on DNS (issue 18): a side of the question is an external known by its DNS name (by name,
 * fqdn or one of its addresses), or a flow or guardrail that decides it names one. The note says what the answer
 * assumed the name resolves to, and where that is written.
 */
export function dnsNotes(policy: Policy, names: DnsNames, from: IntervalSet, to: IntervalSet, answer: Answer): string[] {
  if (names.all.length === 0) return [];
  const named = namedBy(policy);
  const deciding = new Set<string>();
  for (const ref of [...answer.decidedBy, ...answer.parts.flatMap((p) => p.decidedBy)]) {
    for (const name of named.get(`${ref.kind}\0${ref.id ?? ''}`) ?? []) deciding.add(name);
  }
  const out: string[] = [];
  for (const e of names.all) {
    const set = names.set(e.name);
    const asked = [from, to].some((side) => !iv.isEmpty(side) && iv.isSubset(side, set));
    const touches = iv.meets(set, from) || iv.meets(set, to);
    if (touches && (asked || deciding.has(e.name))) out.push(noteFor(e, names));
  }
  return out;
}

const namedByPolicy = new WeakMap<Policy, Map<string, string[]>>();

/** The externals each flow and guardrail names directly (`flow\0id` → names), once per policy: batches ask often. */
function namedBy(policy: Policy): Map<string, string[]> {
  let map = namedByPolicy.get(policy);
  if (!map) {
    map = new Map();
    for (const [kind, intents] of [['flow', policy.flows], ['guardrail', policy.guardrails]] as const) {
      for (const i of intents) {
        const names = [...i.from, ...i.to].flatMap((e) => (e.kind === 'name' ? [e.name] : []));
        if (names.length > 0) map.set(`${kind}\0${i.id}`, names);
      }
    }
    namedByPolicy.set(policy, map);
  }
  return map;
}

function noteFor(e: ExternalName, names: DnsNames): string {
  const head = `depends on DNS: ${e.name} is ${e.fqdn.value}`;
  if (!names.resolved(e.name)) {
    return `${head}, which no address in the policy pins: the answer is for whatever it resolves to, matched by name (FQDN objects; platforms without them refuse it, WL713)`;
  }
  const where = [...new Set(names.sources(e.name).map((s) => `${s.loc.file}:${s.loc.range.start.line + 1}`))].join(', ');
  return `${head}, taken to resolve to ${formatAddressSet(names.set(e.name))} (${where}): the devices match these addresses, so the answer holds while the name resolves there`;
}
