import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import type { AddressPlan } from './address-plan.js';
import type { Policy } from './policy.js';

/** Packets that stay inside one zone and so cross no enforcement point, split by whether the zone isolates ports. */
export interface IntraZonePackets {
  open: PacketSet;
  isolated: PacketSet;
}

export function intraZonePackets(policy: Policy, plan: AddressPlan): IntraZonePackets {
  const open: PacketSet[] = [];
  const isolated: PacketSet[] = [];
  for (const zone of policy.zones.values()) {
    const set = plan.zone(zone.name);
    (zone.isolation ? isolated : open).push(ps.between(set, set, ALL_SERVICES));
  }
  return { open: ps.unionAll(open), isolated: ps.unionAll(isolated) };
}
