import type { AddressPlan } from '../model/address-plan.js';
import { packetClasses, withCuts, type ExtraCuts } from '../model/packet-classes.js';
import type { Policy } from '../model/policy.js';
import { formatKey, keyFamily, prefixBounds } from '../net/address.js';
import { formatProtoPort, hasPortDimension, ICMP, ICMPV6, TCP } from '../net/service.js';
import { irEvaluator, type Hop, type IrEvaluator, type WirePacket, type WireVerdict } from './evaluate.js';
import { flagsText, REPLY_SEGMENT_FLAGS, SYN } from './tcp-replies.js';
import { gatewaySources, gatewayTargets, LINK_SCOPE, linkServiceClasses } from '../model/link-infrastructure.js';
import * as iv from '../net/interval-set.js';
import { stationSources, stationTargets } from '../model/isolation.js';
import type { Program } from './ir.js';

/** The simulator's verdict for a connection initiated by one packet (injected: compile does not depend on sim). */
export type Decide = (p: { src: bigint; dst: bigint; proto: number; port: number }) => 'allow' | 'deny' | 'same-segment' | 'unrouted';

/** The simulator's verdict for a packet from a zone's link to its own gateway or to link-scope addresses. */
export type DecideGateway = (zone: string, p: { src: bigint; dst: bigint; proto: number; port: number }) => 'allow' | 'deny';

/** The simulator's verdict for a packet between two stations of a zone's link (port isolation). */
export type DecideSwitched = (zone: string, p: { src: bigint; dst: bigint; proto: number; port: number }) => 'forward' | 'drop';

/** The reference the compiled programs are held to: the simulator's three deciders (injected: compile does not depend on sim). */
export interface Reference {
  decide: Decide;
  decideGateway: DecideGateway;
  decideSwitched: DecideSwitched;
}

export interface Disagreement {
  packet: string;
  simulator: string;
  compiled: string;
  /** The packet as evaluated, where it was sent (routed, to a zone's gateway, switched in a zone), and the hops that decided it. */
  probe: Probe & { hops: Hop[] };
}

export interface ValidationResult {
  classes: number;
  disagreements: Disagreement[];
  /**
   * Reply-shaped packets the simulator denies as new connections but a stateless switch passes on the return line of
   * a permitted flow: echo replies, UDP/SCTP from a permitted service port, other protocols reversed whole. Stateless
   * lists cannot tell them from replies (as TCP replies are told by ACK). Listed, not hidden; never TCP or echo requests.
   */
  statelessPasses: string[];
}

const ECHO: Record<number, [request: number, reply: number]> = { [ICMP]: [8, 0], [ICMPV6]: [128, 129] };

/**
 * Translation validation: on every packet class of the policy (both families), the connection the simulator
 * allows must pass the compiled configuration forward and back, and one it denies must be stopped.
 */
