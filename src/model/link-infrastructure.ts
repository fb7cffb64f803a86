import { addressSetOf } from '../net/address-set.js';
import { parsePrefix, prefixBounds, type Family, type Prefix } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import { parseServiceSpec, type ServiceSpec } from '../net/service.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { relayFamilies } from './infrastructure.js';
import type { Policy, Zone } from './policy.js';

/**
 * The link part of a zone's infrastructure (docs/infrastructure.md): what its hosts send to the gateway itself on the
 * zone's own link. These packets are never routed, so they belong to no flow; the gateway answers them when one of
 * these services covers them and denies (logged) the rest. Sources such as 0.0.0.0 and fe80::/10 mean "on this
 * zone's link": the zone they arrive from is part of the question.
 */
export type LinkService = 'dhcp' | 'dhcpv6' | 'neighbour-discovery' | 'vrrp' | 'hsrp';

export interface LinkPackets {
  service: LinkService;
  family: Family;
  src: IntervalSet;
  dst: IntervalSet;
  services: ServiceSet;
}

const set = (...texts: string[]): IntervalSet => addressSetOf(texts.map((t) => (parsePrefix(t) as { prefix: Prefix }).prefix));
const services = (...texts: string[]): ServiceSet => svc.serviceSetOf(texts.map((t) => parseServiceSpec(t) as ServiceSpec));

/** Limited broadcast, link-local multicast of both families and IPv6 link-local unicast: never routed. */
export const LINK_SCOPE: Readonly<Record<Family, IntervalSet>> = {
  4: set('255.255.255.255/32', '224.0.0.0/24'),
  6: set('ff02::/16', 'fe80::/10'),
};

/** Sources a host uses before (or beside) its address in the zone's subnets: the unspecified and link-local ones. */
export const LINK_SOURCES: Readonly<Record<Family, IntervalSet>> = {
  4: set('0.0.0.0/32'),
  6: set('::/128', 'fe80::/10'),
};

/**
 * ICMPv6 a host exchanges with its router (RFC 4861 router and neighbour solicitation and advertisement, redirect;
 * RFC 3810/2710 MLD query, report and done): RFC 4890 section 4.4.1 says a router must not drop them on its link.
 */
const ND = services('icmpv6/130', 'icmpv6/131', 'icmpv6/132', 'icmpv6/133', 'icmpv6/134', 'icmpv6/135', 'icmpv6/136', 'icmpv6/137', 'icmpv6/143');

/** The zone's own link: its subnets, and the unspecified and link-local addresses, of one family. */
export function linkSources(zone: Zone, family: Family): IntervalSet {
  return iv.union(subnetsOf(zone, family), LINK_SOURCES[family]);
}

/** Where traffic from the zone's link is for the gateway itself: its addresses, and link-scope destinations. */
export function gatewayDestinations(zone: Zone, family: Family): IntervalSet {
  return iv.union(gatewaysOf(zone, family), LINK_SCOPE[family]);
}

const memo = new WeakMap<Zone, LinkPackets[]>();

/** The link services a zone's gateway answers, per family the zone has, in a fixed order. */
export function linkInfrastructure(policy: Policy, zone: Zone): LinkPackets[] {
  let out = memo.get(zone);
  if (out) return out;
  out = [];
  const infra = zone.infrastructure;
  const has = (f: Family) => zone.subnets.some((s) => s.prefix.family === f);
  const relay = relayFamilies(policy, zone);
  const relayTo = (f: Family) => relay.has(f);
  const add = (service: LinkService, family: Family, src: IntervalSet, dst: IntervalSet, what: ServiceSet) => out!.push({ service, family, src, dst, services: what });
  if (has(4) && relayTo(4)) {
    add('dhcp', 4, linkSources(zone, 4), iv.union(set('255.255.255.255/32'), gatewaysOf(zone, 4)), services('udp/67'));
  }
  if (has(6) && relayTo(6)) add('dhcpv6', 6, set('fe80::/10'), set('ff02::1:2/128'), services('udp/547'));
  if (has(6) && infra.ipv6Nd) add('neighbour-discovery', 6, linkSources(zone, 6), iv.union(set('ff02::/16', 'fe80::/10'), gatewaysOf(zone, 6)), ND);
  if (infra.fhrp === 'vrrp') {
    if (has(4)) add('vrrp', 4, subnetsOf(zone, 4), set('224.0.0.18/32'), services('proto/112'));
    if (has(6)) add('vrrp', 6, set('fe80::/10'), set('ff02::12/128'), services('proto/112'));
  }
  if (infra.fhrp === 'hsrp') {
    if (has(4)) add('hsrp', 4, subnetsOf(zone, 4), set('224.0.0.2/32', '224.0.0.102/32'), services('udp/1985'));
    if (has(6)) add('hsrp', 6, set('fe80::/10'), set('ff02::66/128'), services('udp/2029'));
  }
  memo.set(zone, out);
  return out;
}

