import type { Capabilities } from '../target.js';
import { REMARK_MAX } from './render-acl.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { CAPACITY } from './usage.js';

export const aristaEosCapabilities: Capabilities = {
  stateful: false,
  ipv6: true,
  // EOS ACL rules take prefixes, not object groups: every object is expanded into one rule per prefix pair.
  objectGroups: false,
  established: true,
  logging: true,
  pairs: { fhrp: ['varp'], families: [4, 6] },
  fqdnObjects: false,
  portIsolation: false,
  // VLAN names take 32 characters, the tightest of the names used.
  nameMax: 32,
  commentMax: REMARK_MAX,
  capacity: CAPACITY,
  notes: [
    'No object groups in ACL rules: each IR line becomes one rule per source prefix x destination prefix x port range, so large objects multiply TCAM use.',
    'Stateless SVI access lists: TCP replies pass by `established` (ACK or RST set), which a crafted segment can also carry.',
    'UDP replies are matched by mirrored source ports, weaker than connection state; a remark in the output says so.',
    'Port isolation is not rendered: EOS filters with port ACLs and SVI ACLs but has no VLAN-wide ACL for switched traffic, and private VLANs need a secondary VLAN id and host ports the VLAN plan does not carry; zones asking for it are refused (WL702).',
    'SCTP ports are not matched: an SCTP port permit is left out (traffic stays denied) and an SCTP port deny is widened to all of SCTP, each with a remark.',
    "What the zone's link may send the switch (neighbour discovery, DHCP to the relay) comes first in each inbound list, from the zone's infrastructure, ahead of guardrails on link-local or multicast space and of the final deny.",
    'Egress (out) ACLs on SVIs, IPv6 ones especially, depend on the switch model and TCAM profile; check support before deploying.',
    'Free text keeps printable ASCII only, without `?` (CLI help), `!`, `|` or `>`; remarks are cut to 100 characters with `...`.',
    ...capacityNotes(CAPACITY),
  ],
};