export function validateTranslation(
  policy: Policy,
  plan: AddressPlan,
  programs: readonly Program[],
  reference: Reference,
  opts: {
    /** What is held to the simulator: the IR evaluator of `programs` unless another is given (the devices' text, src/verify). */
    evaluated?: IrEvaluator;
    /** With `evaluated`: told every probe (not replies) with both answers, to compare them point by point. */
    observe?: ProbeObserver;
    /** More cut points than the policy's own: where a device's text names addresses and ports (src/verify). */
    cuts?: ExtraCuts;
  } = {},
): ValidationResult {
  const { evaluated, observe } = opts;
  const { decide, decideGateway, decideSwitched } = reference;
  const via = (zone: string) => policy.zones.get(zone)?.via.value;
  const compiledIr = irEvaluator(programs, plan, via);
  const ir = evaluated && observe ? watched(evaluated, compiledIr, observe) : (evaluated ?? compiledIr);
  const policyClasses = packetClasses(policy);
  const { addresses, services } = opts.cuts ? withCuts(policyClasses, opts.cuts) : policyClasses;
  const ephemeral = ephemeralPort(policy);
  const disagreements: Disagreement[] = [];
  const statelessPasses: string[] = [];
  const gatewayKeys = new Map([...policy.zones.values()].map((z) => [z.name, new Set(z.gateways.map((g) => prefixBounds(g.prefix)[0]))]));
  const ownGateway = (host: bigint, other: bigint) => {
    const zone = plan.identityOf(host).zone;
    return zone !== undefined && (gatewayKeys.get(zone)?.has(other) ?? false);
  };
  let classes = 0;
  for (const src of addresses) {
    for (const dst of addresses) {
      if (keyFamily(src) !== keyFamily(dst)) continue;
      // A packet to or from a link-scope address (limited broadcast, 224.0.0.0/24, ff02::/16, fe80::/10) is never
      // routed: it is the link's, which validateGateways and validateIsolation check against the simulator's answers.
      const scope = LINK_SCOPE[keyFamily(dst)];
      if (iv.contains(scope, dst) || iv.contains(scope, src)) continue;
      // Between a zone's host and its own gateway, the packet is for the device itself on the link (validateGateways).
      if (ownGateway(src, dst) || ownGateway(dst, src)) continue;
      const v6 = keyFamily(src) === 6;
      for (const { proto, port } of services) {
        if ((proto === ICMP && v6) || (proto === ICMPV6 && !v6)) continue;
        classes++;
        const expected = decide({ src, dst, proto, port });
        const forward: WirePacket = { src, dst, proto, port, srcPort: ephemeral, tcpFlags: proto === TCP ? SYN : 0 };
        const there = ir.packet(forward);
        let compiled: string;
        let deciding = there.hops;
        const zone = plan.identityOf(src).zone;
        if (there.hops.length === 0) {
          compiled = zone === undefined ? 'unrouted' : 'same-segment';
        } else if (there.action === 'permit' && zone !== undefined && zone === plan.identityOf(dst).zone) {
          // Between two subnets of one zone: routed by its point, which must pass it and its replies (one segment).
          const stop = replyStop(ir, forward);
          if (stop) deciding = stop.hops;
          compiled = stop === undefined ? 'same-segment' : `same-segment forward, reply stopped at ${stop.text}`;
        } else if (there.action === 'deny') {
          compiled = 'deny';
        } else if (expected === 'deny' && replyShaped(proto, port) && returnPass(there, evaluated ? compiledIr.packet(forward) : there)) {
          statelessPasses.push(`${formatKey(src)} → ${formatKey(dst)} ${formatProtoPort(proto, port)}`);
          compiled = 'deny';
        } else if (ECHO[proto] && port >> 8 !== ECHO[proto]![0]) {
          compiled = 'allow'; // ICMP messages other than echo requests are answered by nothing
        } else {
          const stop = replyStop(ir, forward);
          if (stop) deciding = stop.hops;
          compiled = stop === undefined ? 'allow' : `allow forward, reply stopped at ${stop.text}`;
        }
        if (compiled !== expected) {
          disagreements.push({
            packet: `${formatKey(src)} → ${formatKey(dst)} ${formatProtoPort(proto, port)}`,
            simulator: expected,
            compiled,
            probe: { kind: 'routed', packet: forward, hops: deciding },
          });
        }
        if (proto === TCP && expected === 'allow' && compiled === 'allow') {
          // The far side opening a connection from the service port: what a return line without its ACK/RST test
          // (`established` dropped) would pass. The simulator decides it as a connection to the ephemeral port.
          const back: WirePacket = { src: dst, dst: src, proto, port: ephemeral, srcPort: port, tcpFlags: SYN };
          const reverse = decide({ src: dst, dst: src, proto, port: ephemeral });
          const passed = ir.packet(back);
          if (reverse === 'deny' && passed.action === 'permit') {
            disagreements.push({
              packet: `${formatKey(dst)} → ${formatKey(src)} tcp/${ephemeral} from port ${port} (SYN)`,
              simulator: 'deny',
              compiled: 'allow',
              probe: { kind: 'routed', packet: back, hops: passed.hops },
            });
          }
        }
      }
    }
  }
  classes += validateGateways(policy, programs, ir, services, decideGateway, disagreements);
  classes += validateIsolation(policy, programs, ir, services, decideSwitched, disagreements);
  return { classes, disagreements, statelessPasses };
}

/**
 * The zones' links to their own gateways (docs/infrastructure.md): from the zone's hosts and from unspecified and
 * link-local sources, to the gateway addresses and to link-scope addresses, on every service class of the policy and
 * every service the link infrastructure names. The point must answer exactly what the simulator says it answers.
 */
