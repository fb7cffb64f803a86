import type { Prefix } from '../net/address.js';
import type { ServiceSpec } from '../net/service.js';
import type { SourceLoc } from './source.js';

/** A value with the place it was written. */
export interface Spanned<T> {
  value: T;
  loc: SourceLoc;
}

/** An address or prefix as written, normalised (host bits cleared), remembering whether host bits were set. */
export interface WrittenPrefix {
  prefix: Prefix;
  text: string;
  hostBitsSet: boolean;
  loc: SourceLoc;
}

export interface Zone {
  kind: 'zone';
  name: string;
  loc: SourceLoc;
  vlan?: Spanned<number>;
  subnets: WrittenPrefix[];
  gateways: WrittenPrefix[];
  via: Spanned<string>;
  labels: Spanned<string>[];
  /** Port isolation: hosts in the zone may not talk to each other through the switch. */
  isolation: boolean;
  /** `monitor`: what the policy denies by default from or to the zone is passed and logged (model/monitor.ts). */
  mode: Mode;
  infrastructure: Infrastructure;
  /** The zone's interface on its enforcement point, where the platform names interfaces (firewalls, Linux routers). */
  interface?: Spanned<string>;
  description?: string;
}

export const FHRP_PROTOCOLS = ['vrrp', 'hsrp', 'varp', 'vsx', 'none'] as const;
export type Fhrp = (typeof FHRP_PROTOCOLS)[number];

/**
 * What a zone's gateway provides its hosts beyond the flows (docs/infrastructure.md): the traffic a routed zone
 * needs to stay on the network at all. Every field has its default when the zone says nothing.
 */
export interface Infrastructure {
  /** The DHCP servers the gateway relays the zone's DHCP to; empty: the gateway relays nothing. */
  dhcpRelay: EndpointRef[];
  /** First-hop redundancy between the gateway devices on the zone's link; `none` by default. */
  fhrp: Fhrp;
  /** IPv6 router and neighbour discovery and MLD with the gateway (meaningful with an IPv6 subnet); on by default. */
  ipv6Nd: boolean;
  /** ICMP errors (unreachable, packet too big, time exceeded) to and from the zone; on by default. */
  icmpErrors: boolean;
  /** Where the zone says it: its `infrastructure:` key, or the zone itself when it says nothing. */
  loc: SourceLoc;
}

export interface Group {
  kind: 'group';
  name: string;
  loc: SourceLoc;
  zone: Spanned<string>;
  /** Empty means the whole zone. */
  addresses: WrittenPrefix[];
  labels: Spanned<string>[];
  owner?: string;
  manufacturer?: string;
  model?: string;
  description?: string;
  /** Which devices are this group's, as network access control names them (model/identity.ts). */
  identities?: GroupIdentities;
}

/**
 * A named external endpoint known by its DNS name (a vendor cloud, a MUD profile's `dst-dnsname`): outside every
 * zone. Its addresses are those the policy gives (`addresses:`, `dns:` entries for its fqdn); with none, it stands for
 * whatever the name resolves to, which only platforms with FQDN objects can match (model/dns-names.ts).
 */
export interface ExternalName {
  kind: 'external';
  name: string;
  loc: SourceLoc;
  /** Lower case, without a final dot. */
  fqdn: Spanned<string>;
  addresses: WrittenPrefix[];
  labels: Spanned<string>[];
  owner?: string;
  description?: string;
}

/** One `dns:` entry (a resolution file given with --resolve, or a policy file): what a DNS name resolves to. */
export interface Resolution {
  /** Lower case, without a final dot; located at the key. */
  fqdn: Spanned<string>;
  addresses: WrittenPrefix[];
}

/** What a RADIUS request may carry, per kind, as written (each located). */
export interface GroupIdentities {
  loc: SourceLoc;
  macs: Spanned<string>[];
  ouis: Spanned<string>[];
  /** 802.1X identities (EAP identity / User-Name), exact. */
  dot1x: Spanned<string>[];
  /** Certificate subjects of EAP-TLS, exact. */
  certificates: Spanned<string>[];
  mudUrl?: Spanned<string>;
}

/** What happens to a device no group claims: put in a quarantine or registration zone's VLAN, or rejected. */
export interface UnknownDevices {
  loc: SourceLoc;
  zone?: Spanned<string>;
  reject: boolean;
}

/** A named set of protocol/port specs (user-defined or from the standard catalog). */
export interface Service {
  kind: 'service';
  name: string;
  loc: SourceLoc;
  specs: Spanned<ServiceSpec>[];
  description?: string;
  /** True for entries of the built-in standard catalog. */
  standard: boolean;
}

export type EndpointRef =
  | { kind: 'any'; loc: SourceLoc; text: string }
  | { kind: 'external'; loc: SourceLoc; text: string }
  | { kind: 'group'; name: string; loc: SourceLoc; text: string }
  | { kind: 'zone'; name: string; loc: SourceLoc; text: string }
  /** An entry of `externals:`: a DNS name and what it resolves to. */
  | { kind: 'name'; name: string; loc: SourceLoc; text: string }
  | { kind: 'label'; label: string; loc: SourceLoc; text: string }
  | { kind: 'prefix'; prefix: WrittenPrefix; loc: SourceLoc; text: string }
  /** A name that resolves to nothing; already reported, never matches anything. */
  | { kind: 'unresolved'; loc: SourceLoc; text: string };

