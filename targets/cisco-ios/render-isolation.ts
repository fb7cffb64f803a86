import { provenanceText } from '../../src/compile/ir-text.js';
import type { AclLine, ZoneInterface } from '../../src/compile/ir.js';
import { REMARK_MAX } from './render-acl.js';
import { cliName, wrapText } from './escape.js';
import { lineEntries } from './render-match.js';

/**
 * Port isolation as a VLAN access map (VACL) on the zone's VLAN: one list per family matches what the map drops. In a
 * VLAN map a list's `permit` means "this entry matches" and its `deny` means "no match, next entry", so the IR's lines
 * keep their order with the sense turned: what isolation forwards (link services, neighbour discovery, the gateway) is
 * denied in the list ahead of what it drops (between the zone's hosts, link-local, broadcast and multicast), which is
 * permitted; the map's last entry forwards the rest. The IPv6 list ends with an explicit deny, which replaces the
 * implicit nd-na/nd-ns permits every IPv6 list ends with (Cisco's IPv6 ACL command reference).
 */
export function renderIsolation(iface: ZoneInterface): string[] {
  const iso = iface.isolation;
  if (!iso || iface.vlan === undefined) return [];
  const map = cliName(iso.name);
  const out = [
    `! zone ${cliName(iface.zone)}: port isolation. The VLAN map drops IP between the zone's hosts that this switch`,
    '! switches, link-local, broadcast and multicast included (the gateway, DHCP and neighbour discovery stay).',
    '! Hosts that meet on a downstream access switch never reach it: isolate their ports there too.',
  ];
  for (const f of iso.families) {
    out.push(f.family === 4 ? `ip access-list extended ${cliName(f.list)}` : `ipv6 access-list ${cliName(f.list)}`);
    let said: AclLine['provenance'] | undefined;
    for (const line of f.lines) {
      if (line.provenance !== said) out.push(...wrapText(provenanceText(line.provenance), REMARK_MAX).map((t) => ` remark ${t}`));
      said = line.provenance;
      const { entries } = lineEntries({ ...line, action: line.action === 'permit' ? 'deny' : 'permit' });
      for (const entry of entries) out.push(` ${entry}`);
    }
    // An IPv6 list ends with implicit nd-na/nd-ns permits, which in a drop entry would drop neighbour discovery the
    // lines above do not name (to addresses off the zone): an explicit end makes everything else "no match".
    if (f.family === 6) out.push(' remark the rest is not dropped (no implicit nd-na/nd-ns match)', ' deny ipv6 any any');
  }
  let seq = 0;
  for (const f of iso.families) {
    out.push(`vlan access-map ${map} ${(seq += 10)}`, ` match ${f.family === 4 ? 'ip' : 'ipv6'} address ${cliName(f.list)}`, ' action drop');
  }
  out.push(`vlan access-map ${map} ${(seq += 10)}`, ' action forward', `vlan filter ${map} vlan-list ${iface.vlan}`);
  return out;
}
