import type { ZoneInterface } from '../../src/compile/ir.js';

/** A host prefix is written as the bare address; other prefixes as address/length. */
function address(prefix: string): string {
  return /\/(32|128)$/.test(prefix) ? prefix.replace(/\/\d+$/, '') : prefix;
}

/**
 * Port isolation as VLAN ACLs (applied `in` on the VLAN, so they also see switched packets): IP to or from the
 * gateway passes, IP between the zone's hosts is denied, everything else passes on to the routed ACLs.
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
    const bodies = [
      ...f.gateways.flatMap((g) => [`permit any ${address(g)} any`, `permit any any ${address(g)}`]),
      ...f.hosts.flatMap((s) => f.hosts.map((d) => `deny any ${address(s)} ${address(d)}`)),
      'permit any any any',
    ];
    bodies.forEach((b, i) => out.push(`    ${(i + 1) * 10} ${b}`));
  }
  return out;
}

/** The VLAN context lines binding the isolation ACLs. */
export function isolationBindings(z: ZoneInterface): string[] {
  return (z.isolation?.families ?? []).map((f) => `    apply access-list ${f.family === 4 ? 'ip' : 'ipv6'} ${f.list} in`);
}
