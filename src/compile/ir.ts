/**
 * The compiler's intermediate representation: per enforcement point, a vendor-neutral program that targets only
 * spell. Every decision (order, return traffic, aggregation, expiry, names) is made before this point.
 */

export type Family = 4 | 6;

/**
 * The intent a line comes from. `return` lines carry the flow whose replies they pass; `segment` lines pass traffic
 * between two subnets of one zone (`id`), which the policy treats as one segment although the device routes it.
 */
export interface Provenance {
  kind: 'flow' | 'guardrail' | 'exception' | 'return' | 'default' | 'segment' | 'infrastructure' | 'isolation' | 'monitor';
  /** For a monitor line: the monitored zone whose would-be-denied traffic it passes. */
  id?: string;
  /**
   * A monitor-mode line (a monitored zone's default, or a guardrail in monitor mode): it permits and logs what the
   * policy would deny, with this marker (model/monitor-marker.ts) where the platform carries text into its log.
   */
  monitor?: string;
  /** For an isolation line (id: the zone): what it keeps or drops on the zone's link (model/isolation.ts). */
  isolation?: 'link' | 'gateway' | 'hosts';
  /** For an exception: the guardrail the flow is excepted from. */
  guardrail?: string;
  /** For a segment line: it stops traffic to the zone's gateway addresses (the device itself) instead. */
  gateways?: true;
  file?: string;
  /** 1-based. */
  line?: number;
  /**
   * Intents of the same kind whose lines compaction joined into this one (ids, in order): the line decides for them
   * too. Their own file and line are in their definitions.
   */
  also?: string[];
}

/** A named, aggregated set of prefixes of one family (object-group, address-set, prefix-list). */
export interface AddressObject {
  name: string;
  family: Family;
  /** Canonical text, ascending, aggregated: `10.20.1.0/24`, `fd00:20::100/120`. */
  prefixes: string[];
  /** What the object stands for: a group, a zone, or a part of an intent's endpoints. */
  origin: string;
  /**
   * DNS names the object also holds, ascending: externals known only by name (model/dns-names.ts), which the device
   * resolves itself. Only targets with FQDN objects get them (WL713 elsewhere); `prefixes` then holds the rest.
   */
  fqdns?: string[];
}

export interface PortRange {
  lo: number;
  hi: number;
}

export interface IcmpMatch {
  type: number;
  /** Absent: every code. */
  code?: number;
}

/** One protocol and what of it: ports for tcp/udp/sctp, types for icmp/icmpv6, nothing else for other protocols. */
export interface ServiceMatch {
  /** IP protocol number, or `any` for every protocol (ports and types are then absent). */
  proto: number | 'any';
  /** Destination ports; absent means every port. */
  ports?: PortRange[];
  /** ICMP or ICMPv6 types; absent means every type. */
  icmp?: IcmpMatch[];
}

/** How a stateless return line recognises replies. */
export type ReplyMatch =
  /**
   * TCP segments of an established connection, from the service port: ACK or RST set, or exactly the program's
   * `tcpReplyFlags` where the platform compares the flags field whole.
   */
  | { kind: 'tcp-established'; srcPorts: PortRange[] }
  /** UDP/SCTP from the service port: mirrored source ports, weaker than state (stated in the output). */
  | { kind: 'mirrored-ports'; proto: number; srcPorts: PortRange[] }
  /** ICMP echo replies to echo requests. */
  | { kind: 'icmp-echo-reply'; proto: number }
  /** Any other protocol, reversed whole. */
  | { kind: 'reverse-protocol'; proto: number | 'any' };

export interface AclLine {
  action: 'permit' | 'deny';
  family: Family;
  /** Address object names; `any` for every address of the family. */
  src: string;
  dst: string;
  /** Forward lines match a service; return lines match a reply instead. */
  service?: ServiceMatch;
  reply?: ReplyMatch;
  log: boolean;
  provenance: Provenance;
}

