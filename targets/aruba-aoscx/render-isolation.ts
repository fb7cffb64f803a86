import { provenanceText } from '../../src/compile/ir-text.js';
import type { ZoneInterface } from '../../src/compile/ir.js';
import { aceBodies } from './ace.js';
import { lineText } from './escape.js';
import { COMMENT_MAX } from './render-acl.js';

/**
 * Port isolation as VLAN ACLs (applied `in` on the VLAN, so they also see switched packets), in the IR's order, first
 * match wins: what isolation keeps (link services, neighbour discovery, the gateway) is permitted, IP between the
 * zone's stations (its subnets, link-local, broadcast, multicast) denied, and the rest permitted on to the routed ACLs.
 */
export function renderIsolationAcls(z: ZoneInterface): string[] {
  const iso = z.isolation;
  if (!iso || z.vlan === undefined) return [];
  const out = [
    `! ${iso.name}: port isolation of zone ${z.zone}, applied to VLAN ${z.vlan}. It sees what this switch switches:`,
    '! hosts that meet on a downstream access switch never reach it, so isolate their ports there too.',
  ];
  for (const f of iso.families) {
    out.push(`access-list ${f.family === 4 ? 'ip' : 'ipv6'} ${f.list}`);
    let seq = 0;
    for (const line of f.lines) {
      const comment = lineText(provenanceText(line.provenance), COMMENT_MAX);
      for (const body of aceBodies(line)) {
        seq += 10;
        out.push(`    ${seq} comment ${comment}`, `    ${seq} ${body}`);
      }
    }
    out.push(`    ${seq + 10} permit any any any`);
  }
  return out;
}

/** The VLAN context lines binding the isolation ACLs. */
export function isolationBindings(z: ZoneInterface): string[] {
  return (z.isolation?.families ?? []).map((f) => `    apply access-list ${f.family === 4 ? 'ip' : 'ipv6'} ${f.list} in`);
}
