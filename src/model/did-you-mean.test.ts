import { describe, expect, it } from 'vitest';
import { didYouMean as closestSpelling, editDistance } from '../model/did-you-mean.js';

describe('closestSpelling', () => {
  const zoneKeys = ['vlan', 'subnets', 'gateway', 'via', 'labels', 'isolation', 'description'];

  it('finds swaps, missing and extra letters, and case slips', () => {
    expect(closestSpelling('vlna', zoneKeys)).toBe('vlan');
    expect(closestSpelling('subnet', zoneKeys)).toBe('subnets');
    expect(closestSpelling('gateways', zoneKeys)).toBe('gateway');
    expect(closestSpelling('VIA', zoneKeys)).toBe('via');
    expect(closestSpelling('desc', zoneKeys)).toBe('description');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestSpelling('color', zoneKeys)).toBeUndefined();
    expect(closestSpelling('x', zoneKeys)).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
