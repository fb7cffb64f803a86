import { describe, expect, it } from 'vitest';
import { formatKey, parsePrefix, prefixBounds } from './address.js';
import { exampleHostPicker } from './example-host.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';

const set = (...texts: string[]): IntervalSet =>
  iv.fromIntervals(
    texts.map((t) => {
      const parsed = parsePrefix(t);
      if ('error' in parsed) throw new Error(parsed.error);
      return prefixBounds(parsed.prefix);
    }),
  );
const pick = (shunned: IntervalSet, ...texts: string[]) => formatKey(exampleHostPicker(shunned)(set(...texts)));

describe('exampleHostPicker', () => {
  // A guest zone 172.20.0.0/16 with gateway 172.20.0.1, as the plan passes it: gateway, network and broadcast.
  const guest = set('172.20.0.0/32', '172.20.0.1/32', '172.20.255.255/32');

  it('passes over the gateway and the network address of a zone', () => {
    expect(pick(guest, '172.20.0.0/16')).toBe('172.20.0.2');
    expect(pick(iv.EMPTY, '172.20.0.0/16')).toBe('172.20.0.1');
  });

  it('takes a public unicast address for the world outside the zones, never "this network" 0.0.0.0/8', () => {
    expect(pick(iv.EMPTY, '0.0.0.0/5')).toBe('1.0.0.1');
    // Only private, shared, documentation and benchmarking space before 203.0.114.0.
    expect(pick(iv.EMPTY, '10.0.0.0/8', '100.64.0.0/10', '198.18.0.0/15', '203.0.113.0/24', '203.0.114.0/24')).toBe('203.0.114.1');
  });

  it('takes global unicast IPv6 (2000::/3 less documentation and 6to4), never ::, fe80::/10 or ULA', () => {
    expect(pick(iv.EMPTY, '::/1')).toBe('2000::1');
    expect(pick(iv.EMPTY, 'fc00::/7', '2001:db8::/32', '2002::/16', '2400::/12')).toBe('2400::1');
  });

  it('takes a private host when the set has no public one, passing over reserved addresses', () => {
    expect(pick(iv.EMPTY, '0.0.0.0/8', '10.20.0.0/22')).toBe('10.20.0.1');
    expect(pick(iv.EMPTY, '::/128', 'fe80::/10', 'fd00:20::/64')).toBe('fd00:20::1');
  });

  it('falls back to link-local, then to a shunned address, when the set holds nothing else', () => {
    expect(pick(iv.EMPTY, 'fe80::/10')).toBe('fe80::1');
    expect(pick(guest, '172.20.0.1/32')).toBe('172.20.0.1');
    expect(pick(iv.EMPTY, '0.0.0.0/32')).toBe('0.0.0.0');
  });

  it('always picks a member of the set', () => {
    const picker = exampleHostPicker(guest);
    for (const texts of [['172.20.0.0/31'], ['0.0.0.0/8', '172.20.255.255/32'], ['10.0.0.0/8', '8.8.8.8/32'], ['ff02::/16']]) {
      const keys = set(...texts);
      expect(iv.contains(keys, picker(keys))).toBe(true);
    }
  });
});
