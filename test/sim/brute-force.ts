import { isLive } from '../../src/model/expiry.js';
import type { EndpointRef, Policy, ServiceRef, WrittenPrefix } from '../../src/model/policy.js';
import { NOWHERE } from '../../src/model/source.js';
import { keyFamily, parsePrefix, prefixBounds } from '../../src/net/address.js';
import { hasPortDimension, parseServiceSpec, type ServiceSpec } from '../../src/net/service.js';

/**
 * The semantics of src/sim/semantics.ts evaluated packet by packet straight from the intents, with no index, no
 * atoms and no packet-set algebra: the slow, obvious reference the simulator is checked against.
 */
export interface Packet {
  src: bigint;
  dst: bigint;
  proto: number;
  port: number;
}

export type BruteVerdict = 'allow' | 'monitored' | 'deny' | 'same-segment' | 'unrouted';

export interface BruteAnswer {
  verdict: BruteVerdict;
  /** `flow:id`, `guardrail:id`, `default`, `monitor:zone`, `isolation:zone`, in the simulator's order. */
  decidedBy: string[];
}

function within(p: WrittenPrefix, key: bigint): boolean {
  const [lo, hi] = prefixBounds(p.prefix);
  return key >= lo && key <= hi;
}

interface Claim {
  owner: string;
  lo: bigint;
  hi: bigint;
  length: number;
}

function claims(owners: { owner: string; prefixes: WrittenPrefix[] }[]): Claim[] {
  return owners.flatMap(({ owner, prefixes }) => prefixes.map((p) => ({ owner, ...bounds(p), length: p.prefix.length })));
}

function bounds(p: WrittenPrefix): { lo: bigint; hi: bigint } {
  const [lo, hi] = prefixBounds(p.prefix);
  return { lo, hi };
}

/** The owner of the most specific claim holding the address. */
function mostSpecific(list: Claim[], key: bigint): string | undefined {
  let best: Claim | undefined;
  for (const c of list) if (key >= c.lo && key <= c.hi && (!best || c.length > best.length)) best = c;
  return best?.owner;
}

export interface BruteForce {
  decide(p: Packet): BruteAnswer;
  /** Whether an address is one of a query endpoint's (a name, label:X, an address or prefix, external, any). */
  inEndpoint(text: string, key: bigint): boolean;
  /** Whether a packet is one of a query service's (a name, an inline spec, absent for every service). */
  offers(service: string | undefined, p: Packet): boolean;
}

