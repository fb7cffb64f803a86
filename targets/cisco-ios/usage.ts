import { type CapacityResource, aclEntries, addUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
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
  const usage = aclEntries(program, (line) => lineEntries(line).entries.length, { both: 'acl-entries' });
  // Each IPv6 isolation list ends with an explicit `deny ipv6 any any` (render-isolation.ts): one entry more.
  for (const iface of program.interfaces) {
    const v6 = iface.isolation?.families.some((f) => f.family === 6);
    if (v6) addUse(usage['acl-entries']!, intentKey({ kind: 'isolation', id: iface.zone }), 1);
  }
  return usage;
}
