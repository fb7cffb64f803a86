import type { AddressPlan } from '../model/address-plan.js';
import type { IntentPackets } from '../model/intent-packets.js';
import type { Policy, WrittenPrefix, Zone } from '../model/policy.js';
import { formatAddress, prefixContains } from '../net/address.js';
import type { Family } from './ir.js';
import { effectivePermits, type Rule } from './rules.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';

/** What every enforcement point's program is cut from: the policy's one ordered rule list. */
export interface CompileContext {
  policy: Policy;
  plan: AddressPlan;
  packets: IntentPackets;
  rules: Rule[];
  permits: { rule: Rule; packets: PacketSet }[];
  /** Everything the policy permits: the union of the permits. */
  permitted: PacketSet;
}

export function compileContext(policy: Policy, plan: AddressPlan, packets: IntentPackets, rules: Rule[]): CompileContext {
  const permits = effectivePermits(rules);
  return { policy, plan, packets, rules, permits, permitted: ps.unionAll(permits.map((p) => p.packets)) };
}

/** The zones an enforcement point routes, in the order the policy defines them. */
export function zonesVia(policy: Policy, point: string): Zone[] {
  return [...policy.zones.values()].filter((z) => z.via.value === point);
}

export function familiesOf(zone: Zone): Family[] {
  const set = new Set(zone.subnets.map((s) => s.prefix.family));
  return ([4, 6] as const).filter((f) => set.has(f));
}

/** SVI addresses with the length of the subnet that holds them. */
export function gatewaysOf(zone: Zone): { family: Family; address: string; length: number }[] {
  return zone.gateways.flatMap((gw: WrittenPrefix) => {
    const subnet = zone.subnets.find((s) => prefixContains(s.prefix, gw.prefix));
    if (!subnet) return [];
    return [{ family: gw.prefix.family, address: formatAddress(gw.prefix.family, gw.prefix.network), length: subnet.prefix.length }];
  });
}
