import { describe, expect, it } from 'vitest';
import { parseAddress, parsePrefix, addressKey, V6_FIRST } from './address.js';
import { ALL_ADDRESSES, addressSetOf, formatAddressSet } from './address-set.js';
import * as iv from './interval-set.js';
import * as ps from './packet-set.js';
import { parseServiceSpec, type ServiceSpec } from './service.js';
import { formatServiceSet } from './service-set.js';

const addresses = (...texts: string[]) =>
  addressSetOf(
    texts.map((t) => {
      const parsed = parsePrefix(t);
      if ('error' in parsed) throw new Error(parsed.error);
      return parsed.prefix;
    }),
  );
const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const svc = (...texts: string[]) => ps.serviceSetOf(texts.map((t) => parseServiceSpec(t) as ServiceSpec));
const packet = (src: string, dst: string, proto: number, port: number): ps.Packet => ({ src: key(src), dst: key(dst), proto, port });

const pumps = addresses('10.20.1.0/24', 'fd00:20::/64');
const server = addresses('10.50.10.20', 'fd00:50::20');

describe('between', () => {
  const set = ps.between(pumps, server, svc('tcp/443', 'icmp/echo-request', 'icmpv6/echo-request'));

  it('holds same-family pairs with the wanted services', () => {
    expect(ps.contains(set, packet('10.20.1.9', '10.50.10.20', 6, 443))).toBe(true);
    expect(ps.contains(set, packet('fd00:20::9', 'fd00:50::20', 6, 443))).toBe(true);
    expect(ps.contains(set, packet('10.20.1.9', '10.50.10.20', 6, 80))).toBe(false);
    expect(ps.contains(set, packet('10.20.2.9', '10.50.10.20', 6, 443))).toBe(false);
  });

  it('drops mixed-family pairs and the other family’s ICMP', () => {
    expect(ps.contains(set, packet('10.20.1.9', 'fd00:50::20', 6, 443))).toBe(false);
    expect(ps.contains(set, packet('fd00:20::9', '10.50.10.20', 6, 443))).toBe(false);
    expect(ps.contains(set, packet('10.20.1.9', '10.50.10.20', 1, 8 * 256))).toBe(true);
    expect(ps.contains(set, packet('10.20.1.9', '10.50.10.20', 58, 128 * 256))).toBe(false);
    expect(ps.contains(set, packet('fd00:20::9', 'fd00:50::20', 58, 128 * 256))).toBe(true);
    expect(ps.contains(set, packet('fd00:20::9', 'fd00:50::20', 1, 8 * 256))).toBe(false);
  });

  it('is empty when no pair shares a family or no service is left', () => {
    expect(ps.isEmpty(ps.between(addresses('10.0.0.0/8'), addresses('fd00::/8'), ps.ALL_SERVICES))).toBe(true);
    expect(ps.isEmpty(ps.between(addresses('10.0.0.0/8'), addresses('10.0.0.0/8'), svc('icmpv6/any')))).toBe(true);
    expect(ps.isEmpty(ps.between(iv.EMPTY, ALL_ADDRESSES, ps.ALL_SERVICES))).toBe(true);
  });

  it('gives protocols without ports every port', () => {
    const esp = ps.between(pumps, server, svc('proto/50'));
    expect(ps.contains(esp, packet('10.20.1.9', '10.50.10.20', 50, 0))).toBe(true);
    expect(ps.contains(esp, packet('10.20.1.9', '10.50.10.20', 50, 65535))).toBe(true);
    expect(ps.equals(esp, ps.between(pumps, server, ps.serviceSetOf([{ proto: 50, lo: 7, hi: 7, text: 'odd' }])))).toBe(true);
  });
});

