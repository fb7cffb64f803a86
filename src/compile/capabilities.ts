import type { CapacityResource } from './capacity.js';

/** What a target can express. The compiler reports WL7xx when a policy needs more, instead of rendering less. */
export interface Capabilities {
  /** Stateful targets pass replies by connection state; stateless ones get return lines from the IR. */
  stateful: boolean;
  ipv6: boolean;
  /** Named address (and service) sets referenced from lines: object-groups, address objects, named sets. */
  objectGroups: boolean;
  /** A TCP match for packets of established connections (ACK/RST), needed for stateless return traffic. */
  established: boolean;
  /** Per-line logging of matches. */
  logging: boolean;
  /** IP protocols whose ports a rule can match; absent: every protocol with ports (TCP, UDP, SCTP). */
  portProtocols?: number[];
  /**
   * Set when the target tells zones apart by interface name to filter what their links send the device itself (Linux
   * routers): the longest name it takes. A zone then needs a VLAN (the default name derives from it) or `interface:`.
   */
  interfaceNameMax?: number;
  /**
   * What the device itself answers on a zone's link, where the platform decides rather than a filter: neighbour
   * discovery answered on every IPv6 interface (`ndAlways`), and the first-hop redundancy protocols it speaks (`fhrp`).
   * Absent: the target filters the link like any traffic (switch lists, Linux input chains).
   */
  link?: { ndAlways: boolean; fhrp: readonly ('vrrp' | 'hsrp' | 'varp' | 'vsx')[] };
  /**
   * The platform matches an IPv4 packet against IPv6 prefixes as the address in ::/96 (PAN-OS), so an IPv6 rule whose
   * both sides reach that space would also decide IPv4 packets.
   */
  ipv4InIpv6?: boolean;
  /**
   * What a pair or group of devices gets (`devices:` on the point): a configuration per device, with the zone's gateway
   * kept by one of `fhrp` in the listed families; `one-config` when the platform's own HA pair takes one configuration
   * (firewalls synchronise it) or the virtual address is not the configuration's (Linux: keepalived). Absent: refused.
   */
  pairs?: { fhrp: readonly ('vrrp' | 'hsrp' | 'varp' | 'vsx')[]; families: readonly (4 | 6)[] } | 'one-config';
  /**
   * Address objects that name a DNS name, resolved by the device itself (PAN-OS `fqdn`, FortiOS `type fqdn`): an
   * external known only by its name can be matched (model/dns-names.ts). Without them: WL713.
   */
  fqdnObjects: boolean;
  /** Blocking traffic between hosts of one VLAN (private VLAN, client isolation, port isolation). */
  portIsolation: boolean;
  /** Longest object / list / rule name the platform takes (the IR's names are at most 31 characters). */
  nameMax: number;
  /** Longest free-text comment or description kept; longer text is cut, with an ellipsis. */
  commentMax: number;
  /**
   * The resources the device fills with what wardline renders (TCAM entries, rules, objects), each with its default
   * budget and the source of the figure; a point's `capacity:` overrides a budget (WL711 when over, WL712 when unknown).
   */
  capacity: CapacityResource[];
  /** One line each: what the target cannot express and how wardline deals with it. */
  notes: string[];
}

/** A file a target renders, relative to the enforcement point's output directory. */
export interface RenderedFile {
  path: string;
  content: string;
}
