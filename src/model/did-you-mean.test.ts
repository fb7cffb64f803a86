import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean as closestSpelling, editDistance } from '../model/did-you-mean.js';

/** The textbook full-matrix optimal string alignment distance, to hold the banded one to. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

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

  it('gives the exact distance up to the bound and bound + 1 past it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.nat(8), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(fullDistance(a, b), max + 1));
        expect(editDistance(a, b)).toBe(fullDistance(a, b));
      }),
      { seed: 1713, numRuns: 2000 },
    );
  });

  it('answers at once for absurdly long words, which are no typo of any name', () => {
    const names = Array.from({ length: 50 }, (_, i) => `group-${i}-${'x'.repeat(i)}`);
    const start = performance.now();
    expect(closestSpelling('a'.repeat(100_000), names)).toBeUndefined();
    expect(closestSpelling(`group-7-${'x'.repeat(100)}`, names)).toBeUndefined();
    // The bound, not the length of the texts, decides the cost of one comparison.
    expect(editDistance('a'.repeat(5_000), 'b'.repeat(5_000), 3)).toBe(4);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
