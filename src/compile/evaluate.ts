import type { AddressPlan } from '../model/address-plan.js';
import { addressSetOf } from '../net/address-set.js';
import { parsePrefix, prefixBounds, type Prefix } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import { hasPortDimension, ICMP, ICMPV6, TCP } from '../net/service.js';
import type { AclLine, AclProgram, FirewallProgram, FirewallRule, PortRange, Program, Provenance, ServiceMatch } from './ir.js';
import { TRANSIT_ZONE } from './ir.js';
import { replyFlagsMatch } from './tcp-replies.js';

/** A packet on the wire, as the compiled configuration sees it. */
export interface WirePacket {
  src: bigint;
  dst: bigint;
  proto: number;
  /** Destination port for tcp/udp/sctp; type*256+code for ICMP; 0 otherwise. */
  port: number;
  srcPort: number;
  /** The TCP flags field (FIN 0x01 ... URG 0x20, see tcp-replies.ts); 0 for other protocols. */
  tcpFlags: number;
}

export interface Hop {
  point: string;
  where: string;
  action: 'permit' | 'deny';
  provenance: Provenance;
}

export interface WireVerdict {
  action: 'permit' | 'deny';
  hops: Hop[];
}

/**
 * A second evaluator, answering from the compiled IR alone: the path rule of DESIGN.md (the source zone's
 * enforcement point as the packet enters, the destination zone's as it leaves), first match per list or rule base.
 */
export interface IrEvaluator {
  /**
   * One packet through every enforcement point on its path; a reply passes stateful points by connection state. The
   * first deny ends the path, unless `every`: then every point on the path answers (to compare them one by one).
   */
  packet(p: WirePacket, opts?: { reply?: boolean; every?: boolean }): WireVerdict;
  /** One packet from a zone's link to its own gateway (or link-scope): what the zone's point does as it arrives. */
  gateway(zone: string, p: WirePacket): WireVerdict;
  /** One packet between two stations of a zone's link, switched and never routed: what the zone's switch does. */
  switched(zone: string, p: WirePacket): WireVerdict;
}

export function irEvaluator(programs: readonly Program[], plan: AddressPlan, via: (zone: string) => string | undefined): IrEvaluator {
  const byPoint = new Map(programs.map((p) => [p.point, p]));
  const sets = new Map<Program, Map<string, IntervalSet>>(programs.map((p) => [p, objectSets(p, plan)]));
  const member = (program: Program, name: string, key: bigint) =>
    name === 'any' || iv.contains(sets.get(program)!.get(name) ?? iv.EMPTY, key);
  return {
    gateway(zone, p) {
      const program = byPoint.get(via(zone) ?? '');
      if (!program) return { action: 'permit', hops: [] };
      const hop = program.kind === 'acl' ? aclHop(program, zone, 'in', p, (n, k) => member(program, n, k)) : gatewayHop(program, zone, p, (n, k) => member(program, n, k));
      return { action: hop.action, hops: [hop] };
    },
    switched(zone, p) {
      const program = byPoint.get(via(zone) ?? '');
      const hop = isolationHop(program, zone, p, (n, k) => member(program!, n, k));
      return hop ? { action: hop.action, hops: [hop] } : { action: 'permit', hops: [] };
    },
    packet(p, opts = {}) {
      const from = plan.identityOf(p.src).zone;
      const to = plan.identityOf(p.dst).zone;
      const hops: Hop[] = [];
      const first = from ? byPoint.get(via(from) ?? '') : undefined;
      const second = to ? byPoint.get(via(to) ?? '') : undefined;
      // Traffic inside one subnet of a zone is switched, not routed: it meets only the zone's port isolation, if any.
      // Between two subnets of the zone it is routed by the zone's own point, in and out of the same interface.
      if (from !== undefined && from === to) {
        const hop = isolationHop(first, from, p, (n, k) => member(first!, n, k));
        if (hop) return { action: hop.action, hops: [hop] };
        if (!first || !routedWithin(first, from, p)) return { action: 'permit', hops };
      }
      const visits: { program: Program; zone: string; direction: 'in' | 'out' }[] = [];
      if (first && from) visits.push({ program: first, zone: from, direction: 'in' });
      // A firewall is crossed once even when it routes both zones; stateless SVIs filter on the way in and out.
      if (second && to && !(second === first && second.kind === 'firewall')) {
        visits.push({ program: second, zone: to, direction: 'out' });
      }
      for (const v of visits) {
        if (v.program.kind === 'firewall' && opts.reply) continue;
        const hop =
          v.program.kind === 'acl'
            ? aclHop(v.program, v.zone, v.direction, p, (n, k) => member(v.program, n, k))
            : firewallHop(v.program, p, plan, (n, k) => member(v.program, n, k));
        hops.push(hop);
        if (hop.action === 'deny' && !opts.every) return { action: 'deny', hops };
      }
      return { action: hops.some((h) => h.action === 'deny') ? 'deny' : 'permit', hops };
    },
  };
}

