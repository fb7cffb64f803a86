import type { Hop, WirePacket, WireVerdict } from '../compile/evaluate.js';
import type { AddressPlan } from '../model/address-plan.js';
import type { Policy, Zone } from '../model/policy.js';
import { prefixBounds } from '../net/address.js';
import type { ConfigLine, ConfigReading, ReadVerdict, ZoneLink } from '../../targets/reader.js';

/** One device's reading of its files; a point with a pair or group of devices has one per device. */
export interface DeviceReading {
  point: string;
  device?: string;
  reading: ConfigReading;
  /** Its directory in the compiled layout (`ward4-sw/`, `dc-leaf/dc-leaf-1/`): its lines' files are named under it. */
  dir: string;
}

/** A hop as a device's text decided it: the IR evaluator's hop, with the config lines that decide. */
export interface ConfigHop extends Hop {
  lines: ConfigLine[];
}

export interface ConfigVerdict extends WireVerdict {
  hops: ConfigHop[];
}

/** Devices of one point that answered the same packet differently: each is a path the traffic may take. */
export interface DeviceSplit {
  packet: WirePacket;
  point: string;
  verdicts: { device: string; verdict: ReadVerdict }[];
}

export interface ConfigEvaluator {
  packet(p: WirePacket, opts?: { reply?: boolean; every?: boolean }): ConfigVerdict;
  gateway(zone: string, p: WirePacket): ConfigVerdict;
  switched(zone: string, p: WirePacket): ConfigVerdict;
  /** Every split between devices of a point met so far, in the order met. */
  splits: DeviceSplit[];
}

/**
 * The path rule of DESIGN.md answered from the devices' text instead of the IR: the source zone's enforcement point
 * as the packet enters, the destination zone's as it leaves, each device deciding as its reader says. The policy
 * only tells which zone an address is in and which point routes the zone; what a point does is its text's.
 */
export function configEvaluator(policy: Policy, plan: AddressPlan, readings: readonly DeviceReading[]): ConfigEvaluator {
  const byPoint = new Map<string, DeviceReading[]>();
  for (const r of readings) byPoint.set(r.point, [...(byPoint.get(r.point) ?? []), r]);
  const splits: DeviceSplit[] = [];
  const link = (zone: Zone): ZoneLink => ({ zone: zone.name, vlan: zone.vlan?.value, interface: zone.interface?.value });
  // Every device of a point must answer alike: traffic may take either; a split is reported, the first device's answer kept.
  const ask = (point: string, p: WirePacket, question: (r: ConfigReading) => ReadVerdict): ConfigHop | undefined => {
    const devices = byPoint.get(point);
    if (!devices) return undefined;
    const verdicts = devices.map((d) => {
      const verdict = question(d.reading);
      return { device: d.device ?? point, verdict: { ...verdict, lines: verdict.lines.map((l) => ({ ...l, file: `${d.dir}${l.file}` })) } };
    });
    if (verdicts.some((v) => v.verdict.action !== verdicts[0]!.verdict.action)) splits.push({ packet: p, point, verdicts });
    const first = verdicts[0]!;
    const where = devices.length > 1 ? `${first.device} ${first.verdict.where}` : first.verdict.where;
    return { point, where, action: first.verdict.action, provenance: { kind: 'default' }, lines: first.verdict.lines };
  };
  const zoneOf = (key: bigint) => {
    const name = plan.identityOf(key).zone;
    return name === undefined ? undefined : policy.zones.get(name);
  };
  const single = (hop: ConfigHop | undefined): ConfigVerdict => (hop ? { action: hop.action, hops: [hop] } : { action: 'permit', hops: [] });
  return {
    splits,
    gateway(zoneName, p) {
      const zone = policy.zones.get(zoneName)!;
      const hop = ask(zone.via.value, p, (r) => r.toDevice(link(zone), p));
      return hop ? single(hop) : { action: 'permit', hops: [] };
    },
    switched(zoneName, p) {
      const zone = policy.zones.get(zoneName)!;
      const hop = ask(zone.via.value, p, (r) => r.switched(link(zone), p));
      // Nothing filtering the VLAN: the switch forwards.
      return hop && hop.lines.length > 0 ? single(hop) : hop?.action === 'deny' ? single(hop) : { action: 'permit', hops: [] };
    },
    packet(p, opts = {}) {
      const from = zoneOf(p.src);
      const to = zoneOf(p.dst);
      const state = opts.reply ? 'established' : 'new';
      if (from && from === to) {
        // Within one subnet a packet is switched; between two subnets of the zone its point routes it, in and out.
        const filtered = ask(from.via.value, p, (r) => r.switched(link(from), p));
        if (filtered && (filtered.lines.length > 0 || filtered.action === 'deny')) return single(filtered);
        if (!routedWithin(from, p)) return { action: 'permit', hops: [] };
        const hop = ask(from.via.value, p, (r) => r.forward(p, link(from), link(from), state));
        return single(hop);
      }
      const first = from?.via.value;
      const second = to?.via.value;
      const hops: ConfigHop[] = [];
      if (first !== undefined && first === second) {
        const hop = ask(first, p, (r) => r.forward(p, link(from!), link(to!), state));
        if (hop) hops.push(hop);
      } else {
        if (first !== undefined) {
          const hop = ask(first, p, (r) => r.forward(p, link(from!), undefined, state));
          if (hop) hops.push(hop);
        }
        if (second !== undefined && (opts.every || hops.at(-1)?.action !== 'deny')) {
          const hop = ask(second, p, (r) => r.forward(p, undefined, link(to!), state));
          if (hop) hops.push(hop);
        }
      }
      return { action: hops.some((h) => h.action === 'deny') ? 'deny' : 'permit', hops };
    },
  };
}

/** Whether two addresses of a zone lie in different subnets, each with a gateway: the zone's point routes between them. */
function routedWithin(zone: Zone, p: WirePacket): boolean {
  const routed = zone.subnets.filter((s) => zone.gateways.some((g) => inside(s.prefix, prefixBounds(g.prefix)[0])));
  const subnetOf = (key: bigint) => routed.findIndex((s) => inside(s.prefix, key));
  const a = subnetOf(p.src);
  const b = subnetOf(p.dst);
  return a >= 0 && b >= 0 && a !== b;
}

function inside(prefix: Parameters<typeof prefixBounds>[0], key: bigint): boolean {
  const [lo, hi] = prefixBounds(prefix);
  return key >= lo && key <= hi;
}
