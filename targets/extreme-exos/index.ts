import type { Capabilities, RenderedFile } from '../../src/compile/capabilities.js';
import type { Program } from '../../src/compile/ir.js';
import type { Target } from '../target.js';
import { exosNames, NAME_MAX } from './escape.js';
import { COMMENT_MAX, renderPolicy } from './render-policy.js';
import { renderScript } from './render-script.js';
import { extremeExosReader } from './read.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { CAPACITY, extremeExosUsage } from './usage.js';

const capabilities: Capabilities = {
  stateful: false,
  ipv6: false,
  objectGroups: false,
  established: true,
  logging: true,
  pairs: { fhrp: ['vrrp'], families: [4] },
  fqdnObjects: false,
  portIsolation: false,
  nameMax: NAME_MAX,
  commentMax: COMMENT_MAX,
  capacity: CAPACITY,
  notes: [
    'DHCP relay: ExtremeXOS keeps one relay server list per virtual router (`configure bootprelay add`), so zones of one switch that relay DHCP all relay to the union of their servers; relaying is enabled only on their VLANs.',
    'No object groups in policy entries: a line becomes one entry per source prefix x destination prefix x port range or ICMP type.',
    'TCP replies: `tcp-flags` takes one value, a bit-field compared with the TCP flags (ExtremeXOS Concepts Guide, ACL match conditions, data type bit-field); no page says whether other bits may be set, and Extreme\'s own IOS-to-EXOS converter (extremenetworks/ExtremeScripting, EXOS/Perl/IOStoEXOSACL/aclconverter.pl) writes IOS `established` as six exact values. So each reply line is one entry per value a reply segment carries: RST, RST+ACK (0x14), SYN_ACK, ACK, PSH+ACK (0x18), FIN+ACK (0x11) and FIN+PSH+ACK (0x19, a close carrying the last data), correct whether EXOS compares the whole field or only the set bits. Segments with URG or ECN bits (ECE/CWR) are not passed back if EXOS compares the whole field; an ECN-asking client then falls back to a plain SYN after a retransmission timeout (RFC 3168 6.1.1.1). Weaker than connection state, as every stateless reply line.',
    'Logging (ExtremeXOS User Guide, ACL action modifiers): `log` writes only packets that reach the CPU, so logged ingress entries add `mirror-cpu` (ingress only) and `count` under the entry\'s name; each logged match is copied to the switch CPU. On egress, `count` does not work with `deny` on some platforms and `mirror-cpu` is not available: logged egress permits count, logged egress denies neither count nor log (the policy file says so).',
    'UDP replies use mirrored source ports, weaker than state; each such line is commented so.',
    'VLAN ACLs also see switched packets: each policy first permits traffic between the zone\'s own addresses (not to its gateway).',
    'Out lists bind as VLAN egress ACLs: egress takes fewer match conditions and, on some platforms (X695), misses untagged ports.',
    'IPv6 is not rendered: a VLAN takes one policy per direction, a policy is all IPv4 or all IPv6, and egress is IPv4 only.',
    'IPv6 packets on these VLANs are not matched by the IPv4 policies; entries always name an address, so they match IPv4 only.',
    'Port isolation is not rendered: isolation must also stop IPv6 link-local traffic between hosts (fe80::/10, which every IPv6 host has, in IPv4-only zones too), and a VLAN takes one policy per direction, all IPv4 or all IPv6; zones asking for it are refused (WL702). Isolate the access ports instead, or route the zone via a platform with a VLAN filter for both families.',
    "Names: EXOS object names take letters, digits and '_', so '-' in VLAN and policy names becomes '_'.",
    ...capacityNotes(CAPACITY),
  ],
};

/** Extreme EXOS: one IPv4 policy file per list, and a CLI script that creates the VLANs and binds the policies. */
export const extremeExosTarget: Target = {
  platform: 'extreme-exos',
  kind: 'acl',
  capabilities,
  usage: extremeExosUsage,
  reader: extremeExosReader,
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
