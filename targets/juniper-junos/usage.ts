import { type CapacityResource, aclEntries, matchAlternatives, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'filter-entries-in',
    unit: 'ingress firewall filter entries (TCAM)',
    budget: 1536,
    source:
      'EX4650 / QFX5120: 1,536 ingress filter terms, applied in aggregate over port, VLAN and Layer 3 filters (Juniper, Planning the Number of Firewall Filters to Create, https://www.juniper.net/documentation/en_US/junos/topics/concept/firewall-filters-planning-numbers-map-qfx-series.html); a term with prefix lists and port lists takes one entry per combination',
  },
  {
    name: 'filter-entries-out',
    unit: 'egress firewall filter entries (TCAM)',
    budget: 2048,
    source: 'EX4650 / QFX5120: 2,048 egress filter terms, in aggregate (same Juniper page)',
  },
];

/**
 * Filter terms as the switch's TCAM holds them: a term naming prefix lists and several ports or ICMP types takes one
 * entry per source prefix, destination prefix and port or type.
 */
export function juniperJunosUsage(program: Program): PointUsage {
  if (program.kind !== 'acl') throw new Error(`juniper-junos counts switch programs, not ${program.kind} programs`);
  return aclEntries(program, matchAlternatives, { in: 'filter-entries-in', out: 'filter-entries-out' });
}
