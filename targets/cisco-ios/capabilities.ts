import type { Capabilities } from '../target.js';
import { REMARK_MAX } from './render-acl.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { CAPACITY } from './usage.js';

export const ciscoIosCapabilities: Capabilities = {
  stateful: false,
  ipv6: true,
  objectGroups: true,
  established: true,
  logging: true,
  pairs: { fhrp: ['hsrp'], families: [4] },
  fqdnObjects: false,
  portIsolation: true,
  // VLAN names take 32 characters, the tightest of the names used (lists and object groups take more).
  nameMax: 32,
  commentMax: REMARK_MAX,
  capacity: CAPACITY,
  notes: [
    'IPv6: the configuration turns on `ipv6 unicast-routing` when a zone has an IPv6 gateway (IOS-XE routes IPv6 only with it; Cisco IOS XE IPv6 configuration guide, Implementing IPv6 Addressing and Basic Connectivity).',
    'Stateless SVI access lists: TCP replies pass by `established` (ACK or RST set), which a crafted segment can also carry.',
    'UDP replies are matched by mirrored source ports, weaker than connection state; a remark in the output says so.',
    'Port isolation is a VLAN access map on the zone\'s VLAN dropping IP between its stations, by their subnet, link-local (169.254.0.0/16, fe80::/10), unspecified, broadcast and multicast addresses, in both families even when the zone has IPv4 only (gateway, DHCP and neighbour discovery kept; a VLAN map list\'s deny means "not this entry", Cisco\'s VACL configuration guide): it filters only what this switch switches, so hosts on a downstream access switch need switchport protected there; non-IP (ARP) still passes.',
    'IPv4 lists have no sctp keyword: an SCTP port permit is left out (traffic stays denied) and an SCTP port deny is widened to all of SCTP, each with a remark.',
    "Every list ends with an explicit logged deny, which replaces IOS-XE's implicit end and its implicit nd-ns/nd-na permits: what the zone's link may send the switch (neighbour discovery, DHCP to the relay) comes first in each inbound list, from the zone's infrastructure.",
    'Free text keeps printable ASCII only, without `?` (CLI help) or `!`; remarks are cut to 100 characters with `...`.',
    'Logging uses the `log` keyword; IOS-XE rate-limits ACL log messages, so a flood is summarised, not logged packet by packet.',
    'Object-group ACEs are limited to 2048 per list on IOS-XE; object groups keep the list size proportional to intents, not to prefixes.',
    ...capacityNotes(CAPACITY),
  ],
};
