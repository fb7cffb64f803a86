import type { AddressPlan } from '../model/address-plan.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { IntentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';
import { quote } from '../model/quoted.js';
import { definedLabels, LONGEST_REFERENCE } from '../model/references.js';
import { NOWHERE } from '../model/source.js';
import { parsePrefix } from '../net/address.js';
import type { IntervalSet } from '../net/interval-set.js';
import { parseServiceSpec } from '../net/service.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';

/** A query names something that does not exist or does not parse: the CLI exits 2, a batch line gets an error. */
export class QueryError extends Error {
  override name = 'QueryError';
}

const LABEL = 'label:';
const HERE = { file: '<query>', range: NOWHERE };

/** Resolves an endpoint as the policy's own references are (src/lang/resolve.ts), but refuses what it cannot find. */
export function resolveEndpointText(policy: Policy, plan: AddressPlan, text: string): IntervalSet {
  const raw = text.trim();
  if (raw === '') throw new QueryError('an empty endpoint: name a group, a zone, label:NAME, an address or prefix, external or any');
  refuseLong(raw, 'endpoint');
  if (raw === 'any') return plan.endpoint({ kind: 'any', loc: HERE, text: raw });
  if (raw === 'external') return plan.external;
  if (raw.startsWith(LABEL)) {
    const label = raw.slice(LABEL.length);
    const labels = definedLabels(policy);
    if (!labels.has(label)) throw new QueryError(`no zone or group carries the label ${quote(label)}${suggest(label, labels, LABEL)}`);
    return plan.label(label);
  }
  if (raw.includes(':') || raw.includes('/') || /^\d+(\.\d+){3}$/.test(raw)) {
    const parsed = parsePrefix(raw);
    if ('error' in parsed) throw new QueryError(parsed.error);
    return plan.endpoint({ kind: 'prefix', prefix: { prefix: parsed.prefix, text: raw, hostBitsSet: parsed.hostBitsSet, loc: HERE }, loc: HERE, text: raw });
  }
  if (policy.groups.has(raw)) return plan.group(raw);
  if (policy.zones.has(raw)) return plan.zone(raw);
  if (policy.externals.has(raw)) return plan.names.set(raw);
  // An external by its DNS name, as a MUD profile or a vendor's documentation writes it.
  const byFqdn = plan.names.byFqdn(raw.toLowerCase().replace(/\.$/, ''));
  if (byFqdn) return plan.names.set(byFqdn.name);
  const names = [...policy.groups.keys(), ...policy.zones.keys(), ...policy.externals.keys()];
  const guess = suggest(raw, names);
  const kinds = policy.externals.size > 0 ? ['a group, zone or external', 'a group, a zone, an external'] : ['a group or zone', 'a group, a zone'];
  throw new QueryError(`${quote(raw)} is not ${kinds[0]} of this policy${guess || `; name ${kinds[1]}, label:NAME, an address or prefix, external or any`}`);
}

/** Services by catalog or policy name, inline spec (`tcp/443`) or `any`; a comma-separated list is their union. */
export function resolveServiceText(policy: Policy, packets: IntentPackets, text: string): ServiceSet {
  const words = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) throw new QueryError('an empty service: name a service, write proto/port (tcp/443), or any');
  return words.map((word) => serviceOf(policy, packets, word)).reduce(svc.union, svc.EMPTY_SERVICES);
}

function serviceOf(policy: Policy, packets: IntentPackets, word: string): ServiceSet {
  if (word === 'any') return svc.ALL_SERVICES;
  refuseLong(word, 'service');
  if (word.includes('/')) {
    const spec = parseServiceSpec(word);
    if ('error' in spec) throw new QueryError(spec.error);
    return svc.serviceSetOf([spec]);
  }
  if (!policy.services.has(word)) {
    throw new QueryError(`${quote(word)} is not a service of this policy or the standard catalog${suggest(word, policy.services.keys())}`);
  }
  return packets.services([{ kind: 'named', name: word, loc: HERE, text: word }]);
}

/** Said before anything parses or compares it: parsers' messages quote the whole text. */
function refuseLong(text: string, what: string): void {
  if (text.length <= LONGEST_REFERENCE) return;
  throw new QueryError(`${quote(text)} is ${text.length} characters: no ${what} is longer than ${LONGEST_REFERENCE}`);
}

function suggest(word: string, candidates: Iterable<string>, prefix = ''): string {
  const best = didYouMean(word, candidates);
  return best === undefined ? '' : `; did you mean "${prefix}${best}"?`;
}
