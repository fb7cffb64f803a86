import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { WrittenPrefix } from '../model/policy.js';
import { prefixBounds } from '../net/address.js';
import type { Check } from './check.js';

interface Subnet {
  zone: string;
  subnet: WrittenPrefix;
  lo: bigint;
  hi: bigint;
}

export const zoneOverlap: Check = {
  code: 'WL402',
  name: 'zone-overlap',
  severity: 'error',
  description: 'Two zones claim overlapping subnets.',
  run: ({ policy }) => {
    const subnets: Subnet[] = [...policy.zones.values()].flatMap((z) =>
      z.subnets.map((subnet) => {
        const [lo, hi] = prefixBounds(subnet.prefix);
        return { zone: z.name, subnet, lo, hi };
      }),
    );
    // Prefixes nest or are disjoint: after sorting (start, widest first) each one overlaps only its enclosing chain.
    subnets.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : a.hi < b.hi ? 1 : 0));
    const out: Diagnostic[] = [];
    const chain: Subnet[] = [];
    for (const s of subnets) {
      while (chain.length > 0 && chain[chain.length - 1]!.hi < s.lo) chain.pop();
      const other = [...chain].reverse().find((c) => c.zone !== s.zone);
      if (other) {
        out.push(
          diagnostic(
            'WL402',
            'error',
            `subnet ${s.subnet.text} of zone "${s.zone}" overlaps ${other.subnet.text} of zone "${other.zone}"`,
            s.subnet.loc,
            {
              hint: 'An address belongs to exactly one zone: split the subnets so that no two zones share an address.',
              related: [related(`zone "${other.zone}" claims ${other.subnet.text} here`, other.subnet.loc)],
            },
          ),
        );
      }
      chain.push(s);
    }
    return out;
  },
};
