import { formatAddressSet } from '../net/address-set.js';
import { formatKey, V4_FIRST, V4_LAST, V6_FIRST, V6_LAST } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import { parseServiceSpec, type ServiceSpec } from '../net/service.js';
import type { AddressPlan } from './address-plan.js';
import type { EndpointRef, Flow, Policy, ServiceRef, Zone } from './policy.js';
import type { SourceLoc } from './source.js';

/**
 * The routed infrastructure services of a zone: traffic that crosses enforcement points like a flow's. (ICMP errors
 * are replies of the connections they concern, as DESIGN's "connections, not packets" says: they are return traffic,
 * compile/lines.ts, not a service of their own.)
 */
export type RoutedInfrastructure = 'dhcp-relay' | 'dhcpv6-relay';

/**
 * A routed infrastructure service of one zone, in the form of a flow, so every layer (simulator, compiler, checks of
 * expectations) treats it exactly as it treats a flow: live always, after the guardrails (a guardrail forbids it as
 * it forbids any flow), its replies passed. Its id (`zone/service`) cannot clash with a flow's: ids have no `/`.
 */
export interface InfrastructureFlow extends Flow {
  infrastructure: { zone: string; service: RoutedInfrastructure };
}

/** DHCP servers listen on udp/67 (IPv4, RFC 2131) and udp/547 (IPv6, RFC 8415). */
const DHCP: Record<4 | 6, string> = { 4: 'udp/67', 6: 'udp/547' };

const memo = new WeakMap<Policy, InfrastructureFlow[]>();

/** Every zone's routed infrastructure as flows, in zone order; the same objects for the same policy object. */
export function infrastructureFlows(policy: Policy): InfrastructureFlow[] {
  let flows = memo.get(policy);
  if (!flows) memo.set(policy, (flows = [...policy.zones.values()].flatMap((z) => zoneFlows(policy, z))));
  return flows;
}

/** Whether a flow is a zone's infrastructure rather than an intent someone wrote. */
export function isInfrastructure(flow: Flow): flow is InfrastructureFlow {
  return (flow as Partial<InfrastructureFlow>).infrastructure !== undefined;
}

/** The address families of a relay's servers, from how they are defined (a group without addresses is its zone). */
export function relayFamilies(policy: Policy, zone: Zone): Set<4 | 6> {
  const out = new Set<4 | 6>();
  const addZone = (name: string) => policy.zones.get(name)?.subnets.forEach((s) => out.add(s.prefix.family));
  const addGroup = (name: string) => {
    const g = policy.groups.get(name);
    if (!g) return;
    if (g.addresses.length === 0) addZone(g.zone.value);
    else g.addresses.forEach((a) => out.add(a.prefix.family));
  };
  for (const ref of zone.infrastructure.dhcpRelay) {
    if (ref.kind === 'prefix') out.add(ref.prefix.prefix.family);
    else if (ref.kind === 'group') addGroup(ref.name);
    else if (ref.kind === 'zone') addZone(ref.name);
    else if (ref.kind === 'name') policy.externals.get(ref.name)?.addresses.forEach((a) => out.add(a.prefix.family));
    else if (ref.kind === 'label') {
      for (const g of policy.groups.values()) if (g.labels.some((l) => l.value === ref.label)) addGroup(g.name);
      for (const z of policy.zones.values()) if (z.labels.some((l) => l.value === ref.label)) addZone(z.name);
    } else if (ref.kind === 'any' || ref.kind === 'external') [4, 6].forEach((f) => out.add(f as 4 | 6));
  }
  return out;
}

function zoneFlows(policy: Policy, zone: Zone): InfrastructureFlow[] {
  const { infrastructure: infra } = zone;
  const out: InfrastructureFlow[] = [];
  const servers = infra.dhcpRelay.filter((r) => r.kind !== 'unresolved');
  if (servers.length > 0) {
    // The relay (the gateway, an address of the zone) asks the servers, and clients renew their lease with them
    // directly: both are connections from the zone to the servers; the servers' answers are their replies. One flow
    // per family, from the zone's subnets of that family, so DHCPv4's port is never opened between IPv6 addresses.
    const families = relayFamilies(policy, zone);
    for (const family of [4, 6] as const) {
      if (!families.has(family)) continue;
      const from = zone.subnets.filter((s) => s.prefix.family === family).map((s): EndpointRef => ({ kind: 'prefix', prefix: s, loc: infra.loc, text: s.text }));
      if (from.length === 0) continue;
      const service = family === 4 ? 'dhcp-relay' : 'dhcpv6-relay';
      const why = `DHCP${family === 6 ? 'v6' : ''} of zone ${zone.name} relayed by its gateway to ${servers.map((s) => s.text).join(', ')}`;
      out.push(flowOf(zone, service, from, servers, [inline(DHCP[family], infra.loc)], why));
    }
  }
  return out;
}

function flowOf(zone: Zone, service: RoutedInfrastructure, from: EndpointRef[], to: EndpointRef[], services: ServiceRef[], why: string): InfrastructureFlow {
  return {
    kind: 'flow',
    id: `${zone.name}/${service}`,
    loc: zone.infrastructure.loc,
    from,
    to,
    services,
    why,
    log: false,
    infrastructure: { zone: zone.name, service },
  };
}

function inline(text: string, loc: SourceLoc): ServiceRef {
  return { kind: 'inline', spec: parseServiceSpec(text) as ServiceSpec, loc, text };
}

/** At most this many relay servers per zone and family: platforms take a handful (IOS-XE 16 helper addresses). */
export const RELAY_SERVERS_MAX = 8;

/**
 * The relay's servers as host addresses, per family (what a helper-address or relay configuration names), or what is
 * wrong with them: a server is an address, and a group or zone of them must hold whole hosts only, few enough.
 */
export function relayServers(plan: AddressPlan, zone: Zone): { family: 4 | 6; addresses: string[] }[] | { problem: string } {
  const refs = zone.infrastructure.dhcpRelay.filter((r) => r.kind !== 'unresolved');
  if (refs.length === 0) return [];
  const set = plan.endpoints(refs);
  // A relay forwards to addresses it is given: a name that stands for whatever DNS says cannot be one.
  const named = plan.names.standIn(iv.first(iv.intersect(set, plan.names.standIns)) ?? -1n);
  if (named) return { problem: `"${named.name}" is known only by its DNS name (${named.fqdn.value}), and a relay needs server addresses` };
  const out: { family: 4 | 6; addresses: string[] }[] = [];
  for (const family of [4, 6] as const) {
    const [lo, hi] = family === 4 ? [V4_FIRST, V4_LAST] : [V6_FIRST, V6_LAST];
    const mine = iv.intersect(set, iv.single(lo, hi));
    if (iv.isEmpty(mine)) continue;
    const hosts: string[] = [];
    for (const [a, b] of mine) {
      if (b - a >= BigInt(RELAY_SERVERS_MAX)) return { problem: `it names ${formatAddressSet(iv.single(a, b))}, a range of addresses, not servers` };
      for (let k = a; k <= b; k++) hosts.push(formatKey(k));
    }
    if (hosts.length > RELAY_SERVERS_MAX) return { problem: `it names ${hosts.length} IPv${family} servers; a relay takes at most ${RELAY_SERVERS_MAX}` };
    out.push({ family, addresses: hosts });
  }
  return out;
}