function validateGateways(
  policy: Policy,
  programs: readonly Program[],
  ir: IrEvaluator,
  services: readonly { proto: number; port: number }[],
  decideGateway: DecideGateway,
  disagreements: Disagreement[],
): number {
  const points = new Set(programs.map((p) => p.point));
  let classes = 0;
  for (const zone of policy.zones.values()) {
    if (!points.has(zone.via.value)) continue;
    for (const family of [4, 6] as const) {
      if (!zone.subnets.some((s) => s.prefix.family === family)) continue;
      const v6 = family === 6;
      const all = [...services, ...linkServiceClasses(policy, zone)].filter(({ proto }) => (v6 ? proto !== ICMP : proto !== ICMPV6));
      for (const src of gatewaySources(zone, family)) {
        for (const dst of gatewayTargets(zone, family)) {
          for (const { proto, port } of all) {
            classes++;
            const expected = decideGateway(zone.name, { src, dst, proto, port });
            const packet = { src, dst, proto, port, srcPort: ephemeral(proto), tcpFlags: proto === TCP ? SYN : 0 };
            const got = ir.gateway(zone.name, packet);
            const compiled = got.action === 'permit' ? 'allow' : 'deny';
            if (compiled !== expected) {
              const at = got.hops.at(-1);
              disagreements.push({
                packet: `${formatKey(src)} → ${formatKey(dst)} ${formatProtoPort(proto, port)} on the link of zone ${zone.name}`,
                simulator: expected,
                compiled: at ? `${compiled} at ${at.point} ${at.where}` : compiled,
                probe: { kind: 'gateway', zone: zone.name, packet, hops: got.hops },
              });
            }
          }
        }
      }
    }
  }
  return classes;
}

/**
 * Port isolation (model/isolation.ts): between two stations of each isolated zone routed by a switch, from its hosts'
 * subnet, link-local and unspecified addresses to other hosts, broadcast, multicast and the gateway, on every service
 * class of the policy, the link services and neighbour discovery. The VLAN filter must forward exactly what the
 * simulator forwards. Firewalls isolate by their own means (FortiOS's access VLAN sends every frame to the FortiGate,
 * whose intra-zone rules decide, and never routes link-local or multicast between ports): they are not evaluated here.
 */
function validateIsolation(
  policy: Policy,
  programs: readonly Program[],
  ir: ReturnType<typeof irEvaluator>,
  services: readonly { proto: number; port: number }[],
  decideSwitched: DecideSwitched,
  disagreements: Disagreement[],
): number {
  const switches = new Set(programs.filter((p) => p.kind === 'acl').map((p) => p.point));
  let classes = 0;
  for (const zone of policy.zones.values()) {
    if (!zone.isolation || !switches.has(zone.via.value)) continue;
    for (const family of [4, 6] as const) {
      const v6 = family === 6;
      const all = [...services, ...linkServiceClasses(policy, zone), ...STATION_SERVICES].filter(({ proto }) => (v6 ? proto !== ICMP : proto !== ICMPV6));
      for (const src of stationSources(zone, family)) {
        for (const dst of stationTargets(zone, family)) {
          if (src === dst) continue;
          for (const { proto, port } of all) {
            classes++;
            const expected = decideSwitched(zone.name, { src, dst, proto, port });
            const packet = { src, dst, proto, port, srcPort: ephemeral(proto), tcpFlags: proto === TCP ? SYN : 0 };
            const got = ir.switched(zone.name, packet);
            const compiled = got.action === 'permit' ? 'forward' : 'drop';
            if (compiled !== expected) {
              const at = got.hops.at(-1);
              disagreements.push({
                packet: `${formatKey(src)} → ${formatKey(dst)} ${formatProtoPort(proto, port)} switched in zone ${zone.name}`,
                simulator: expected,
                compiled: at ? `${compiled} at ${at.point} ${at.where}` : compiled,
                probe: { kind: 'switched', zone: zone.name, packet, hops: got.hops },
              });
            }
          }
        }
      }
    }
  }
  return classes;
}