export type ServiceRef =
  | { kind: 'any'; loc: SourceLoc; text: string }
  | { kind: 'named'; name: string; loc: SourceLoc; text: string }
  | { kind: 'inline'; spec: ServiceSpec; loc: SourceLoc; text: string }
  /** A name that resolves to nothing, or an invalid inline spec; already reported, never matches anything. */
  | { kind: 'unresolved'; loc: SourceLoc; text: string };

export interface Flow {
  kind: 'flow';
  id: string;
  loc: SourceLoc;
  from: EndpointRef[];
  to: EndpointRef[];
  services: ServiceRef[];
  why?: string;
  owner?: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD); the flow is dead from the day after. */
  expires?: Spanned<string>;
  log: boolean;
  description?: string;
}

export interface GuardrailException {
  flow: Spanned<string>;
  why: string;
  loc: SourceLoc;
}

export interface Guardrail {
  kind: 'guardrail';
  id: string;
  loc: SourceLoc;
  from: EndpointRef[];
  to: EndpointRef[];
  /** Empty means every service. */
  services: ServiceRef[];
  why: string;
  exceptions: GuardrailException[];
  log: boolean;
  /** `monitor`: what the guardrail forbids is passed and logged, unless an enforced guardrail forbids it too. */
  mode: Mode;
}

/** Staged rollout: `enforce` blocks, `monitor` passes and logs what would be blocked (README: monitor mode). */
export type Mode = 'enforce' | 'monitor';

export interface Expectation {
  kind: 'expectation';
  /** `can`: the connection must be allowed; `cannot`: it must be denied. */
  verdict: 'can' | 'cannot';
  id?: string;
  loc: SourceLoc;
  from: EndpointRef;
  to: EndpointRef;
  /** Absent means "any service" (for `cannot`: nothing at all gets through). */
  service?: ServiceRef;
  why?: string;
}

export const PLATFORMS = [
  'cisco-ios',
  'arista-eos',
  'juniper-junos',
  'aruba-aoscx',
  'extreme-exos',
  'paloalto-panos',
  'fortinet-fortios',
  'linux-nftables',
  'linux-iptables',
  'freeradius',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The platforms that route and filter zones: every one but the network access control point. */
export const FILTERING_PLATFORMS: readonly Platform[] = PLATFORMS.filter((p) => p !== 'freeradius');

/** How a NAC point's RADIUS answer names the role (the group): a plain Filter-Id, the ExtremeControl policy form, Aruba's role. */
export const ROLE_ATTRIBUTES = ['filter-id', 'extreme', 'aruba'] as const;
export type RoleAttribute = (typeof ROLE_ATTRIBUTES)[number];

export interface EnforcementPoint {
  kind: 'enforcement-point';
  name: string;
  loc: SourceLoc;
  platform: Spanned<string>;
  description?: string;
  /** `monitor`: every zone this point routes is monitored (model/monitor.ts). */
  mode: Mode;
  /** A NAC point (freeradius): how its answers name the role. */
  roleAttribute?: Spanned<string>;
  /**
   * The devices of a redundant pair or group that this point is (MLAG peers, a VSX pair, a VRRP group): each gets its
   * own configuration, its own address in every zone (the k-th device the gateway address + k) and the zone's
   * gateway as a shared virtual address. Absent: one device.
   */
  devices?: Spanned<string>[];
  /**
   * Budgets the policy sets for this device's hardware resources (`capacity: { acl-entries-in: 8192 }`), each
   * overriding its platform's default for that resource; the name is located at its key, the value at its value.
   */
  capacity?: CapacityOverride[];
}

/** One `capacity:` entry of an enforcement point: a resource its platform counts, and the budget for it. */
export interface CapacityOverride {
  resource: Spanned<string>;
  /** Absent when the value is not a whole number (the schema says so). */
  budget?: Spanned<number>;
}

/** A name defined twice: `first` is the earlier definition in file order. */
export interface NameClash {
  what: string;
  /** What the first definition is, when it is another kind of thing (a zone and a group of one name). */
  firstWhat?: string;
  name: string;
  first: SourceLoc;
  second: SourceLoc;
}

/** A reference that names nothing defined, with the names it could have meant. */
export interface UnresolvedRef {
  what: 'endpoint' | 'service' | 'zone' | 'enforcement point' | 'flow';
  text: string;
  loc: SourceLoc;
  candidates: string[];
}

/** A service spec that does not parse (bad port, range, protocol or ICMP type). */
export interface InvalidServiceSpec {
  text: string;
  error: string;
  loc: SourceLoc;
}

/** The whole policy after loading: names resolved, addresses normalised, every object located. */
export interface Policy {
  files: string[];
  zones: Map<string, Zone>;
  groups: Map<string, Group>;
  /** `externals:`: endpoints known by DNS name. */
  externals: Map<string, ExternalName>;
  /** `dns:` entries of every file, in file order. */
  resolutions: Resolution[];
  services: Map<string, Service>;
  flows: Flow[];
  guardrails: Guardrail[];
  expectations: Expectation[];
  enforcementPoints: Map<string, EnforcementPoint>;
  clashes: NameClash[];
  unresolved: UnresolvedRef[];
  invalidServiceSpecs: InvalidServiceSpec[];
  /** `unknown-devices:`, when the policy says what to do with devices no group's identities claim. */
  unknownDevices?: UnknownDevices;
  /** Evaluation date for expiry (YYYY-MM-DD); injectable so output is reproducible. */
  today: string;
}