export function bruteForce(policy: Policy): BruteForce {
  const zones = claims([...policy.zones.values()].map((z) => ({ owner: z.name, prefixes: z.subnets })));
  const groups = claims(
    [...policy.groups.values()].map((g) => ({
      owner: g.name,
      prefixes: g.addresses.length > 0 ? g.addresses : (policy.zones.get(g.zone.value)?.subnets ?? []),
    })),
  );
  const zoneOf = (key: bigint) => mostSpecific(zones, key);
  const groupOf = (key: bigint) => (zoneOf(key) === undefined ? undefined : mostSpecific(groups, key));
  // An external is the addresses the policy resolves it to (its own and dns: entries for its fqdn); with none, the one
  // address per family the model keeps for it (DESIGN: 240.0.0.0/8 and 100::/64, odd offsets in name order).
  const externals = [...policy.externals.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const nameHolds = (name: string, key: bigint): boolean => {
    const i = externals.findIndex((e) => e.name === name);
    const e = externals[i];
    if (!e) return false;
    const written = [...e.addresses, ...policy.resolutions.filter((r) => r.fqdn.value === e.fqdn.value).flatMap((r) => r.addresses)];
    if (written.length > 0) return written.some((p) => within(p, key));
    const offset = 2n * BigInt(i) + 1n;
    return key === 0xf0000000n + offset || key === (1n << 32n) + (0x0100n << 112n) + offset;
  };
  const labelled = (label: string, key: bigint) => {
    const z = zoneOf(key);
    const g = groupOf(key);
    return (
      (z !== undefined && policy.zones.get(z)!.labels.some((l) => l.value === label)) ||
      (g !== undefined && policy.groups.get(g)!.labels.some((l) => l.value === label)) ||
      externals.some((e) => e.labels.some((l) => l.value === label) && nameHolds(e.name, key))
    );
  };
  const member = (ref: EndpointRef, key: bigint): boolean => {
    switch (ref.kind) {
      case 'any':
        return true;
      case 'external':
        return zoneOf(key) === undefined;
      case 'zone':
        return zoneOf(key) === ref.name;
      case 'group':
        return groupOf(key) === ref.name;
      case 'name':
        return nameHolds(ref.name, key);
      case 'label':
        return labelled(ref.label, key);
      case 'prefix':
        return within(ref.prefix, key);
      case 'unresolved':
        return false;
    }
  };
  const specMatches = (s: ServiceSpec, p: Packet) => s.proto === p.proto && (!hasPortDimension(s.proto) || (p.port >= s.lo && p.port <= s.hi));
  const serviceMatches = (ref: ServiceRef, p: Packet): boolean => {
    if (ref.kind === 'any') return true;
    if (ref.kind === 'inline') return specMatches(ref.spec, p);
    if (ref.kind === 'named') return policy.services.get(ref.name)!.specs.some((s) => specMatches(s.value, p));
    return false;
  };
  const holds = (i: { from: EndpointRef[]; to: EndpointRef[]; services: ServiceRef[] }, p: Packet, emptyMeansAll: boolean) =>
    i.from.some((r) => member(r, p.src)) &&
    i.to.some((r) => member(r, p.dst)) &&
    ((emptyMeansAll && i.services.length === 0) || i.services.some((s) => serviceMatches(s, p)));
  const decide = (p: Packet): BruteAnswer => {
    if (keyFamily(p.src) !== keyFamily(p.dst)) throw new Error('no such packet');
    const from = zoneOf(p.src);
    const to = zoneOf(p.dst);
    if (from === undefined && to === undefined) return { verdict: 'unrouted', decidedBy: [] };
    if (from === to) {
      return policy.zones.get(from!)!.isolation ? { verdict: 'deny', decidedBy: [`isolation:${from}`] } : { verdict: 'same-segment', decidedBy: [] };
    }
    const live = policy.flows.filter((f) => isLive(f, policy.today) && holds(f, p, false));
    const guards = policy.guardrails.filter((g) => holds(g, p, true) && !live.some((f) => g.exceptions.some((e) => e.flow.value === f.id)));
    // Monitor mode: an enforced guardrail denies; guardrails all in monitor mode pass it, logged; so does a monitored
    // zone (its own mode, or its point's) at either end what the default would deny, the first such zone in policy order.
    const enforced = guards.filter((g) => g.mode !== 'monitor');
    if (enforced.length > 0) return { verdict: 'deny', decidedBy: enforced.map((g) => `guardrail:${g.id}`) };
    if (guards.length > 0) return { verdict: 'monitored', decidedBy: guards.map((g) => `guardrail:${g.id}`) };
    if (live.length > 0) return { verdict: 'allow', decidedBy: live.map((f) => `flow:${f.id}`) };
    const watched = (z: string | undefined) => z !== undefined && (policy.zones.get(z)!.mode === 'monitor' || policy.enforcementPoints.get(policy.zones.get(z)!.via.value)?.mode === 'monitor');
    const zones = [...policy.zones.keys()].filter((z) => (z === from || z === to) && watched(z));
    if (zones.length > 0) return { verdict: 'monitored', decidedBy: [`monitor:${zones[0]}`] };
    return { verdict: 'deny', decidedBy: ['default'] };
  };
  const endpointRef = (text: string): EndpointRef => {
    const loc = { file: '<query>', range: NOWHERE };
    if (text === 'any' || text === 'external') return { kind: text, loc, text };
    if (text.startsWith('label:')) return { kind: 'label', label: text.slice(6), loc, text };
    if (policy.groups.has(text)) return { kind: 'group', name: text, loc, text };
    if (policy.zones.has(text)) return { kind: 'zone', name: text, loc, text };
    if (policy.externals.has(text)) return { kind: 'name', name: text, loc, text };
    const parsed = parsePrefix(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return { kind: 'prefix', prefix: { prefix: parsed.prefix, text, hostBitsSet: parsed.hostBitsSet, loc }, loc, text };
  };
  const serviceRef = (text: string): ServiceRef => {
    const loc = { file: '<query>', range: NOWHERE };
    if (text === 'any') return { kind: 'any', loc, text };
    if (!text.includes('/')) return { kind: 'named', name: text, loc, text };
    const spec = parseServiceSpec(text);
    if ('error' in spec) throw new Error(spec.error);
    return { kind: 'inline', spec, loc, text };
  };
  return {
    decide,
    inEndpoint: (text, key) => member(endpointRef(text), key),
    offers: (service, p) => service === undefined || serviceMatches(serviceRef(service), p),
  };
}
