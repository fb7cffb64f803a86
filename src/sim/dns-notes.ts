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
  const deciding = new Set<string>();
  const intents = new Map<string, { from: { kind: string; name?: string }[]; to: { kind: string; name?: string }[] }>();
  for (const f of policy.flows) intents.set(`flow\0${f.id}`, f);
  for (const g of policy.guardrails) intents.set(`guardrail\0${g.id}`, g);
  for (const ref of [...answer.decidedBy, ...answer.parts.flatMap((p) => p.decidedBy)]) {
    const intent = intents.get(`${ref.kind}\0${ref.id ?? ''}`);
    for (const e of [...(intent?.from ?? []), ...(intent?.to ?? [])]) if (e.kind === 'name' && e.name) deciding.add(e.name);
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

function noteFor(e: ExternalName, names: DnsNames): string {
  const head = `depends on DNS: ${e.name} is ${e.fqdn.value}`;
  if (!names.resolved(e.name)) {
    return `${head}, which no address in the policy pins: the answer is for whatever it resolves to, matched by name (FQDN objects; platforms without them refuse it, WL713)`;
  }
  const where = [...new Set(names.sources(e.name).map((s) => `${s.loc.file}:${s.loc.range.start.line + 1}`))].join(', ');
  return `${head}, taken to resolve to ${formatAddressSet(names.set(e.name))} (${where}): the devices match these addresses, so the answer holds while the name resolves there`;
}