/** A zone's interface on a switch or router: one VLAN, its SVI addresses, its ACLs. */
export interface ZoneInterface {
  zone: string;
  vlan?: number;
  /** VLAN name: the zone name, safe for every platform. */
  vlanName: string;
  /** SVI addresses with the subnet length: `10.20.0.1/22`, `fd00:20::1/64`. */
  gateways: { family: Family; address: string; length: number }[];
  /** The zone's subnets (`10.20.0.0/22`), for a platform whose VLAN filter also sees what the VLAN switches (EXOS). */
  subnets?: { family: Family; prefix: string }[];
  /** The DHCP servers the SVI relays the zone's DHCP to, per family (helper addresses); absent: no relay. */
  dhcpRelay?: DhcpRelay[];
  /** Port isolation, when the zone asks for it: a VLAN-wide filter for switched traffic. */
  isolation?: PortIsolation;
  /**
   * On one device of a pair or group (compile/devices.ts): `gateways` hold this device's own addresses, and the zone's
   * gateways are virtual, kept by `protocol` in `group` (VRRP 1-255, HSRP 0-4095; none for VARP and VSX).
   */
  redundancy?: Redundancy;
  description?: string;
  /** ACL names bound to the SVI: traffic from the zone (in) and towards it (out), per family. */
  acls: { family: Family; direction: 'in' | 'out'; name: string }[];
}

/**
 * Port isolation without port knowledge: a filter on the whole VLAN (VLAN map, VLAN filter, VLAN ACL) for what the
 * switch switches between stations of the zone (model/isolation.ts). Per family, ordered lines, first match wins:
 * `permit` forwards (link services, neighbour discovery, the gateway), `deny` drops (between the zone's stations: its
 * subnets, link-local, broadcast and multicast); a packet no line holds is forwarded. Lines never log. It sees only
 * what this switch switches: hosts meeting on a downstream access switch never reach it.
 */
export interface PortIsolation {
  /** Name of the VLAN-wide filter (VLAN access map on IOS-XE). */
  name: string;
  families: {
    family: Family;
    /** Name of this family's list. */
    list: string;
    lines: AclLine[];
  }[];
}

export interface Redundancy {
  protocol: 'vrrp' | 'hsrp' | 'varp' | 'vsx';
  group: number;
  /** The zone's gateway addresses, shared by the devices. */
  virtual: { family: Family; address: string; length: number }[];
  /** This device: the first of its pair is preferred (higher priority) where the protocol elects one. */
  priority: number;
  device: string;
}

export interface AclList {
  name: string;
  family: Family;
  zone: string;
  direction: 'in' | 'out';
  lines: AclLine[];
}

/** A switch or router filtering statelessly on each zone's SVI. */
export interface AclProgram {
  kind: 'acl';
  point: string;
  /** One device of the point's pair or group, when it is one (its own file: compile/devices.ts). */
  device?: string;
  platform: string;
  description?: string;
  objects: AddressObject[];
  interfaces: ZoneInterface[];
  lists: AclList[];
  /**
   * Set where the platform's TCP flags match compares the whole field (EXOS): TCP reply lines pass exactly these flag
   * values, one entry each. Absent: they pass any segment with ACK or RST set.
   */
  tcpReplyFlags?: readonly number[];
}

/** Where a gateway relays its zone's DHCP: server addresses of one family (udp/67 for IPv4, udp/547 for IPv6). */
export interface DhcpRelay {
  family: Family;
  servers: string[];
  /** Per server, the zone it lives in when this point routes that zone (its interface leads there); else undefined. */
  serverZones: (string | undefined)[];
}