/** Whether a packet between two addresses of one zone is routed: they lie in different subnets with an SVI address. */
function routedWithin(program: Program, zone: string, p: WirePacket): boolean {
  const gateways = program.kind === 'acl' ? program.interfaces.find((i) => i.zone === zone)?.gateways : program.zones.find((z) => z.zone === zone)?.gateways;
  const subnetOf = (key: bigint) =>
    (gateways ?? []).findIndex((g) => {
      const { prefix } = parsePrefix(`${g.address}/${g.length}`) as { prefix: Prefix };
      const [lo, hi] = prefixBounds(prefix);
      return key >= lo && key <= hi;
    });
  const a = subnetOf(p.src);
  const b = subnetOf(p.dst);
  return a >= 0 && b >= 0 && a !== b;
}

/** The VLAN-wide isolation filter a switched packet meets on its zone's switch (or a firewall's intra-zone deny). */
function isolationHop(program: Program | undefined, zone: string, p: WirePacket, member: (name: string, key: bigint) => boolean): Hop | undefined {
  if (!program) return undefined;
  const provenance: Provenance = { kind: 'default' };
  if (program.kind === 'firewall') {
    const isolated = program.zones.some((z) => z.zone === zone && z.local && z.isolation);
    return isolated ? { point: program.point, where: `${zone} intra-zone`, action: 'deny', provenance } : undefined;
  }
  const isolation = program.interfaces.find((i) => i.zone === zone)?.isolation;
  const part = isolation?.families.find((f) => f.family === familyOfKey(p.src));
  if (!isolation || !part) return undefined;
  const where = `${zone} vlan ${isolation.name}`;
  const line = part.lines.find((l) => member(l.src, p.src) && member(l.dst, p.dst) && lineMatches(l, p, program.tcpReplyFlags));
  // What no line holds is forwarded: the filter drops only what its lines say.
  return { point: program.point, where, action: line?.action ?? 'permit', provenance: line?.provenance ?? provenance };
}

function setOf(prefixes: readonly string[]): IntervalSet {
  return addressSetOf(prefixes.map((t) => (parsePrefix(t) as { prefix: Prefix }).prefix));
}

/** An object's addresses: its prefixes, and what each DNS name it holds stands for in the model (its stand-ins). */
function objectSets(program: Program, plan: AddressPlan): Map<string, IntervalSet> {
  return new Map(
    program.objects.map((o) => {
      const named = (o.fqdns ?? []).map((fqdn) => plan.names.set(plan.names.byFqdn(fqdn)?.name ?? ''));
      return [o.name, named.reduce(iv.union, setOf(o.prefixes))];
    }),
  );
}

const familyOfKey = (key: bigint) => (key >= 1n << 32n ? 6 : 4);

function aclHop(
  program: AclProgram,
  zone: string,
  direction: 'in' | 'out',
  p: WirePacket,
  member: (name: string, key: bigint) => boolean,
): Hop {
  const family = familyOfKey(p.src);
  const list = program.lists.find((l) => l.zone === zone && l.direction === direction && l.family === family);
  const where = `${zone} ${direction}`;
  // A zone without a list for this family has no SVI address in it: nothing of that family is routed.
  if (!list) return { point: program.point, where, action: 'deny', provenance: { kind: 'default' } };
  for (const line of list.lines) {
    if (member(line.src, p.src) && member(line.dst, p.dst) && lineMatches(line, p, program.tcpReplyFlags)) {
      return { point: program.point, where: `${where} ${list.name}`, action: line.action, provenance: line.provenance };
    }
  }
  return { point: program.point, where: `${where} ${list.name}`, action: 'deny', provenance: { kind: 'default' } };
}

