import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICMP, TCP, UDP, parseServiceSpec, type ServiceSpec } from './service.js';
import * as services from './service-set.js';
import type { ServiceSet } from './service-set.js';

const svc = (...texts: string[]) => services.serviceSetOf(texts.map((t) => parseServiceSpec(t) as ServiceSpec));

describe('service sets', () => {
  it('group protocols that share a port set, in canonical form', () => {
    const set = svc('udp/443', 'tcp/443', 'tcp/8443', 'udp/8443', 'icmp/any', 'proto/50');
    expect(set.parts.map((p) => [p.keys.map(([lo, hi]) => `${lo}-${hi}`), p.value.length])).toEqual([
      [['1-1', '50-50'], 1],
      [['6-6', '17-17'], 2],
    ]);
    expect(services.equals(set, svc('proto/50', 'icmp/any', 'tcp/443', 'udp/443', 'udp/8443', 'tcp/8443'))).toBe(true);
  });

  it('lists and prints ranges per protocol', () => {
    expect(services.serviceRanges(svc('udp/53', 'tcp/1-1024', 'tcp/443'))).toEqual([
      { proto: TCP, lo: 1, hi: 1024 },
      { proto: UDP, lo: 53, hi: 53 },
    ]);
    expect(services.formatServiceSet(svc('tcp/443', 'icmp/echo-request', 'icmpv6/135'))).toBe(
      'icmp/echo-request, tcp/443, icmpv6/neighbor-solicitation',
    );
    expect(services.formatServiceSet(services.ALL_SERVICES)).toBe('any');
    expect(services.formatServiceSet(services.EMPTY_SERVICES)).toBe('nothing');
    expect(services.formatServiceSet(services.subtract(svc('tcp/any'), svc('tcp/1-65535')))).toBe('tcp/0');
  });

  it('answer membership', () => {
    const set = svc('tcp/443', 'icmp/3/4', 'proto/50');
    expect(services.containsService(set, TCP, 443)).toBe(true);
    expect(services.containsService(set, TCP, 444)).toBe(false);
    expect(services.containsService(set, ICMP, 3 * 256 + 4)).toBe(true);
    expect(services.containsService(set, ICMP, 3 * 256 + 5)).toBe(false);
    expect(services.containsService(set, 50, 12345)).toBe(true);
    expect(services.isSubset(set, services.ALL_SERVICES)).toBe(true);
    expect(services.isSubset(services.ALL_SERVICES, set)).toBe(false);
  });
});

describe('service sets against brute force (property)', () => {
  const PROTOS = [ICMP, TCP, UDP, 50, 58];
  const PORTS = 8;
  const arbSpecs = fc.array(
    fc
      .tuple(fc.constantFrom(...PROTOS), fc.integer({ min: 0, max: PORTS - 1 }), fc.integer({ min: 0, max: 3 }))
      .map(([proto, lo, span]): ServiceSpec => ({ proto, lo, hi: Math.min(PORTS - 1, lo + span), text: '' })),
    { maxLength: 5 },
  );
  // Protocols without ports hold every port, whatever the spec says.
  const holds = (specs: ServiceSpec[], proto: number, port: number) =>
    specs.some((s) => s.proto === proto && (proto === 50 || (s.lo <= port && port <= s.hi)));
  const universe = PROTOS.flatMap((proto) => Array.from({ length: PORTS }, (_, port) => [proto, port] as const));
  const bits = (specs: ServiceSpec[]) => universe.map(([proto, port]) => holds(specs, proto, port));
  const members = (set: ServiceSet) => universe.map(([proto, port]) => services.containsService(set, proto, port));

  it('union, intersect, subtract, isEmpty, isSubset and equals agree with enumeration', () => {
    fc.assert(
      fc.property(arbSpecs, arbSpecs, (la, lb) => {
        const [a, b] = [services.serviceSetOf(la), services.serviceSetOf(lb)];
        const [ba, bb] = [bits(la), bits(lb)];
        expect(members(a)).toEqual(ba);
        expect(members(services.union(a, b))).toEqual(ba.map((x, i) => x || bb[i]!));
        expect(members(services.intersect(a, b))).toEqual(ba.map((x, i) => x && bb[i]!));
        expect(members(services.subtract(a, b))).toEqual(ba.map((x, i) => x && !bb[i]!));
        expect(services.isEmpty(a)).toBe(!ba.includes(true));
        expect(services.isSubset(a, b)).toBe(ba.every((x, i) => !x || bb[i]));
        expect(services.equals(a, b)).toBe(ba.every((x, i) => x === bb[i]));
        expect(services.union(a, b)).toEqual(services.union(b, a));
      }),
      { seed: 31, numRuns: 200 },
    );
  });
});
