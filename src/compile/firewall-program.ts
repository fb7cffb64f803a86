import type { EnforcementPoint } from '../model/policy.js';
import { zonesTouched } from '../model/zone-index.js';
import { ALL_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import { dhcpRelayOf, familiesOf, gatewaysOf, routedSegmentFamilies, zonesVia, type CompileContext } from './context.js';
import { gatewayDestinations, linkInfrastructure } from '../model/link-infrastructure.js';
import type { Zone } from '../model/policy.js';
import { TRANSIT_ZONE, type GatewayRule, type FirewallProgram, type FirewallRule, type FirewallZone, type Provenance } from './ir.js';
import { familyBoxes } from './lines.js';
import { nameTable } from './names.js';
import { objectTable, split, type ObjectTable } from './objects.js';
import { where } from './rules.js';
import { serviceMatches } from './service-match.js';

/**
 * A stateful firewall or Linux router: one ordered rule list over zones. Its own zones are those routed via it;
 * everything else is reached through the transit zone. Replies pass by connection state, so no return rules.
 */
export function firewallProgram(ctx: CompileContext, ep: EnforcementPoint): FirewallProgram {
  const local = zonesVia(ctx.policy, ep.name);
  const localNames = new Set(local.map((z) => z.name));
  // Zone names on the device: safe for every platform and unique, the generated transit zone's included (a zone of the
  // policy named `transit` keeps its name; the generated one takes the next free).
  const zoneTable = nameTable();
  const irZone = new Map(local.map((z) => [z.name, zoneTable.claim(`zone:${z.name}`, z.name)]));
  const transit = zoneTable.claim('transit', TRANSIT_ZONE);
  const localSet = local.map((z) => ctx.plan.zone(z.name)).reduce(iv.union, iv.EMPTY);
  // What this device sees: traffic to or from its zones, less traffic that stays inside one zone.
  const seen = ps.subtract(
    ps.union(ps.between(localSet, ALL_ADDRESSES, ALL_SERVICES), ps.between(ALL_ADDRESSES, localSet, ALL_SERVICES)),
    ps.unionAll(local.map((z) => ps.between(ctx.plan.zone(z.name), ctx.plan.zone(z.name), ALL_SERVICES))),
  );
  // Rules share address sets (a group's, a zone's): their zone lists are worked out once per set.
  const zoneLists = new Map<IntervalSet, string[]>();
  const zoneNames = (set: IntervalSet) => {
    let list = zoneLists.get(set);
    if (!list) {
      const names = zonesTouched(ctx.plan, set).map((z) => irZone.get(z) ?? transit);
      zoneLists.set(set, (list = [...new Set(names)].sort()));
    }
    return list;
  };
  const objects = objectTable(ctx.known);
  const names = nameTable();
  const allZones = [...irZone.values(), transit].sort();
  const rules: FirewallRule[] = [];
  // First, traffic between two subnets of one zone: the firewall routes it, the policy calls it one segment.
  for (const zone of local) {
    const families = routedSegmentFamilies(zone);
    if (families.length === 0) continue;
    const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc) };
    for (const [family, set] of split(ctx.plan.zone(zone.name))) {
      if (!families.includes(family)) continue;
      const name = objects.nameFor(set, `zone-${zone.name}`);
      rules.push({
        name: names.claim(`segment:${zone.name}:${family}`, `${zone.name}-segment-v${family}`),
        action: 'permit',
        family,
        fromZones: [irZone.get(zone.name)!],
        toZones: [irZone.get(zone.name)!],
        src: [name],
        dst: [name],
        services: [{ proto: 'any' }],
        log: false,
        provenance,
        description: `Zone ${zone.name} is one segment: its hosts in different subnets reach each other`,
      });
    }
  }
  // Only rules with sources or destinations in this firewall's zones can meet what it sees (the default deny always).
  const candidates = [...ctx.byZone.rules(['src', 'dst'], [...localNames]).filter((r) => r.provenance.kind !== 'default'), ctx.rules.at(-1)!];
  // All of a rule is seen when one side lies in this firewall's zones and no packet stays inside one of them.
  const wholly = (packets: ps.PacketSet) => {
    const z = ctx.byZone.zonesOf(packets);
    if (!z) return false;
    const inside = (zones: string[]) => zones.every((x) => localNames.has(x));
    return (inside(z.src) || inside(z.dst)) && !z.src.some((x) => localNames.has(x) && z.dst.includes(x));
  };
  for (const rule of candidates) {
    const id = rule.provenance.id ?? 'default-deny';
    const boxes =
      rule.provenance.kind === 'default'
        ? ([4, 6] as const).map((family) => ({ family, box: undefined }))
        : familyBoxes(wholly(rule.packets) ? rule.packets : ps.intersect(rule.packets, seen));
    boxes.forEach(({ family, box }, i) => {
      const key = `${rule.provenance.kind}:${id}:${rule.provenance.guardrail ?? ''}:${family}:${i}`;
      // A monitor-mode rule's name starts with its marker: firewalls log the rule name, so the marker reaches the log.
      const base = rule.provenance.monitor ? `${rule.provenance.monitor}-${id}` : rule.provenance.kind === 'exception' ? `${id}-x-${rule.provenance.guardrail}` : id;
      rules.push({
        name: names.claim(key, i < 2 && boxes.length <= 2 ? `${base}-v${family}` : `${base}-v${family}-${i + 1}`),
        action: rule.action,
        family,
        fromZones: box ? zoneNames(box.src) : allZones,
        toZones: box ? zoneNames(box.dst) : allZones,
        src: box ? [objects.nameFor(box.src, `${id}-src`)] : ['any'],
        dst: box ? [objects.nameFor(box.dst, `${id}-dst`)] : ['any'],
        services: box ? serviceMatches(box.services, family) : [{ proto: 'any' }],
        log: rule.log,
        provenance: rule.provenance,
        description: rule.description,
      });
    });
  }
  const zones: FirewallZone[] = local.map((z) => {
    const zone: FirewallZone = { name: irZone.get(z.name)!, zone: z.name, local: true, isolation: z.isolation, gateways: gatewaysOf(z), families: familiesOf(z) };
    if (z.interface) zone.interface = z.interface.value;
    const relay = dhcpRelayOf(ctx, z);
    if (relay) zone.dhcpRelay = relay;
    if (z.vlan) zone.vlan = z.vlan.value;
    if (z.description) zone.description = z.description;
    return zone;
  });
  zones.push({ name: transit, local: false, isolation: false, gateways: [], description: 'everything reached through other enforcement points' });
  const gateway = local.flatMap((z) => gatewayRules(ctx, z, irZone.get(z.name)!, objects, ctx.rules.at(-1)!.log));
  const program: FirewallProgram = { kind: 'firewall', point: ep.name, platform: ep.platform.value, objects: [], zones, rules, gateway };
  if (ep.description) program.description = ep.description;
  program.objects = objects.objects();
  for (const rule of rules) Object.assign(rule, { src: rule.src.map(objects.resolve), dst: rule.dst.map(objects.resolve) });
  for (const rule of gateway) Object.assign(rule, { src: objects.resolve(rule.src), dst: objects.resolve(rule.dst) });
  return program;
}

/**
 * What the zone's link may send the device itself: its link infrastructure, then a logged deny of everything else for
 * the device's addresses on the zone and for link-scope addresses (docs/infrastructure.md).
 */
function gatewayRules(ctx: CompileContext, zone: Zone, irName: string, objects: ObjectTable, log: boolean): GatewayRule[] {
  const out: GatewayRule[] = [];
  for (const link of linkInfrastructure(ctx.policy, zone)) {
    out.push({
      zone: irName,
      action: 'permit',
      family: link.family,
      src: objects.nameFor(link.src, `${zone.name}-${link.service}-src`),
      dst: objects.nameFor(link.dst, `${zone.name}-${link.service}-dst`),
      services: serviceMatches(link.services, link.family),
      log: false,
      provenance: { kind: 'infrastructure', id: `${zone.name}/${link.service}`, ...where(zone.infrastructure.loc) },
    });
  }
  const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc), gateways: true };
  for (const family of familiesOf(zone)) {
    const dst = objects.nameFor(gatewayDestinations(zone, family), `${zone.name}-gateway-v${family}`);
    out.push({ zone: irName, action: 'deny', family, src: 'any', dst, services: [{ proto: 'any' }], log, provenance });
  }
  return out;
}
