import { addressSetOf, V4_ADDRESSES, V6_ADDRESSES } from '../net/address-set.js';
import { parsePrefix, prefixBounds, type Family, type Prefix } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import { parseServiceSpec, type ServiceSpec } from '../net/service.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { linkInfrastructure, LINK_SOURCES } from './link-infrastructure.js';
import type { Policy, Zone } from './policy.js';

/**
 * Port isolation on a zone's link (docs/infrastructure.md): what the zone's switch does with a packet it switches
 * between two stations of the zone's VLAN. Hosts of an isolated zone may not reach each other by any address they
 * have there: the zone's subnets, but also the link-local ones (169.254.0.0/16, fe80::/10) that every host has
 * (bedside devices run IPv6 by default, in IPv4-only zones too), the unspecified source, the subnet and limited
 * broadcasts and multicast. What keeps the link working passes: the link services the gateway provides, neighbour
 * discovery and MLD between any stations (duplicate address detection needs them), and everything to or from the
 * gateway's own addresses. The rules are ordered, first match wins; a packet no rule holds is forwarded (it is not
 * between the zone's stations: routed traffic entering or leaving the VLAN).
 */
export interface IsolationRule {
  action: 'forward' | 'drop';
  family: Family;
  src: IntervalSet;
  dst: IntervalSet;
  services: ServiceSet;
  /** `link`: a link service or neighbour discovery; `gateway`: to or from the gateway; `hosts`: between stations. */
  why: 'link' | 'gateway' | 'hosts';
  /** What the source and destination sets are, for naming them (`stations`, `link-scope`, `dhcp-src`, ...). */
  names: [src: string, dst: string];
}

const set = (...texts: string[]): IntervalSet => addressSetOf(texts.map((t) => (parsePrefix(t) as { prefix: Prefix }).prefix));
const services = (...texts: string[]): ServiceSet => svc.serviceSetOf(texts.map((t) => parseServiceSpec(t) as ServiceSpec));

/** Addresses a station uses on the link besides the zone's subnets: link-local (RFC 3927, RFC 4291) and unspecified. */
export const STATION_SOURCES: Readonly<Record<Family, IntervalSet>> = {
  4: iv.union(LINK_SOURCES[4], set('169.254.0.0/16')),
  6: LINK_SOURCES[6],
};

/** Where a station reaches other stations besides the zone's subnets: link-local, limited broadcast, multicast. */
export const STATION_DESTINATIONS: Readonly<Record<Family, IntervalSet>> = {
  4: set('169.254.0.0/16', '224.0.0.0/4', '255.255.255.255/32'),
  6: set('fe80::/10', 'ff00::/8'),
};

/** Neighbour discovery (RS, RA, NS, NA, redirect) and MLD: RFC 4861 and RFC 4862's duplicate address detection. */
const ND = services('icmpv6/130', 'icmpv6/131', 'icmpv6/132', 'icmpv6/133', 'icmpv6/134', 'icmpv6/135', 'icmpv6/136', 'icmpv6/137', 'icmpv6/143');

const ALL: Readonly<Record<Family, IntervalSet>> = { 4: V4_ADDRESSES, 6: V6_ADDRESSES };

const memo = new WeakMap<Zone, IsolationRule[]>();

