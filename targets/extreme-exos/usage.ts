import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { serviceConditions } from './entries.js';
import { zoneOwnTraffic } from './render-policy.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'acl-rules-in',
    unit: 'ingress ACL rules',
    budget: 4096,
    source:
      'ExtremeSwitching X460-G2: 16 slices of 256 ingress rules per group of 48 ports, 4,096 in all; every VLAN policy of the switch counts against the one figure, as a port group carrying all the VLANs must hold them all (Extreme, ExtremeXOS User Guide, ACL Slices and Rules, https://documentation.extremenetworks.com/exos_32.6.3/GUID-F5BE2004-00E2-46A9-BC4F-B28B2516F62B.shtml)',
  },
  {
    name: 'acl-rules-out',
    unit: 'egress ACL rules',
    budget: 1024,
    source: 'ExtremeSwitching X460-G2: 4 slices of 256 egress rules per group of 48 ports, 1,024 in all (same Extreme page)',
  },
];

/**
 * Policy entries as `renderPolicy` writes them, which are the rules the switch installs: ingress policies (in lists)
 * and egress policies (out lists) fill separate slices. IPv4 lists only, as rendered.
 */
export function extremeExosUsage(program: Program): PointUsage {
  if (program.kind !== 'acl') throw new Error(`extreme-exos counts switch programs, not ${program.kind} programs`);
  const sizes = new Map(program.objects.map((o) => [o.name, o.prefixes.length]));
  const size = (name: string) => (name === 'any' ? 1 : (sizes.get(name) ?? 0));
  const usage: PointUsage = { 'acl-rules-in': emptyUse(), 'acl-rules-out': emptyUse() };
  for (const list of program.lists.filter((l) => l.family === 4)) {
    const use = usage[list.direction === 'in' ? 'acl-rules-in' : 'acl-rules-out']!;
    const zone = program.interfaces.find((z) => z.zone === list.zone);
    const own = zone && !zone.isolation ? zoneOwnTraffic(zone).length : 0;
    addUse(use, `zone ${list.zone}`, own);
    for (const line of list.lines) {
      // As rendered: the zone's own traffic above already passes what a segment line would.
      if (own && line.provenance.kind === 'segment' && !line.provenance.gateways) continue;
      addUse(use, intentKey(line.provenance), size(line.src) * size(line.dst) * serviceConditions(line, program.tcpReplyFlags ?? []).length);
    }
  }
  return usage;
}
