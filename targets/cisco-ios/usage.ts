import { type CapacityResource, aclEntries, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { lineEntries } from './render-match.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'acl-entries',
    unit: 'security ACL entries (TCAM, both directions)',
    budget: 5120,
    source:
      'Catalyst 9300 (UADP 2.0): 5,120 security access control entries for ingress and egress together, as `show platform hardware fed switch active fwd-asic resource tcam utilization` reports them (the command of Cisco document 217266, Validate Security ACLs on Catalyst 9000 Switches, section Verify ACL Scale); object-group ACEs are expanded into one entry per member pair',
  },
];

/** Security ACEs as the Catalyst's TCAM holds them: each rendered ACE once per member of each object group it names. */
export function ciscoIosUsage(program: Program): PointUsage {
  if (program.kind !== 'acl') throw new Error(`cisco-ios counts switch programs, not ${program.kind} programs`);
  return aclEntries(program, (line) => lineEntries(line).entries.length, { both: 'acl-entries' });
}