/** Echo, neighbour discovery and the DHCPv6 client port: what stations send each other on a link. */
const STATION_SERVICES = [
  ...[8, 128, 133, 134, 135, 136].map((type) => ({ proto: type === 8 ? ICMP : ICMPV6, port: type << 8 })),
  { proto: 17, port: 546 },
];

/** DHCP clients send from port 68; other services from a port of their own. */
const ephemeral = (proto: number) => (proto === 17 ? 68 : 61000);

/** A probe as sent: routed, to a zone's gateway, or switched in a zone. */
export interface Probe {
  kind: 'routed' | 'gateway' | 'switched';
  zone?: string;
  packet: WirePacket;
}

export type ProbeObserver = (probe: Probe, evaluated: WireVerdict, compiled: WireVerdict) => void;

/** `evaluated`, telling `observe` each probe with what the compiled IR answers for it (replies are not probes). */
function watched(evaluated: IrEvaluator, compiled: IrEvaluator, observe: ProbeObserver): IrEvaluator {
  return {
    packet(p, opts) {
      if (opts?.reply) return evaluated.packet(p, opts);
      // Every point answers, so one point's text is compared with its compiled part even behind another's deny.
      const v = evaluated.packet(p, { every: true });
      observe({ kind: 'routed', packet: p }, v, compiled.packet(p, { every: true }));
      return v;
    },
    gateway(zone, p) {
      const v = evaluated.gateway(zone, p);
      observe({ kind: 'gateway', zone, packet: p }, v, compiled.gateway(zone, p));
      return v;
    },
    switched(zone, p) {
      const v = evaluated.switched(zone, p);
      observe({ kind: 'switched', zone, packet: p }, v, compiled.switched(zone, p));
      return v;
    },
  };
}

/**
 * A packet passed by a return line: `compiled` passes it on a line the IR marks as a return line. Text carries no
 * provenance, so a device's pass is judged by the IR's lines for the same packet (`compiled` = `evaluated` otherwise).
 */
function returnPass(evaluated: WireVerdict, compiled: WireVerdict): boolean {
  return evaluated.action === 'permit' && compiled.action === 'permit' && compiled.hops.some((h) => h.provenance.kind === 'return');
}

/** Not a TCP segment and not an echo request: stateless return lines may take it for a reply. */
function replyShaped(proto: number, port: number): boolean {
  const echo = ECHO[proto];
  return proto !== TCP && !(echo && port >> 8 === echo[0]);
}

/**
 * Where the replies of a connection stop, or undefined when they all pass. A TCP connection's far side sends segments
 * of every kind in REPLY_SEGMENT_FLAGS (SYN+ACK, data, close, resets): each must pass, as on the wire.
 */
function replyStop(ir: IrEvaluator, forward: WirePacket): { text: string; hops: Hop[] } | undefined {
  for (const back of repliesOf(forward)) {
    const verdict = ir.packet(back, { reply: true });
    if (verdict.action === 'permit') continue;
    const at = verdict.hops.find((h) => h.action === 'deny') ?? verdict.hops.at(-1);
    return { text: `${at?.point} ${at?.where}${back.proto === TCP ? ` (${flagsText(back.tcpFlags)})` : ''}`, hops: verdict.hops };
  }
  return undefined;
}

function repliesOf(p: WirePacket): WirePacket[] {
  const echo = ECHO[p.proto];
  const port = echo && p.port >> 8 === echo[0] ? echo[1] * 256 : hasPortDimension(p.proto) ? p.srcPort : p.port;
  const back = { src: p.dst, dst: p.src, proto: p.proto, port, srcPort: hasPortDimension(p.proto) ? p.port : 0, tcpFlags: 0 };
  return p.proto === TCP ? REPLY_SEGMENT_FLAGS.map((tcpFlags) => ({ ...back, tcpFlags })) : [back];
}

/** A source port no service of the policy uses, so mirrored-port return lines do not blur initiations. */
export function ephemeralPort(policy: Policy): number {
  const used = [...policy.services.values()].flatMap((s) => s.specs.map((x) => x.value)).filter((s) => hasPortDimension(s.proto));
  for (let port = 61000; port > 1024; port--) if (!used.some((s) => port >= s.lo && port <= s.hi)) return port;
  return 61000;
}
