import * as iv from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import { ICMP, ICMPV6, PORT_LAST, TCP } from '../net/service.js';
import * as svc from '../net/service-set.js';
import { ALL_ADDRESSES } from '../net/address-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AclLine, Family, IcmpMatch, PortRange, Provenance, ReplyMatch, ServiceMatch } from './ir.js';
import { split, type ObjectTable } from './objects.js';
import type { Rule } from './rules.js';
import { serviceMatches } from './service-match.js';

const ALL_PORTS: PortRange[] = [{ lo: 0, hi: 65535 }];

/** The ICMP errors a connection's opener must get back (RFC 1191, RFC 4890 section 4.3.1: never drop packet too big). */
const ICMP_ERRORS: Record<Family, IcmpMatch[]> = {
  4: [{ type: 3 }, { type: 11 }, { type: 12 }],
  6: [{ type: 1 }, { type: 2 }, { type: 3 }, { type: 4 }],
};
const ECHO_REQUEST: Record<number, number> = { [ICMP]: 8, [ICMPV6]: 128 };

type FamilyBox = { family: Family; box: ps.PacketBox };

// A rule's packets are boxed for every list they reach (both ends' points, forward and return): once per set.
const boxed = new WeakMap<PacketSet, readonly FamilyBox[]>();

/** A packet set as boxes of one family each: source set, destination set, services. */
export function familyBoxes(set: PacketSet): readonly FamilyBox[] {
  let out = boxed.get(set);
  if (!out) boxed.set(set, (out = computeFamilyBoxes(set)));
  return out;
}

function computeFamilyBoxes(set: PacketSet): FamilyBox[] {
  const out: FamilyBox[] = [];
  for (const box of ps.boxes(set)) {
    const dsts = new Map(split(box.dst));
    for (const [family, src] of split(box.src)) {
      const dst = dsts.get(family);
      if (dst && !iv.isEmpty(dst)) out.push({ family, box: { src, dst, services: box.services } });
    }
  }
  return out;
}

/** Forward lines of one rule, restricted to what one list sees, appended to `out` (plain loops: one array per list). */
export function forwardLines(rule: Rule, packets: PacketSet, objects: ObjectTable, hint: string, out: AclLine[] = []): AclLine[] {
  for (const { family, box } of familyBoxes(packets)) {
    const src = objects.nameFor(box.src, `${hint}-src`);
    const dst = objects.nameFor(box.dst, `${hint}-dst`);
    for (const service of serviceMatches(box.services, family)) {
      out.push({ action: rule.action, family, src, dst, service, log: rule.log, provenance: rule.provenance });
    }
  }
  return out;
}

/**
 * Stateless return lines for connections a permit lets through: the reverse direction, recognised as replies,
 * appended to `out`.
 * A whole-protocol reverse (service `any`, or all of ICMP) would also let the far side open connections of its own:
 * TCP replies then go first as `established`, and TCP and echo requests from the far side are denied next, except
 * what this list permits later anyway (`permittedHere`, computed when first needed), so no forward decision changes.
 */
export function returnLines(
  flowId: string,
  at: Provenance,
  packets: PacketSet,
  objects: ObjectTable,
  permittedHere: () => PacketSet,
  out: AclLine[] = [],
  errorsTo: IntervalSet = ALL_ADDRESSES,
): AclLine[] {
  const provenance = returnProvenance(flowId, at);
  for (const { family, box } of familyBoxes(packets)) {
    const src = objects.nameFor(box.dst, `${flowId}-dst`);
    const dst = objects.nameFor(box.src, `${flowId}-src`);
    const permit = (reply: ReplyMatch): AclLine => ({ action: 'permit', family, src, dst, reply, log: false, provenance });
    // ICMP errors about the connection (unreachable, packet too big, time exceeded) come back from the peer or from any
    // router on the way, to the side that opened it: stateless lists pass them as conntrack's `related` would.
    const erred = iv.intersect(box.src, errorsTo);
    if (!iv.isEmpty(erred)) {
      const to = iv.equals(erred, box.src) ? dst : objects.nameFor(erred, `${flowId}-src`);
      out.push({ action: 'permit', family, src: 'any', dst: to, service: { proto: family === 4 ? ICMP : ICMPV6, icmp: ICMP_ERRORS[family] }, log: false, provenance });
    }
    for (const m of serviceMatches(box.services, family)) {
      const reply = replyFor(m);
      if (!reply) continue;
      if (reply.kind !== 'reverse-protocol' || !(reply.proto === 'any' || reply.proto === ICMP || reply.proto === ICMPV6)) {
        out.push(permit(reply));
        continue;
      }
      const opened = ps.subtract(ps.between(box.dst, box.src, initiations(reply.proto)), permittedHere());
      if (reply.proto === 'any') out.push(permit({ kind: 'tcp-established', srcPorts: ALL_PORTS }));
      forwardLines({ action: 'deny', packets: opened, log: false, provenance, description: '' }, opened, objects, `${flowId}-rev`, out);
      out.push(permit(reply));
    }
  }
  return out;
}

// One provenance object per flow's replies, shared by its return lines at every list (and their remark texts).
const returns = new WeakMap<Provenance, Map<string, Provenance>>();

function returnProvenance(flowId: string, at: Provenance): Provenance {
  let byFlow = returns.get(at);
  if (!byFlow) returns.set(at, (byFlow = new Map()));
  let provenance = byFlow.get(flowId);
  if (!provenance) byFlow.set(flowId, (provenance = { ...at, kind: 'return', id: flowId }));
  return provenance;
}

/** What the far side could start through a whole-protocol reverse line: TCP segments and echo requests. */
function initiations(proto: number | 'any'): svc.ServiceSet {
  const echo = (p: number, type: number) => ({ proto: p, lo: type * 256, hi: type * 256 + 255, text: '' });
  if (proto === 'any') return svc.serviceSetOf([{ proto: TCP, lo: 0, hi: PORT_LAST, text: '' }, echo(ICMP, 8), echo(ICMPV6, 128)]);
  return svc.serviceSetOf([proto === ICMP ? echo(ICMP, 8) : echo(ICMPV6, 128)]);
}

function replyFor(m: ServiceMatch): ReplyMatch | undefined {
  if (m.proto === 'any') return { kind: 'reverse-protocol', proto: 'any' };
  if (m.proto === TCP) return { kind: 'tcp-established', srcPorts: m.ports ?? ALL_PORTS };
  if (m.proto === ICMP || m.proto === ICMPV6) {
    if (!m.icmp) return { kind: 'reverse-protocol', proto: m.proto };
    // Only echo requests have replies; ICMP errors and other messages are answered by nothing.
    return m.icmp.some((t) => t.type === ECHO_REQUEST[m.proto as number]) ? { kind: 'icmp-echo-reply', proto: m.proto } : undefined;
  }
  if (m.ports) return { kind: 'mirrored-ports', proto: m.proto, srcPorts: m.ports };
  return { kind: 'reverse-protocol', proto: m.proto };
}