/**
 * What the gateway does with one packet from the zone's link to itself: the first link service that covers it, or
 * undefined (denied: the gateway answers nothing else). Only packets whose source is on the link and whose
 * destination is the gateway or link-scope are its business (`isForGateway`).
 */
export function linkServiceOf(policy: Policy, zone: Zone, p: { src: bigint; dst: bigint; proto: number; port: number }): LinkService | undefined {
  return linkInfrastructure(policy, zone).find((l) => iv.contains(l.src, p.src) && iv.contains(l.dst, p.dst) && svc.containsService(l.services, p.proto, p.port))?.service;
}

export function isForGateway(zone: Zone, family: Family, p: { src: bigint; dst: bigint }): boolean {
  return iv.contains(linkSources(zone, family), p.src) && iv.contains(gatewayDestinations(zone, family), p.dst);
}

function subnetsOf(zone: Zone, family: Family): IntervalSet {
  return addressSetOf(zone.subnets.filter((s) => s.prefix.family === family).map((s) => s.prefix));
}

function gatewaysOf(zone: Zone, family: Family): IntervalSet {
  return addressSetOf(zone.gateways.filter((g) => g.prefix.family === family).map((g) => ({ ...g.prefix, length: family === 4 ? 32 : 128 })));
}

const key = (text: string): bigint => {
  const { prefix } = parsePrefix(text) as { prefix: Prefix };
  return prefixBounds(prefix)[0];
};

/**
 * Representative sources on a zone's link, for translation validation: a host of each subnet (its second address, so
 * not a network address and rarely the gateway), and the unspecified and link-local addresses.
 */
export function gatewaySources(zone: Zone, family: Family): bigint[] {
  const hosts = zone.subnets.filter((s) => s.prefix.family === family).map((s) => prefixBounds(s.prefix)[0] + 2n);
  return [...hosts, ...(family === 4 ? [key('0.0.0.0')] : [key('::'), key('fe80::1')])];
}

/** Representative destinations for the gateway: its addresses, the link services' groups, and other link-scope ones. */
export function gatewayTargets(zone: Zone, family: Family): bigint[] {
  const own = zone.gateways.filter((g) => g.prefix.family === family).map((g) => prefixBounds(g.prefix)[0]);
  const scope =
    family === 4
      ? ['255.255.255.255', '224.0.0.1', '224.0.0.2', '224.0.0.5', '224.0.0.18', '224.0.0.102', '224.0.0.251']
      : ['ff02::1', 'ff02::2', 'ff02::12', 'ff02::66', 'ff02::fb', 'ff02::1:2', 'ff02::1:ff00:5', 'fe80::1'];
  return [...own, ...scope.map(key)];
}

/** A class per service the link infrastructure names (each ICMPv6 type, DHCP, FHRP), and the ports beside them. */
export function linkServiceClasses(policy: Policy, zone: Zone): { proto: number; port: number }[] {
  const out: { proto: number; port: number }[] = [];
  for (const link of linkInfrastructure(policy, zone)) {
    for (const r of svc.serviceRanges(link.services)) {
      out.push({ proto: r.proto, port: r.lo });
      if (r.hi < 65535) out.push({ proto: r.proto, port: r.hi + 1 });
    }
  }
  // The client's own port and the other FHRP and DHCP ports, whichever the zone uses.
  for (const spec of ['udp/68', 'udp/546', 'udp/1985', 'udp/2029', 'udp/67', 'udp/547', 'proto/112']) {
    const s = parseServiceSpec(spec) as ServiceSpec;
    out.push({ proto: s.proto, port: s.lo });
  }
  return out;
}