export interface FirewallZone {
  /** The zone's name on the device: safe on every platform and unique in the program (transit's included). */
  name: string;
  /** The policy's zone it stands for; absent for the transit zone. */
  zone?: string;
  /** The DHCP servers the zone's interface relays to, per family; absent: no relay. */
  dhcpRelay?: DhcpRelay[];
  /** The families of the zone's subnets (local zones): its interface carries each, with a gateway address of it or not. */
  families?: Family[];
  /** The zone's interface on the device, when the policy names it (`interface:`); else each target's from the VLAN. */
  interface?: string;
  /** False for the transit zone: every address this firewall reaches through another enforcement point. */
  local: boolean;
  /** Port isolation: hosts of the zone may not reach each other (client isolation, intra-zone deny). */
  isolation: boolean;
  vlan?: number;
  gateways: { family: Family; address: string; length: number }[];
  description?: string;
}

/** One stateful rule over zones and address objects; replies of what it permits are allowed by state. */
export interface FirewallRule {
  name: string;
  action: 'permit' | 'deny';
  family: Family;
  fromZones: string[];
  toZones: string[];
  src: string[];
  dst: string[];
  services: ServiceMatch[];
  log: boolean;
  provenance: Provenance;
  /** One line for the rule's description: the intent's why, or what it is. Free text, not yet escaped. */
  description: string;
}

/**
 * What one local zone's link may send the device itself (docs/infrastructure.md): the zone's link infrastructure
 * permitted, then everything else for the device and link-scope addresses denied. First match wins, per zone.
 */
export interface GatewayRule {
  /** The zone's name on the device (`FirewallZone.name`). */
  zone: string;
  action: 'permit' | 'deny';
  family: Family;
  /** Address object names, or `any`. */
  src: string;
  dst: string;
  services: ServiceMatch[];
  log: boolean;
  provenance: Provenance;
}

/** A stateful firewall or Linux router: zones, objects and an ordered rule list, first match wins. */
export interface FirewallProgram {
  kind: 'firewall';
  point: string;
  platform: string;
  description?: string;
  objects: AddressObject[];
  zones: FirewallZone[];
  rules: FirewallRule[];
  /** What each local zone's link may send the device itself, by zone in zone order. */
  gateway: GatewayRule[];
}

export type Program = AclProgram | FirewallProgram;

export const TRANSIT_ZONE = 'transit';

/**
 * A network access control point (freeradius): which devices go in which zone's VLAN with which role. It filters
 * nothing; switches enforce what the role may reach. Entries in the order they are tried, the most specific first.
 */
export interface NacPlan {
  kind: 'nac';
  point: string;
  platform: string;
  roleAttribute: 'filter-id' | 'extreme' | 'aruba' | 'cisco-dacl';
  entries: NacEntry[];
  /** With `cisco-dacl`: each role's downloadable ACL, in role name order (compile/dacl-program.ts); else empty. */
  acls: RoleAcl[];
  /** Devices no entry claims: into this VLAN (a quarantine zone), or rejected; null: the policy says nothing (rejected). */
  unknown: { zone: string; vlan: number; file: string; line: number } | { reject: true; file: string; line: number } | null;
}

export interface NacEntry {
  /** MAB by MAC (12 lowercase hex digits) or by OUI (6), 802.1X by identity, EAP-TLS by certificate subject. */
  match: { kind: 'mac'; hex: string } | { kind: 'oui'; hex: string } | { kind: 'dot1x'; identity: string } | { kind: 'certificate'; subject: string };
  group: string;
  zone: string;
  vlan: number;
  /** The role the answer names: the group's role name (compile/role-names.ts), the one name every side uses for it. */
  role: string;
  file: string;
  line: number;
}

/**
 * A role's downloadable ACL (Cisco per-user ACL on the device's port, inbound): what its group's devices may send, cut
 * from the same rules as the switch lists: their link to the gateway, their own zone, what the policy lets them open,
 * replies to what it lets others open, then deny. IPv4 only (`ip:inacl`).
 */
export interface RoleAcl {
  role: string;
  group: string;
  zone: string;
  /** The address objects its lines name: a downloadable ACL has no object groups, so a target spells their prefixes. */
  objects: AddressObject[];
  lines: AclLine[];
}
