import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  V4_LAST,
  V6_FIRST,
  V6_LAST,
  addressKey,
  formatAddress,
  formatKey,
  formatPrefix,
  keyFamily,
  keyValue,
  parseAddress,
  parsePrefix,
  prefixBounds,
  prefixContains,
  prefixesOverlap,
  rangeToPrefixes,
  type Prefix,
} from './address.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.prefix;
}

function errorOf(text: string): string | undefined {
  const parsed = parsePrefix(text);
  return 'error' in parsed ? parsed.error : undefined;
}

describe('parseAddress', () => {
  it('reads dotted-quad IPv4', () => {
    expect(parseAddress('10.20.1.5')).toEqual({ family: 4, value: 0x0a140105n });
    expect(parseAddress('0.0.0.0')).toEqual({ family: 4, value: 0n });
    expect(parseAddress('255.255.255.255')).toEqual({ family: 4, value: V4_LAST });
  });

  it('refuses IPv4 shorthand, octal, hex and out-of-range parts', () => {
    for (const bad of ['10.1', '10.0.1', '010.0.0.1', '10.0.0.01', '0x0a.0.0.1', '256.0.0.1', '1.2.3.4.5', '', ' 10.0.0.1', '10.0.0.1 ']) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });

  it('reads every RFC 4291 IPv6 text form', () => {
    expect(parseAddress('::')).toEqual({ family: 6, value: 0n });
    expect(parseAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseAddress('FD00:0:0:0:0:0:0:1')).toEqual({ family: 6, value: (0xfd00n << 112n) | 1n });
    expect(parseAddress('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ family: 6, value: V6_LAST - V6_FIRST });
    expect(parseAddress('::ffff:10.0.0.1')).toEqual({ family: 6, value: (0xffffn << 32n) | 0x0a000001n });
    expect(parseAddress('1:2:3:4:5:6:1.2.3.4')?.family).toBe(6);
  });

  it('refuses zone ids, malformed IPv6 and a sloppy embedded IPv4', () => {
    for (const bad of ['fe80::1%eth0', '1::2::3', '1:2:3:4:5:6:7:8:9', '::00001', '::ffff:010.0.0.1', '::ffff:1.2.3', 'fd00::g']) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });
});

describe('parsePrefix', () => {
  it('reads prefixes and makes bare addresses host prefixes', () => {
    expect(parsePrefix('10.20.0.0/22')).toEqual({ prefix: { family: 4, network: 0x0a140000n, length: 22 }, hostBitsSet: false });
    expect(parsePrefix('10.50.10.20')).toEqual({ prefix: { family: 4, network: 0x0a320a14n, length: 32 }, hostBitsSet: false });
    expect(parsePrefix('fd00:20::/64')).toEqual({ prefix: { family: 6, network: 0xfd000020n << 96n, length: 64 }, hostBitsSet: false });
    expect(parsePrefix('fd00::1')).toEqual({ prefix: { family: 6, network: (0xfd00n << 112n) | 1n, length: 128 }, hostBitsSet: false });
    expect(parsePrefix('0.0.0.0/0')).toEqual({ prefix: { family: 4, network: 0n, length: 0 }, hostBitsSet: false });
  });

  it('clears host bits and says they were set', () => {
    expect(parsePrefix('10.20.1.7/24')).toEqual({ prefix: { family: 4, network: 0x0a140100n, length: 24 }, hostBitsSet: true });
    expect(parsePrefix('fd00::1/64')).toEqual({ prefix: { family: 6, network: 0xfd00n << 112n, length: 64 }, hostBitsSet: true });
  });

  it('says in plain words what is wrong', () => {
    expect(errorOf('10.0.0.0/33')).toBe('prefix length 33 is too long for IPv4 (at most 32)');
    expect(errorOf('fd00::/129')).toBe('prefix length 129 is too long for IPv6 (at most 128)');
    expect(errorOf('10.0.0.0/x')).toBe('prefix length "x" is not a number');
    expect(errorOf('10.0.0.0/')).toBe('prefix length "" is not a number');
    expect(errorOf('10.0.0.0/24/1')).toBe('"10.0.0.0/24/1" has more than one "/"');
    expect(errorOf('10.1/16')).toContain('"10.1" is not a valid IPv4 address');
    expect(errorOf('fe80::1%eth0')).toBe('"fe80::1%eth0" has a zone id (%eth0); zone ids are not allowed');
    expect(errorOf('fd00::zz/64')).toBe('"fd00::zz" is not a valid IPv6 address');
    expect(errorOf('pumps')).toBe('"pumps" is not an IPv4 or IPv6 address');
    expect(errorOf('')).toBe('the address is empty');
  });
});

describe('formatting', () => {
  it('prints IPv6 in RFC 5952 form', () => {
    const cases: [string, string][] = [
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['fd00:0020:0000:0000:0000:0000:0000:0001', 'fd00:20::1'],
      ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ];
    for (const [input, canonical] of cases) {
      const address = parseAddress(input)!;
      expect(formatAddress(address.family, address.value), input).toBe(canonical);
    }
  });

  it('prints prefixes with their length and keys as addresses', () => {
    expect(formatPrefix(prefix('10.20.1.7/24'))).toBe('10.20.1.0/24');
    expect(formatPrefix(prefix('10.50.10.20'))).toBe('10.50.10.20/32');
    expect(formatPrefix(prefix('fd00:20::1'))).toBe('fd00:20::1/128');
    expect(formatKey(addressKey(4, 0x0a000001n))).toBe('10.0.0.1');
    expect(formatKey(addressKey(6, 1n))).toBe('::1');
  });
});

describe('unified keys and prefix relations', () => {
  it('puts IPv6 after IPv4 in one key space', () => {
    expect(addressKey(6, 0n)).toBe(V6_FIRST);
    expect(keyFamily(V4_LAST)).toBe(4);
    expect(keyFamily(V6_FIRST)).toBe(6);
    expect(keyValue(V6_FIRST + 5n)).toBe(5n);
    expect(prefixBounds(prefix('10.0.0.0/8'))).toEqual([0x0a000000n, 0x0affffffn]);
    expect(prefixBounds(prefix('::/0'))).toEqual([V6_FIRST, V6_LAST]);
  });

  it('contains and overlaps only within a family', () => {
    expect(prefixContains(prefix('10.20.0.0/22'), prefix('10.20.1.0/24'))).toBe(true);
    expect(prefixContains(prefix('10.20.1.0/24'), prefix('10.20.0.0/22'))).toBe(false);
    expect(prefixContains(prefix('10.20.0.0/22'), prefix('10.20.4.0/24'))).toBe(false);
    expect(prefixContains(prefix('0.0.0.0/0'), prefix('::/128'))).toBe(false);
    expect(prefixesOverlap(prefix('10.20.1.0/24'), prefix('10.20.0.0/22'))).toBe(true);
    expect(prefixesOverlap(prefix('10.20.1.0/24'), prefix('10.20.2.0/24'))).toBe(false);
    expect(prefixesOverlap(prefix('::/0'), prefix('fd00::/8'))).toBe(true);
  });
});

describe('rangeToPrefixes', () => {
  it('covers concrete ranges with the fewest prefixes', () => {
    const cover = (lo: string, hi: string) =>
      rangeToPrefixes(prefixBounds(prefix(lo))[0], prefixBounds(prefix(hi))[0]).map(formatPrefix);
    expect(cover('10.0.0.0', '10.0.0.255')).toEqual(['10.0.0.0/24']);
    expect(cover('10.0.0.1', '10.0.0.6')).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(cover('0.0.0.0', '255.255.255.255')).toEqual(['0.0.0.0/0']);
    expect(cover('fd00::', 'fd00::ffff')).toEqual(['fd00::/112']);
    expect(rangeToPrefixes(0n, V6_LAST).map(formatPrefix)).toEqual(['0.0.0.0/0', '::/0']);
    expect(rangeToPrefixes(V4_LAST - 1n, V6_FIRST + 1n).map(formatPrefix)).toEqual(['255.255.255.254/31', '::/127']);
    expect(rangeToPrefixes(5n, 4n)).toEqual([]);
  });

  // Fewest aligned blocks by dynamic programming, an independent check of the greedy cover.
  function fewestBlocks(lo: bigint, hi: bigint): number {
    const best = new Map<bigint, number>([[hi + 1n, 0]]);
    for (let x = hi; x >= lo; x--) {
      const base = x >= V6_FIRST ? V6_FIRST : 0n;
      const familyEnd = x >= V6_FIRST ? V6_LAST : V4_LAST;
      let min = Infinity;
      for (let size = 1n; (x - base) % size === 0n && x + size - 1n <= hi && x + size - 1n <= familyEnd; size *= 2n) {
        min = Math.min(min, 1 + best.get(x + size)!);
      }
      best.set(x, min);
    }
    return best.get(lo)!;
  }

  it('covers exactly the interval, in order, with the fewest prefixes (property)', () => {
    const anchors = [0n, 1000n, V4_LAST - 300n, V6_FIRST - 150n, V6_FIRST + 4096n, V6_LAST - 300n];
    const interval = fc
      .record({ anchor: fc.constantFrom(...anchors), start: fc.integer({ min: 0, max: 300 }), span: fc.integer({ min: 0, max: 300 }) })
      .map(({ anchor, start, span }) => {
        const lo = anchor + BigInt(start);
        const hi = lo + BigInt(span);
        return [lo, hi > V6_LAST ? V6_LAST : hi] as const;
      });
    fc.assert(
      fc.property(interval, ([lo, hi]) => {
        const prefixes = rangeToPrefixes(lo, hi);
        let next = lo;
        for (const p of prefixes) {
          const [first, last] = prefixBounds(p);
          expect(first).toBe(next);
          expect(p.network & ((1n << BigInt((p.family === 4 ? 32 : 128) - p.length)) - 1n)).toBe(0n);
          next = last + 1n;
        }
        expect(next).toBe(hi + 1n);
        expect(prefixes.length).toBe(fewestBlocks(lo, hi));
      }),
      { seed: 4242, numRuns: 150 },
    );
  });
});

describe('parseAddress, IPv4 without ipaddr.js', () => {
  it('takes and refuses dotted quads exactly as ipaddr.js does', () => {
    const reference = (text: string) =>
      ipaddr.IPv4.isValidFourPartDecimal(text) ? BigInt(ipaddr.IPv4.parse(text).toByteArray().reduce((acc, o) => acc * 256 + o, 0)) : undefined;
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '1000', '', 'x', '0x1'));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 1, maxLength: 5 }), (octets) => {
        const text = octets.join('.');
        const parsed = parseAddress(text);
        expect(parsed?.family === 4 ? parsed.value : undefined, text).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    expect(parseAddress('255.255.255.255')).toEqual({ family: 4, value: V4_LAST });
  });

  it('gives the same answer for a text asked twice (parsed once, shared)', () => {
    expect(parsePrefix('10.1.2.3/8')).toBe(parsePrefix('10.1.2.3/8'));
    expect(parsePrefix('10.1.2.3/8')).toEqual({ prefix: { family: 4, network: 10n << 24n, length: 8 }, hostBitsSet: true });
  });
});
