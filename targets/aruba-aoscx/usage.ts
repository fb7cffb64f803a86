import { type CapacityResource, aclEntries, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { aceBodies } from './ace.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'acl-entries-in',
    unit: 'ingress ACL entries (TCAM)',
    budget: 4096,
    source:
      "wardline's conservative default, not a vendor figure (no HPE Aruba page stating one for the 6300/6400 was found): `show capacities` and `show capacities-status` on the switch give its own, to set under capacity:; object-group ACEs take one entry per member pair",
  },
  {
    name: 'acl-entries-out',
    unit: 'egress ACL entries (TCAM)',
    budget: 1024,
    source: "wardline's conservative default, not a vendor figure: `show capacities` gives the switch's own",
  },
];

/** ACEs as the switch's TCAM holds them: each rendered ACE once per member of each object group it names. */
export function arubaAoscxUsage(program: Program): PointUsage {
  if (program.kind !== 'acl') throw new Error(`aruba-aoscx counts switch programs, not ${program.kind} programs`);
  return aclEntries(program, (line) => aceBodies(line).length, { in: 'acl-entries-in', out: 'acl-entries-out' });
}