describe('boxes, projections and examples', () => {
  const https = ps.between(pumps, server, svc('tcp/443'));
  const dns = ps.between(addresses('10.20.0.0/22'), addresses('10.50.0.53'), svc('udp/53'));
  const both = ps.union(https, dns);

  it('lists disjoint boxes: sources with the same reach together, then destinations by service', () => {
    const shown = ps
      .boxes(both)
      .map((b) => `${formatAddressSet(b.src)} → ${formatAddressSet(b.dst)} ${formatServiceSet(b.services)}`);
    expect(shown).toEqual([
      '10.20.0.0/24, 10.20.2.0/23 → 10.50.0.53/32 udp/53',
      '10.20.1.0/24 → 10.50.0.53/32 udp/53',
      '10.20.1.0/24 → 10.50.10.20/32 tcp/443',
      'fd00:20::/64 → fd00:50::20/128 tcp/443',
    ]);
  });

  it('merges destinations that share services, and sources that share everything', () => {
    const a = ps.between(addresses('10.1.0.0/24'), addresses('10.9.0.1'), svc('tcp/22'));
    const b = ps.between(addresses('10.1.1.0/24'), addresses('10.9.0.1'), svc('tcp/22'));
    const c = ps.between(addresses('10.1.0.0/23'), addresses('10.9.0.2'), svc('tcp/22'));
    expect(ps.boxes(ps.unionAll([a, b, c]))).toHaveLength(1);
    expect(formatAddressSet(ps.boxes(ps.unionAll([a, b, c]))[0]!.dst)).toBe('10.9.0.1/32, 10.9.0.2/32');
  });

  it('projects onto sources, destinations and services', () => {
    expect(formatAddressSet(ps.sourcesOf(both))).toBe('10.20.0.0/22, fd00:20::/64');
    expect(formatAddressSet(ps.destinationsOf(both))).toBe('10.50.0.53/32, 10.50.10.20/32, fd00:50::20/128');
    expect(formatServiceSet(ps.servicesOf(both))).toBe('tcp/443, udp/53');
  });

  it('gives a deterministic example and prints it', () => {
    expect(ps.formatPacket(ps.example(https)!)).toBe('10.20.1.0 → 10.50.10.20 tcp/443');
    expect(ps.formatPacket(ps.example(both)!)).toBe('10.20.0.0 → 10.50.0.53 udp/53');
    expect(ps.formatPacket(ps.example(ps.between(server, pumps, ps.ALL_SERVICES))!)).toBe('10.50.10.20 → 10.20.1.0 tcp/1');
    expect(ps.formatPacket(ps.example(ps.between(pumps, server, svc('proto/47', 'icmp/3/4')))!)).toBe(
      '10.20.1.0 → 10.50.10.20 icmp/3/4',
    );
    expect(ps.formatPacket(ps.example(ps.between(pumps, server, svc('proto/47')))!)).toBe('10.20.1.0 → 10.50.10.20 proto/47');
    expect(ps.example(ps.EMPTY_PACKETS)).toBeUndefined();
  });

  it('covers every same-family packet with ALL_PACKETS', () => {
    expect(ps.contains(ps.ALL_PACKETS, { src: 0n, dst: V6_FIRST - 1n, proto: 255, port: 65535 })).toBe(true);
    expect(ps.contains(ps.ALL_PACKETS, { src: 0n, dst: V6_FIRST, proto: 6, port: 1 })).toBe(false);
    expect(ps.isSubset(both, ps.ALL_PACKETS)).toBe(true);
    expect(ps.isSubset(ps.ALL_PACKETS, both)).toBe(false);
  });
});

describe('scale', () => {
  // A deterministic generator, so the sets are the same on every run.
  function random(seed: number) {
    let s = seed;
    return (n: number) => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) % n;
    };
  }
  const specs = ['tcp/443', 'tcp/22', 'udp/53', 'udp/123', 'tcp/2575', 'icmp/echo-request', 'tcp/8000-8080', 'tcp/any'];
  const groups = Array.from({ length: 300 }, (_, i) => iv.single(0x0a000000n + BigInt(i) * 256n, 0x0a000000n + BigInt(i) * 256n + 255n));
  const flows = (rnd: (n: number) => number, n: number) =>
    Array.from({ length: n }, () =>
      ps.between(
        rnd(20) === 0 ? ALL_ADDRESSES : groups[rnd(groups.length)]!,
        groups[rnd(groups.length)]!,
        svc(specs[rnd(specs.length)]!, specs[rnd(specs.length)]!),
      ),
    );

  it('intersects and subtracts sets of about a thousand boxes, exactly', () => {
    const rnd = random(99);
    const [fa, fb] = [flows(rnd, 800), flows(rnd, 800)];
    const [a, b] = [ps.unionAll(fa), ps.unionAll(fb)];
    expect(ps.boxes(a).length).toBeGreaterThan(500);
    const both = ps.intersect(a, b);
    const onlyA = ps.subtract(a, b);
    for (let k = 0; k < 100; k++) {
      const p = { src: groups[rnd(300)]![0]![0] + 7n, dst: groups[rnd(300)]![0]![0] + 9n, proto: 6, port: [22, 443, 8080, 9][rnd(4)]! };
      const [inA, inB] = [fa.some((f) => ps.contains(f, p)), fb.some((f) => ps.contains(f, p))];
      expect(ps.contains(a, p)).toBe(inA);
      expect(ps.contains(both, p)).toBe(inA && inB);
      expect(ps.contains(onlyA, p)).toBe(inA && !inB);
    }
    expect(ps.equals(ps.union(both, onlyA), a)).toBe(true);
  });
});
