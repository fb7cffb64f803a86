import { describe, expect, it } from 'vitest';
import { V4_LAST, V6_FIRST, formatPrefix, parsePrefix, type Prefix } from './address.js';
import { ALL_ADDRESSES, V4_ADDRESSES, V6_ADDRESSES, addressSetOf, formatAddressSet, prefixesOf } from './address-set.js';
import * as iv from './interval-set.js';

const prefixes = (...texts: string[]): Prefix[] =>
  texts.map((t) => {
    const parsed = parsePrefix(t);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.prefix;
  });

describe('address sets', () => {
  it('join prefixes and give back the fewest covering prefixes', () => {
    const set = addressSetOf(prefixes('10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/25', 'fd00::/64', 'fd00:0:0:1::/64'));
    expect(prefixesOf(set).map(formatPrefix)).toEqual(['10.0.0.0/23', '10.0.2.0/25', 'fd00::/63']);
    expect(formatAddressSet(set)).toBe('10.0.0.0/23, 10.0.2.0/25, fd00::/63');
    expect(formatAddressSet(iv.EMPTY)).toBe('nothing');
  });

  it('split the key space into the two families', () => {
    expect(iv.intervals(V4_ADDRESSES)).toEqual([[0n, V4_LAST]]);
    expect(iv.first(V6_ADDRESSES)).toBe(V6_FIRST);
    expect(iv.equals(iv.union(V4_ADDRESSES, V6_ADDRESSES), ALL_ADDRESSES)).toBe(true);
    expect(formatAddressSet(ALL_ADDRESSES)).toBe('0.0.0.0/0, ::/0');
  });
});
