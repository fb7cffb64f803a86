import { buildAddressPlan } from '../model/address-plan.js';
import type { Policy, Zone } from '../model/policy.js';
import { formatKey, prefixBounds, type Family, type Prefix } from '../net/address.js';

/** One address a lab namespace holds: a group's representative, or a zone's address outside every group. */
export interface LabHost {
  /** `group@zone` or `zone`, with `#2` when the endpoint has several representatives. */
  name: string;
  endpoint: string;
  zone: string;
  /** The namespace it lives in (`seatOf`). */
  seat: string;
  family: Family;
  address: string;
  key: bigint;
  /** Length of the zone subnet holding the address. */
  length: number;
}

/** The router's address on each zone subnet: its gateway there, else the subnet's last host address. */
export interface RouterAddress {
  zone: string;
  seat: string;
  family: Family;
  address: string;
  key: bigint;
  length: number;
}

const SEARCH = 64n;

function* candidates(p: Prefix): Generator<bigint> {
  const [lo, hi] = prefixBounds(p);
  if (hi - lo < 2n) {
    yield lo;
    if (hi > lo) yield hi;
    return;
  }
  const start = hi - lo > 32n ? lo + 10n : lo + 1n;
  for (let v = start; v < hi && v < start + SEARCH; v++) yield v;
}

/**
 * The namespace of a zone subnet. A zone is one namespace, but a zone with several subnets of one family gets one per
 * subnet (the n-th subnet of each family together), so that traffic between its subnets goes through the router as it
 * does through a real SVI or firewall interface, instead of being delivered inside one namespace.
 */
export function seatOf(zone: Zone, subnet: Prefix): string {
  const same = zone.subnets.filter((s) => s.prefix.family === subnet.family);
  if (!zone.subnets.some((s) => zone.subnets.filter((t) => t.prefix.family === s.prefix.family).length > 1)) return zone.name;
  const n = same.findIndex((s) => s.prefix.network === subnet.network && s.prefix.length === subnet.length);
  return `${zone.name}#${n + 1}`;
}

/** Every namespace of the zones, in zone order. */
export function seatsOf(zones: Zone[]): string[] {
  return [...new Set(zones.flatMap((z) => z.subnets.map((s) => seatOf(z, s.prefix))))];
}

export function routerAddresses(zones: Zone[]): RouterAddress[] {
  return zones.flatMap((z) =>
    z.subnets.map((s) => {
      const [lo, hi] = prefixBounds(s.prefix);
      const gw = z.gateways.find((g) => g.prefix.family === s.prefix.family && prefixBounds(g.prefix)[0] >= lo && prefixBounds(g.prefix)[0] <= hi);
      const key = gw ? prefixBounds(gw.prefix)[0] : hi - lo >= 2n ? hi - 1n : lo;
      return { zone: z.name, seat: seatOf(z, s.prefix), family: s.prefix.family, address: formatKey(key), key, length: s.prefix.length };
    }),
  );
}

/**
 * Representatives: for each group, one address inside each of its prefixes (the whole zone when it has none) whose
 * identity is that group; for each zone, one address per family whose identity is the zone and no group.
 */
export function labHosts(policy: Policy, zones: Zone[]): LabHost[] {
  const plan = buildAddressPlan(policy);
  const routers = new Set(routerAddresses(zones).map((r) => r.key));
  const taken = new Set<bigint>();
  const hosts: LabHost[] = [];
  const pick = (prefixes: Prefix[], zone: Zone, group: string | undefined, perFamily: boolean) => {
    const found: LabHost[] = [];
    for (const p of prefixes) {
      if (perFamily && found.some((h) => h.family === p.family)) continue;
      for (const key of candidates(p)) {
        if (taken.has(key) || routers.has(key)) continue;
        const id = plan.identityOf(key);
        if (id.zone !== zone.name || id.group !== group) continue;
        const subnet = zone.subnets.find((s) => s.prefix.family === p.family && inside(s.prefix, key));
        if (!subnet) continue;
        taken.add(key);
        const endpoint = group ?? zone.name;
        const seat = seatOf(zone, subnet.prefix);
        found.push({ name: endpoint, endpoint, zone: zone.name, seat, family: p.family, address: formatKey(key), key, length: subnet.prefix.length });
        break;
      }
    }
    found.forEach((h, i) => (h.name = i === 0 ? h.endpoint : `${h.endpoint}#${i + 1}`));
    hosts.push(...found);
  };
  for (const zone of zones) {
    const groups = [...policy.groups.values()].filter((g) => g.zone.value === zone.name).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const g of groups) pick(g.addresses.length ? g.addresses.map((a) => a.prefix) : zone.subnets.map((s) => s.prefix), zone, g.name, false);
    // The zone's own addresses: one per family, or one per subnet when it has several namespaces.
    pick(zone.subnets.map((s) => s.prefix), zone, undefined, seatsOf([zone]).length === 1);
  }
  return hosts;
}

function inside(p: Prefix, key: bigint): boolean {
  const [lo, hi] = prefixBounds(p);
  return key >= lo && key <= hi;
}

