import { linkInfrastructure, gatewayDestinations } from '../model/link-infrastructure.js';
import type { Group, Zone } from '../model/policy.js';
import { V4_ADDRESSES, ALL_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import { compactionSets, finalDeny, listLines } from './acl-program.js';
import { compactList } from './compact.js';
import type { CompileContext } from './context.js';
import type { AclLine, Provenance, RoleAcl } from './ir.js';
import { objectTable, type ObjectTable } from './objects.js';
import { where } from './rules.js';
import { serviceMatches } from './service-match.js';

/**
 * A group's downloadable ACL, the list its zone's SVI applies to what the zone sends (acl-program.ts) narrowed to the
 * group's IPv4 addresses, for the port of each of its devices: first what its link may send the switch itself (the
 * zone's link infrastructure, then a deny of the gateway and link-scope addresses), then its own zone (the same
 * segment, which the policy does not filter, unless the zone is isolated: then none of it), then replies to connections the
 * policy lets others open towards it and what it may open itself, then deny.
 */
export function roleAcl(ctx: CompileContext, group: Group, role: string): RoleAcl {
  const zone = ctx.policy.zones.get(group.zone.value)!;
  const objects = objectTable(ctx.known);
  const own = iv.intersect(ctx.plan.group(group.name), V4_ADDRESSES);
  const zoneSet = iv.intersect(ctx.plan.zone(zone.name), V4_ADDRESSES);
  const log = ctx.rules.at(-1)!.log;
  const lines: AclLine[] = [...linkLines(ctx, zone, own, objects, log)];
  if (!iv.isEmpty(own)) {
    const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc) };
    const hint = `${role}-own-zone`;
    if (!zone.isolation) lines.push({ action: 'permit', family: 4, src: objects.nameFor(own, hint), dst: objects.nameFor(zoneSet, hint), service: { proto: 'any' }, log: false, provenance });
    const elsewhere = iv.subtract(ALL_ADDRESSES, ctx.plan.zone(zone.name));
    const cut = ps.between(own, elsewhere, ALL_SERVICES);
    const repliesOf = ps.between(elsewhere, own, ALL_SERVICES);
    lines.push(...listLines(ctx, objects, zone.name, 'in', cut, repliesOf, true).filter((l) => l.family === 4 && l.provenance.kind !== 'default'));
  }
  lines.push(...finalDeny(ctx.rules.at(-1)!).filter((l) => l.family === 4));
  const compacted = compactList(lines, compactionSets(objects, 4));
  objects.retain(new Set(compacted.flatMap((l) => [l.src, l.dst])));
  for (const line of compacted) Object.assign(line, { src: objects.resolve(line.src), dst: objects.resolve(line.dst) });
  return { role, group: group.name, zone: zone.name, objects: objects.objects(), lines: compacted };
}

/** The zone's link services from the group's addresses and the link's own sources (0.0.0.0, link-local), then the gateway denied. */
function linkLines(ctx: CompileContext, zone: Zone, own: iv.IntervalSet, objects: ObjectTable, log: boolean): AclLine[] {
  const zoneSet = ctx.plan.zone(zone.name);
  const lines: AclLine[] = [];
  for (const link of linkInfrastructure(ctx.policy, zone)) {
    if (link.family !== 4) continue;
    const from = iv.union(iv.intersect(link.src, own), iv.subtract(link.src, zoneSet));
    if (iv.isEmpty(from)) continue;
    const provenance: Provenance = { kind: 'infrastructure', id: `${zone.name}/${link.service}`, ...where(zone.infrastructure.loc) };
    const src = objects.nameFor(from, `${zone.name}-${link.service}-src`);
    const dst = objects.nameFor(link.dst, `${zone.name}-${link.service}-dst`);
    for (const service of serviceMatches(link.services, 4)) lines.push({ action: 'permit', family: 4, src, dst, service, log: false, provenance });
  }
  if (zone.subnets.some((s) => s.prefix.family === 4)) {
    const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc), gateways: true };
    lines.push({ action: 'deny', family: 4, src: 'any', dst: objects.nameFor(gatewayDestinations(zone, 4), `${zone.name}-gateway-v4`), service: { proto: 'any' }, log, provenance });
  }
  return lines;
}