/** The isolation rules of a zone, both families, in order; empty when the zone does not ask for isolation. */
export function isolationRules(policy: Policy, zone: Zone): IsolationRule[] {
  if (!zone.isolation) return [];
  let rules = memo.get(zone);
  if (rules) return rules;
  rules = [];
  for (const family of [4, 6] as const) {
    const own = ownAddresses(policy, zone, family);
    const stations = iv.union(own, STATION_SOURCES[family]);
    const reached = iv.union(own, STATION_DESTINATIONS[family]);
    const add = (action: IsolationRule['action'], why: IsolationRule['why'], src: IntervalSet, dst: IntervalSet, what: ServiceSet, names: [string, string]) =>
      rules!.push({ action, family, src, dst, services: what, why, names });
    const links = linkInfrastructure(policy, zone);
    for (const link of links) {
      if (link.family === family) add('forward', 'link', link.src, link.dst, link.services, [`${link.service}-src`, `${link.service}-dst`]);
    }
    // The zone's own neighbour discovery (ipv6-nd) already covers these, and the gateway besides.
    if (family === 6 && !links.some((l) => l.service === 'neighbour-discovery')) {
      // To link-scope destinations only: between two hosts' own addresses it would be host-to-host traffic, which
      // isolation has already made needless (they never talk, so never resolve each other).
      add('forward', 'link', stations, set('ff02::/16', 'fe80::/10'), ND, ['stations-v6', 'link-scope-v6']);
    }
    if (family === 6) {
      // A DHCPv6 relay answers the client from its own link-local address, which no policy names (RFC 8415 19.2).
      if (links.some((l) => l.service === 'dhcpv6')) add('forward', 'link', set('fe80::/10'), set('fe80::/10'), services('udp/546'), ['link-local-v6', 'link-local-v6']);
    }
    const gateways = gatewaysOf(zone, family);
    if (!iv.isEmpty(gateways)) {
      const name = `gateway-address-v${family}`;
      add('forward', 'gateway', gateways, ALL[family], svc.ALL_SERVICES, [name, name]);
      add('forward', 'gateway', ALL[family], gateways, svc.ALL_SERVICES, [name, name]);
    }
    add('drop', 'hosts', stations, reached, svc.ALL_SERVICES, [`stations-v${family}`, `station-targets-v${family}`]);
  }
  memo.set(zone, rules);
  return rules;
}

/** What the isolated zone's switch does with one packet between two of its stations: the first rule holding it. */
export function isolationRuleOf(policy: Policy, zone: Zone, p: { src: bigint; dst: bigint; proto: number; port: number }): IsolationRule | undefined {
  return isolationRules(policy, zone).find(
    (r) => iv.contains(r.src, p.src) && iv.contains(r.dst, p.dst) && svc.containsService(r.services, p.proto, p.port),
  );
}

/** The zone's subnets without the more specific subnets of other zones inside them: those are other VLANs. */
function ownAddresses(policy: Policy, zone: Zone, family: Family): IntervalSet {
  const mine = zone.subnets.filter((s) => s.prefix.family === family).map((s) => s.prefix);
  const inner: Prefix[] = [];
  for (const z of policy.zones.values()) {
    if (z === zone) continue;
    for (const { prefix } of z.subnets) {
      if (prefix.family !== family) continue;
      const within = mine.some((m) => m.length < prefix.length && iv.isSubset(addressSetOf([prefix]), addressSetOf([m])));
      if (within) inner.push(prefix);
    }
  }
  return iv.subtract(addressSetOf(mine), addressSetOf(inner));
}

function gatewaysOf(zone: Zone, family: Family): IntervalSet {
  return addressSetOf(zone.gateways.filter((g) => g.prefix.family === family).map((g) => ({ ...g.prefix, length: family === 4 ? 32 : 128 })));
}

const key = (text: string): bigint => prefixBounds((parsePrefix(text) as { prefix: Prefix }).prefix)[0];

/**
 * Representative stations of a zone's link, for translation validation: a host of each of its subnets, the
 * unspecified address and a link-local one.
 */
export function stationSources(zone: Zone, family: Family): bigint[] {
  const hosts = zone.subnets.filter((s) => s.prefix.family === family).map((s) => prefixBounds(s.prefix)[0] + 2n);
  return [...hosts, ...(family === 4 ? ['0.0.0.0', '169.254.10.1'] : ['::', 'fe80::a']).map(key)];
}

/**
 * Representative destinations on a zone's link: another host and the last address (the broadcast) of each subnet, the
 * gateway, link-local, limited broadcast, link-local and wider multicast, and an address off the link.
 */
export function stationTargets(zone: Zone, family: Family): bigint[] {
  const subnets = zone.subnets.filter((s) => s.prefix.family === family).map((s) => prefixBounds(s.prefix));
  const own = zone.gateways.filter((g) => g.prefix.family === family).map((g) => prefixBounds(g.prefix)[0]);
  const scope =
    family === 4
      ? ['169.254.10.2', '255.255.255.255', '224.0.0.1', '224.0.0.18', '224.0.0.251', '239.255.255.250', '192.0.2.1']
      : ['fe80::b', 'ff02::1', 'ff02::2', 'ff02::fb', 'ff02::1:2', 'ff02::1:ff00:b', 'ff05::1:3', '2001:db8::1'];
  return [...subnets.flatMap(([lo, hi]) => [lo + 3n, hi]), ...own, ...scope.map(key)];
}
