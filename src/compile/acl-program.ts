import { formatPrefix } from '../net/address.js';
import type { EnforcementPoint, Zone } from '../model/policy.js';
import { ALL_ADDRESSES, V4_ADDRESSES, V6_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import { compileContext, dhcpRelayOf, familiesOf, gatewaysOf, routedSegmentFamilies, zonesVia, type CompileContext } from './context.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AclLine, AclList, AclProgram, Family, PortIsolation, Provenance, ZoneInterface } from './ir.js';
import { compactList, type CompactionSets } from './compact.js';
import { forwardLines, returnLines } from './lines.js';
import { gatewayDestinations, linkInfrastructure } from '../model/link-infrastructure.js';
import { isolationRules, type IsolationRule } from '../model/isolation.js';
import { serviceMatches } from './service-match.js';
import { nameTable, type NameTable } from './names.js';
import { objectTable, split, type ObjectTable } from './objects.js';
import { where, type Rule } from './rules.js';
import { replyFlagValues } from './tcp-replies.js';
import { isMonitoredGuardrail } from '../model/monitor.js';

export { compileContext };

/**
 * A stateless switch or router: on each zone's SVI, an inbound list (traffic from the zone) and an outbound list
 * (traffic towards it). Each list is the policy's rules cut to what crosses it, after the return lines that pass
 * replies of connections the policy allows, and ends with a logged deny.
 */
export function aclProgram(ctx: CompileContext, ep: EnforcementPoint, compact = true): AclProgram {
  const objects = objectTable(ctx.known);
  const names = nameTable();
  // VLAN names are their own namespace: safe and unique (zones `a.b` and `a_b` would both be `a_b`).
  const vlanNames = nameTable();
  const interfaces: ZoneInterface[] = [];
  const lists: AclList[] = [];
  for (const zone of zonesVia(ctx.policy, ep.name)) {
    const zoneSet = ctx.plan.zone(zone.name);
    const iface: ZoneInterface = {
      zone: zone.name,
      vlanName: vlanNames.claim(zone.name, zone.name),
      gateways: gatewaysOf(zone),
      subnets: zone.subnets.map((s) => ({ family: s.prefix.family, prefix: formatPrefix(s.prefix) })),
      acls: [],
    };
    if (zone.isolation) iface.isolation = portIsolation(ctx, zone, objects, names);
    if (zone.vlan) iface.vlan = zone.vlan.value;
    const relay = dhcpRelayOf(ctx, zone);
    if (relay) iface.dhcpRelay = relay;
    if (zone.description) iface.description = zone.description;
    // What the zone's link sends the switch itself comes first (answered by its infrastructure, else denied), then
    // traffic that stays in the zone, which reaches the SVI only between two of its subnets.
    const log = ctx.rules.at(-1)!.log;
    const gateway = gatewayLines(ctx, zone, objects, log);
    const own = segmentLines(zone, zoneSet, objects);
    const elsewhere = iv.subtract(ALL_ADDRESSES, zoneSet);
    const from = ps.between(zoneSet, elsewhere, ALL_SERVICES);
    const towards = ps.between(elsewhere, zoneSet, ALL_SERVICES);
    for (const direction of ['in', 'out'] as const) {
      // In: what the zone sends, and replies it sends back; out: what reaches the zone, and replies to it.
      const cut = direction === 'in' ? from : towards;
      const repliesOf = direction === 'in' ? towards : from;
      const lines = [...(direction === 'in' ? gateway : []), ...own, ...listLines(ctx, objects, zone.name, direction, cut, repliesOf)];
      for (const family of familiesOf(zone)) {
        const name = names.claim(`${zone.name}:${direction}:${family}`, `${zone.name}-${direction}-v${family}`);
        const own = linesOf(lines, family);
        lists.push({ name, family, zone: zone.name, direction, lines: compact ? compactList(own, compactionSets(objects, family)) : own });
        iface.acls.push({ family, direction, name });
      }
    }
    interfaces.push(iface);
  }
  const program: AclProgram = { kind: 'acl', point: ep.name, platform: ep.platform.value, objects: [], interfaces, lists };
  if (ep.description) program.description = ep.description;
  const flags = replyFlagValues(ep.platform.value);
  if (flags) program.tcpReplyFlags = flags;
  const isolationLines = interfaces.flatMap((i) => i.isolation?.families.flatMap((f) => f.lines) ?? []);
  objects.retain(new Set([...lists.flatMap((l) => l.lines), ...isolationLines].flatMap((x) => [x.src, x.dst])));
  program.objects = objects.objects();
  for (const line of [...lists.flatMap((l) => l.lines), ...isolationLines]) Object.assign(line, { src: objects.resolve(line.src), dst: objects.resolve(line.dst) });
  return program;
}

/**
 * One list's lines: return lines for what `repliesOf` holds, then the policy's rules cut to `cut`, then the final deny.
 * `exact`: every rule is cut, even one wholly on the zone's side (a group's list, compile/dacl-program.ts, is narrower).
 */
export function listLines(
  ctx: CompileContext,
  objects: ObjectTable,
  zone: string,
  direction: 'in' | 'out',
  cut: ps.PacketSet,
  repliesOf: ps.PacketSet,
  exact = false,
): AclLine[] {
  // In: the zone's sources, and replies to connections towards it; out: the zone's destinations, and replies from it.
  const own = direction === 'in' ? 'src' : 'dst';
  const replied = direction === 'in' ? 'dst' : 'src';
  const lines: AclLine[] = [];
  // Needed only by whole-protocol return lines, so computed on first use.
  let here: ps.PacketSet | undefined;
  const permittedHere = () => (here ??= ps.intersect(ps.unionAll(ctx.byZone.permits(own, zone).map((p) => p.packets)), cut));
  // Packets wholly on one side of the zone's edge need no cutting: most flows run from one zone to another.
  const crossing = (packets: ps.PacketSet, inside: 'src' | 'dst', part: ps.PacketSet) => {
    const z = ctx.byZone.zonesOf(packets);
    const whole = !exact && z && z[inside].length === 1 && z[inside][0] === zone && !z[inside === 'src' ? 'dst' : 'src'].includes(zone);
    return whole ? packets : ps.intersect(packets, part);
  };
  for (const { rule, packets } of ctx.byZone.permits(replied, zone)) {
    const id = rule.provenance.id!;
    // A monitored zone's replies run to or from that zone as well, so its own monitor lines pass them, but where an
    // enforced guardrail forbids the reverse direction: only those need return lines.
    const forward = rule.provenance.kind === 'monitor' ? ps.intersect(packets, reverseGuarded(ctx)) : packets;
    if (forward !== packets && ps.isEmpty(forward)) continue;
    returnLines(id, rule.provenance, crossing(forward, replied, repliesOf), objects, permittedHere, lines, icmpErrorsTo(ctx));
  }
  for (const rule of ctx.byZone.rules([own], [zone])) {
    if (rule.provenance.kind !== 'default') forwardLines(rule, crossing(rule.packets, own, cut), objects, rule.provenance.id!, lines);
  }
  lines.push(...finalDeny(ctx.rules.at(-1)!));
  return withoutRepeats(lines);
}

/**
 * A line that repeats an earlier one (same action, addresses and match) can never decide a packet: the earlier one
 * already did. ICMP errors returning to one opener, for each of its flows, are the usual such repeats.
 */
function withoutRepeats(lines: AclLine[]): AclLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    if (l.reply || l.action !== 'permit' || l.service?.icmp === undefined) return true;
    const k = `${l.family}\0${l.src}\0${l.dst}\0${JSON.stringify(l.service)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The zone's link to the switch itself (docs/infrastructure.md): what its infrastructure answers (DHCP to the relay,
 * neighbour discovery, first-hop redundancy), then a logged deny of everything else for the switch's own addresses and
 * link-scope destinations, which no flow reaches: the gateway is not a host of the segment.
 */
function gatewayLines(ctx: CompileContext, zone: Zone, objects: ObjectTable, log: boolean): AclLine[] {
  const lines: AclLine[] = [];
  for (const link of linkInfrastructure(ctx.policy, zone)) {
    const provenance: Provenance = { kind: 'infrastructure', id: `${zone.name}/${link.service}`, ...where(zone.infrastructure.loc) };
    const src = objects.nameFor(link.src, `${zone.name}-${link.service}-src`);
    const dst = objects.nameFor(link.dst, `${zone.name}-${link.service}-dst`);
    for (const service of serviceMatches(link.services, link.family)) lines.push({ action: 'permit', family: link.family, src, dst, service, log: false, provenance });
  }
  const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc), gateways: true };
  for (const family of familiesOf(zone)) {
    const dst = objects.nameFor(gatewayDestinations(zone, family), `${zone.name}-gateway-v${family}`);
    lines.push({ action: 'deny', family, src: 'any', dst, service: { proto: 'any' }, log, provenance });
  }
  return lines;
}

/** Permits from the zone to itself in each family where it has several subnets (the SVI routes between them). */
function segmentLines(zone: Zone, zoneSet: IntervalSet, objects: ObjectTable): AclLine[] {
  const families = routedSegmentFamilies(zone);
  if (families.length === 0) return [];
  const provenance: Provenance = { kind: 'segment', id: zone.name, ...where(zone.loc) };
  const lines: AclLine[] = [];
  for (const [family, set] of split(zoneSet)) {
    if (!families.includes(family)) continue;
    const hosts = objects.nameFor(set, `zone-${zone.name}`);
    lines.push({ action: 'permit', family, src: hosts, dst: hosts, service: { proto: 'any' }, log: false, provenance });
  }
  return lines;
}

const reverseMemo = new WeakMap<CompileContext, ps.PacketSet>();

/** Connections whose reverse an enforced guardrail forbids, by address: a→b for every (b, a) some guardrail holds. */
function reverseGuarded(ctx: CompileContext): ps.PacketSet {
  let set = reverseMemo.get(ctx);
  if (!set) {
    const enforced = ctx.policy.guardrails.filter((g) => !isMonitoredGuardrail(g));
    const parts = enforced.map((g) => ps.between(ctx.plan.endpoints(g.to), ctx.plan.endpoints(g.from), ALL_SERVICES));
    reverseMemo.set(ctx, (set = ps.unionAll(parts)));
  }
  return set;
}

const errorsMemo = new WeakMap<CompileContext, IntervalSet>();

/** Where ICMP errors about a connection may return: everywhere but the zones that say `icmp-errors: false`. */
function icmpErrorsTo(ctx: CompileContext): IntervalSet {
  let set = errorsMemo.get(ctx);
  if (!set) {
    const off = [...ctx.policy.zones.values()].filter((z) => !z.infrastructure.icmpErrors).map((z) => ctx.plan.zone(z.name));
    errorsMemo.set(ctx, (set = iv.subtract(ALL_ADDRESSES, off.reduce(iv.union, iv.EMPTY))));
  }
  return set;
}

/** The explicit, logged deny that ends every list. */
export function finalDeny(rule: Rule): AclLine[] {
  return ([4, 6] as const).map((family) => ({
    action: 'deny',
    family,
    src: 'any',
    dst: 'any',
    service: { proto: 'any' },
    log: rule.log,
    provenance: rule.provenance,
  }));
}

/** The VLAN-wide filter of an isolated zone: its isolation rules (model/isolation.ts) per family, as lines. */
function portIsolation(ctx: CompileContext, zone: Zone, objects: ObjectTable, names: NameTable): PortIsolation {
  const rules = isolationRules(ctx.policy, zone);
  // One provenance per reason, so that targets say it once ahead of its lines.
  const reasons = new Map<string, Provenance>();
  const provenanceOf = (why: IsolationRule['why']): Provenance => {
    let p = reasons.get(why);
    if (!p) reasons.set(why, (p = { kind: 'isolation', id: zone.name, isolation: why, ...where(zone.loc) }));
    return p;
  };
  return {
    name: names.claim(`${zone.name}:isolation`, `${zone.name}-isolate`),
    families: ([4, 6] as const).map((family) => ({
      family,
      list: names.claim(`${zone.name}:isolation:${family}`, `${zone.name}-isolate-v${family}`),
      lines: rules
        .filter((r) => r.family === family)
        .flatMap((r) => {
          const provenance = provenanceOf(r.why);
          const src = objects.nameFor(r.src, `${zone.name}-${r.names[0]}`);
          const dst = objects.nameFor(r.dst, `${zone.name}-${r.names[1]}`);
          const action = r.action === 'forward' ? 'permit' : 'deny';
          return serviceMatches(r.services, family).map((service): AclLine => ({ action, family, src, dst, service, log: false, provenance }));
        }),
    })),
  };
}

/** The object table as compaction sees it, for one family's list: `any` is every address of the family. */
export function compactionSets(objects: ObjectTable, family: Family): CompactionSets {
  const all = family === 4 ? V4_ADDRESSES : V6_ADDRESSES;
  return {
    setOf: (name) => (name === 'any' ? all : objects.setOf(name)),
    nameFor(set, from) {
      if (iv.equals(set, all)) return 'any';
      const hints = new Set<string>();
      for (const n of from) for (const h of objects.hintsOf(n)) hints.add(h);
      return objects.nameFor(set, hints.size ? [...hints] : 'joined');
    },
  };
}

function linesOf(lines: AclLine[], family: Family): AclLine[] {
  return lines.filter((l) => l.family === family);
}
