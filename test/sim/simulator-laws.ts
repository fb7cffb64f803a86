import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { packetClasses } from '../../src/model/packet-classes.js';
import type { Policy } from '../../src/model/policy.js';
import { formatKey, keyFamily, parsePrefix, prefixBounds, V6_LAST } from '../../src/net/address.js';
import { formatServiceRange, hasPortDimension, ICMP, ICMPV6 } from '../../src/net/service.js';
import { simulator } from '../../src/sim/simulator.js';
import { TODAY } from '../support/policy.js';
import { bruteForce, type BruteAnswer, type BruteVerdict, type Packet } from './brute-force.js';
import type { RandomPolicy } from './random-policy.js';


function load(yaml: string): Policy {
  const loaded = loadPolicy([{ path: 'random.yaml', text: yaml }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the generator wrote a broken policy: ${errors[0]!.message}\n${yaml}`);
  return loaded.policy;
}

/**
 * One packet of every class: the lowest address of each address class (cut by the policy's prefixes and by those the
 * questions name), one (proto, port) per service class.
 */
function everyPacket(policy: Policy, asked: readonly string[] = []): Packet[] {
  const classes = packetClasses(policy);
  const cuts = new Set(classes.addresses);
  for (const text of asked) {
    const parsed = /[:/.]/.test(text) ? parsePrefix(text) : undefined;
    if (!parsed || 'error' in parsed) continue;
    const [lo, hi] = prefixBounds(parsed.prefix);
    cuts.add(lo);
    if (hi < V6_LAST) cuts.add(hi + 1n);
  }
  const addresses = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const services = classes.services;
  const out: Packet[] = [];
  for (const src of addresses) {
    for (const dst of addresses) {
      if (keyFamily(src) !== keyFamily(dst)) continue;
      const v6 = keyFamily(src) === 6;
      for (const s of services) if (!(s.proto === (v6 ? ICMP : ICMPV6))) out.push({ src, dst, ...s });
    }
  }
  return out;
}

/** The verdict of a set of packets from the verdicts of its members (semantics.ts), written out again here. */
function combined(kinds: Set<BruteVerdict>): string {
  if (kinds.size === 0) return 'deny';
  if (kinds.size === 1) return [...kinds][0]!;
  if (!kinds.has('deny')) return 'allow';
  return 'partial';
}

/** A service spec that names exactly one packet's (proto, port), or undefined where none can (tcp port 0). */
function specOf(p: Packet): string | undefined {
  if (!hasPortDimension(p.proto)) return `proto/${p.proto}`;
  if (p.proto === ICMP || p.proto === ICMPV6) return `${p.proto === ICMP ? 'icmp' : 'icmpv6'}/${p.port >> 8}/${p.port & 255}`;
  return p.port === 0 ? undefined : formatServiceRange(p.proto, p.port, p.port);
}

function deciderKey(d: { kind: string; id?: string; zone?: string; monitor?: string }): string {
  if (d.kind === 'default') return d.monitor ? `monitor:${d.zone}` : 'default';
  return `${d.kind}:${d.id}`;
}

/** What the simulator's one-packet decision is for a verdict: a monitored packet passes. */
const passes = (v: BruteVerdict) => (v === 'monitored' ? 'allow' : v);

/** The laws over one kind of random policy: plain here, with monitor mode in simulator-monitor.property.test.ts. */
export function simulatorLaws(name: string, randomPolicy: fc.Arbitrary<RandomPolicy>, RUNS: { seed: number; numRuns: number }): void {
  describe(`the simulator equals a brute-force evaluator of the intents${name}`, () => {
    it('on every packet class of random small policies', () => {
      fc.assert(
        fc.property(randomPolicy, ({ yaml }) => {
          const policy = load(yaml);
          const sim = simulator(policy);
          const brute = bruteForce(policy);
          const packets = everyPacket(policy);
          const wrong = packets.filter((p) => sim.decide(p) !== passes(brute.decide(p).verdict));
          expect(packets.length).toBeGreaterThan(100);
          expect(wrong.slice(0, 3).map((p) => `${formatKey(p.src)} → ${formatKey(p.dst)} ${p.proto}/${p.port}: ${sim.decide(p)}, not ${brute.decide(p).verdict}`), yaml).toEqual([]);
        }),
        RUNS,
      );
    });

    it('one-packet questions get the brute-force verdict and every deciding intent, in order', () => {
      fc.assert(
        fc.property(randomPolicy, fc.nat(), ({ yaml }, offset) => {
          const policy = load(yaml);
          const sim = simulator(policy);
          const brute = bruteForce(policy);
          const packets = everyPacket(policy);
          for (let i = offset % 11; i < packets.length; i += 11) {
            const p = packets[i]!;
            const service = specOf(p);
            if (service === undefined) continue;
            const answer = sim.query(formatKey(p.src), formatKey(p.dst), service);
            const expected = brute.decide(p);
            const what = `${formatKey(p.src)} → ${formatKey(p.dst)} ${service}\n${yaml}`;
            expect(answer.verdict, what).toBe(expected.verdict);
            expect(answer.decidedBy.map(deciderKey), what).toEqual(expected.decidedBy);
          }
        }),
        RUNS,
      );
    });

    it('questions about names get the verdict of all their packets, and the deciders of any of them', () => {
      fc.assert(
        fc.property(randomPolicy, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 5, maxLength: 5 }), ({ yaml, endpoints }, picks) => {
          const policy = load(yaml);
          const sim = simulator(policy);
          const brute = bruteForce(policy);
          const packets = everyPacket(policy, endpoints);
          const services = [undefined, 'tcp/443', 'ssh', 'ping', 'dns'];
          const asked = picks.flatMap(([a, b, c]) => {
            const [from, to, service] = [endpoints[a % endpoints.length]!, endpoints[b % endpoints.length]!, services[c % services.length]];
            // Questions about `any` walk every atom, the way an exposure question does.
            return [[from, to, service], [from, 'any', service], ['any', to, service]] as const;
          });
          const addresses = [...new Set(packets.map((p) => p.src))];
          const members = new Map<string, Set<bigint>>();
          const inside = (text: string, key: bigint) => {
            let set = members.get(text);
            if (!set) members.set(text, (set = new Set(addresses.filter((k) => brute.inEndpoint(text, k)))));
            return set.has(key);
          };
          const offered = new Map<string, boolean>();
          const offers = (service: string | undefined, p: Packet) => {
            const key = `${service}|${p.proto}|${p.port}`;
            let yes = offered.get(key);
            if (yes === undefined) offered.set(key, (yes = brute.offers(service, p)));
            return yes;
          };
          const decided: (BruteAnswer | undefined)[] = [];
          const decide = (i: number) => (decided[i] ??= brute.decide(packets[i]!));
          for (const [from, to, service] of asked) {
            const mine = packets.flatMap((p, i) => (inside(from, p.src) && inside(to, p.dst) && offers(service, p) ? [decide(i)] : []));
            const kinds = new Set(mine.map((d) => d.verdict));
            const deciders = new Set(mine.flatMap((d) => d.decidedBy));
            const answer = sim.query(from, to, service);
            const what = `${from} → ${to} ${service}\n${yaml}`;
            expect(answer.verdict, what).toBe(combined(kinds));
            expect(new Set(answer.decidedBy.map(deciderKey)), what).toEqual(deciders);
          }
        }),
        RUNS,
      );
    });
  });
}
