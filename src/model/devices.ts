import { formatKey, prefixBounds, type Family } from '../net/address.js';
import type { EnforcementPoint, Zone } from './policy.js';

/** One device's own address beside a zone's gateway: the gateway + k for the k-th device (1-based). */
export interface DeviceAddress {
  family: Family;
  /** The zone's gateway (the virtual address) it stands beside. */
  gateway: string;
  address: string;
  length: number;
  /** Why it cannot be used (outside the gateway's subnet, its last address, another gateway); absent: fine. */
  problem?: string;
}

/** The devices of a point, in order; one device (the point itself) when it is not a pair or group. */
export function devicesOf(ep: EnforcementPoint): string[] {
  return ep.devices?.map((d) => d.value) ?? [ep.name];
}

/** The k-th device's addresses in a zone (k from 1), one beside each of the zone's gateways. */
export function deviceAddresses(zone: Zone, k: number): DeviceAddress[] {
  const gateways = new Set(zone.gateways.map((g) => prefixBounds(g.prefix)[0]));
  return zone.gateways.map((g) => {
    const family = g.prefix.family;
    const gateway = prefixBounds(g.prefix)[0];
    const key = gateway + BigInt(k);
    const subnet = zone.subnets.find((s) => s.prefix.family === family && gateway >= prefixBounds(s.prefix)[0] && gateway <= prefixBounds(s.prefix)[1]);
    const out: DeviceAddress = { family, gateway: g.text, address: formatKey(key), length: subnet?.prefix.length ?? (family === 4 ? 32 : 128) };
    // A gateway outside every subnet is WL406's finding; its devices' addresses are not judged here.
    if (!subnet) return out;
    const hi = prefixBounds(subnet.prefix)[1];
    if (key > hi) out.problem = `it is outside the gateway's subnet ${subnet.text}`;
    else if (family === 4 && key === hi && subnet.prefix.length < 31) out.problem = `it is the broadcast address of ${subnet.text}`;
    else if (gateways.has(key)) out.problem = 'it is another gateway address of the zone';
    return out;
  });
}
