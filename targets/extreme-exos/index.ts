import type { Capabilities, RenderedFile } from '../../src/compile/capabilities.js';
import type { Program } from '../../src/compile/ir.js';
import type { Target } from '../target.js';
import { exosNames, NAME_MAX } from './escape.js';
import { COMMENT_MAX, renderPolicy } from './render-policy.js';
import { renderScript } from './render-script.js';

const capabilities: Capabilities = {
  stateful: false,
  ipv6: false,
  objectGroups: false,
  established: true,
  logging: true,
  pairs: { fhrp: ['vrrp'], families: [4] },
  portIsolation: false,
  nameMax: NAME_MAX,
  commentMax: COMMENT_MAX,
  notes: [
    'DHCP relay: ExtremeXOS keeps one relay server list per virtual router (`configure bootprelay add`), so zones of one switch that relay DHCP all relay to the union of their servers; relaying is enabled only on their VLANs.',
    'No object groups in policy entries: a line becomes one entry per source prefix x destination prefix x port range or ICMP type.',
    'TCP replies: two entries per reply line, tcp-flags ACK and tcp-flags RST, weaker than connection state.',
    'UDP replies use mirrored source ports, weaker than state; each such line is commented so.',
    'VLAN ACLs also see switched packets: each policy first permits traffic between the zone\'s own addresses (not to its gateway).',
    'Out lists bind as VLAN egress ACLs: egress takes fewer match conditions and, on some platforms (X695), misses untagged ports.',
    'IPv6 is not rendered: a VLAN takes one policy per direction, a policy is all IPv4 or all IPv6, and egress is IPv4 only.',
    'IPv6 packets on these VLANs are not matched by the IPv4 policies; entries always name an address, so they match IPv4 only.',
    'Port isolation is not rendered: isolation must also stop IPv6 link-local traffic between hosts (fe80::/10, which every IPv6 host has, in IPv4-only zones too), and a VLAN takes one policy per direction, all IPv4 or all IPv6; zones asking for it are refused (WL702). Isolate the access ports instead, or route the zone via a platform with a VLAN filter for both families.',
    "Names: EXOS object names take letters, digits and '_', so '-' in VLAN and policy names becomes '_'.",
  ],
};

/** Extreme EXOS: one IPv4 policy file per list, and a CLI script that creates the VLANs and binds the policies. */
export const extremeExosTarget: Target = {
  platform: 'extreme-exos',
  kind: 'acl',
  capabilities,
  render(program: Program): RenderedFile[] {
    if (program.kind !== 'acl') throw new Error(`extreme-exos renders stateless ACL programs, not ${program.kind} programs`);
    const names = exosNames([
      ...program.interfaces.flatMap((z) => [z.vlanName, ...z.acls.map((a) => a.name)]),
      ...program.lists.map((l) => l.name),
    ]);
    const vlanOf = new Map(program.interfaces.map((z) => [z.zone, names.get(z.vlanName)!]));
    const policies = program.lists
      .filter((l) => l.family === 4)
      .map((l) => ({ path: `${names.get(l.name)}.pol`, content: renderPolicy(program, l, names.get(l.name)!, vlanOf.get(l.zone) ?? l.zone) }));
    return [...policies, { path: 'setup.xsf', content: renderScript(program, names) }];
  },
};