function firewallHop(program: FirewallProgram, p: WirePacket, plan: AddressPlan, member: (name: string, key: bigint) => boolean): Hop {
  const family = familyOfKey(p.src);
  // The program names zones its own way (safe, unique); the plan knows the policy's names.
  const local = new Map(program.zones.filter((z) => z.local).map((z) => [z.zone!, z.name]));
  const transit = program.zones.find((z) => !z.local)?.name ?? TRANSIT_ZONE;
  const zoneOf = (key: bigint) => {
    const z = plan.identityOf(key).zone;
    return (z && local.get(z)) ?? transit;
  };
  const from = zoneOf(p.src);
  const to = zoneOf(p.dst);
  for (const rule of program.rules) {
    if (rule.family !== family || !rule.fromZones.includes(from) || !rule.toZones.includes(to)) continue;
    if (!rule.src.some((n) => member(n, p.src)) || !rule.dst.some((n) => member(n, p.dst))) continue;
    if (!ruleServiceMatches(rule, p)) continue;
    return { point: program.point, where: `${from} -> ${to} ${rule.name}`, action: rule.action, provenance: rule.provenance };
  }
  return { point: program.point, where: `${from} -> ${to}`, action: 'deny', provenance: { kind: 'default' } };
}

/** A firewall's rules for what a local zone's link sends the device itself, first match; nothing matching passes. */
function gatewayHop(program: FirewallProgram, zone: string, p: WirePacket, member: (name: string, key: bigint) => boolean): Hop {
  const family = familyOfKey(p.src);
  const where = `${zone} to the device`;
  const named = program.zones.find((z) => z.zone === zone)?.name;
  for (const rule of program.gateway) {
    if (rule.zone !== named || rule.family !== family || !member(rule.src, p.src) || !member(rule.dst, p.dst)) continue;
    if (!rule.services.some((s) => serviceMatches(s, p))) continue;
    return { point: program.point, where, action: rule.action, provenance: rule.provenance };
  }
  return { point: program.point, where, action: 'permit', provenance: { kind: 'default' } };
}

function ruleServiceMatches(rule: FirewallRule, p: WirePacket): boolean {
  return rule.services.some((s) => serviceMatches(s, p));
}

const inRanges = (ranges: readonly PortRange[], v: number) => ranges.some((r) => v >= r.lo && v <= r.hi);

export function serviceMatches(m: ServiceMatch, p: WirePacket): boolean {
  if (m.proto === 'any') return true;
  if (m.proto !== p.proto) return false;
  if (m.icmp) return m.icmp.some((t) => t.type === p.port >> 8 && (t.code === undefined || t.code === (p.port & 255)));
  if (m.ports && hasPortDimension(m.proto)) return inRanges(m.ports, p.port);
  return true;
}

/** `replyFlags`: the exact TCP flag values the program's reply lines pass (EXOS), else ACK or RST set. */
export function lineMatches(line: AclLine, p: WirePacket, replyFlags: readonly number[] | undefined): boolean {
  if (line.service) return serviceMatches(line.service, p);
  const r = line.reply!;
  switch (r.kind) {
    case 'tcp-established':
      return p.proto === TCP && replyFlagsMatch(replyFlags, p.tcpFlags) && inRanges(r.srcPorts, p.srcPort);
    case 'mirrored-ports':
      return p.proto === r.proto && inRanges(r.srcPorts, p.srcPort);
    case 'icmp-echo-reply':
      return p.proto === r.proto && p.port >> 8 === (r.proto === ICMP ? 0 : r.proto === ICMPV6 ? 129 : -1);
    case 'reverse-protocol':
      return r.proto === 'any' || p.proto === r.proto;
  }
}
