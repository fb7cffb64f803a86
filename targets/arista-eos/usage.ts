import { type CapacityResource, aclEntries, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { lineEntries } from './render-match.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'acl-entries-in',
    unit: 'ingress ACL entries (TCAM)',
    budget: 4096,
    source:
      "wardline's conservative default, not a vendor figure (no Arista page stating one was found): a Trident-class 7050X slice layout; `show hardware capacity` on the switch gives its own, to set under capacity:",
  },
  {
    name: 'acl-entries-out',
    unit: 'egress ACL entries (TCAM)',
    budget: 1024,
    source: "wardline's conservative default, not a vendor figure: egress TCAM is the smaller; `show hardware capacity` gives the switch's own",
  },
];

/** ACL rules as rendered: one per source prefix, destination prefix and port range (EOS lists take no object groups). */
export function aristaEosUsage(program: Program): PointUsage {
  if (program.kind !== 'acl') throw new Error(`arista-eos counts switch programs, not ${program.kind} programs`);
  // One placeholder per side: the rules of one prefix pair, which the count multiplies by the prefixes.
  return aclEntries(program, (line) => lineEntries(line, ['s'], ['d']).entries.length, { in: 'acl-entries-in', out: 'acl-entries-out' });
}
