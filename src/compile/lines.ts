import * as iv from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import { ICMP, ICMPV6, TCP } from '../net/service.js';
import type { AclLine, Family, PortRange, Provenance, ReplyMatch, ServiceMatch } from './ir.js';
import { split, type ObjectTable } from './objects.js';
import type { Rule } from './rules.js';
import { serviceMatches } from './service-match.js';

const ALL_PORTS: PortRange[] = [{ lo: 0, hi: 65535 }];
const ECHO_REQUEST: Record<number, number> = { [ICMP]: 8, [ICMPV6]: 128 };

/** A packet set as boxes of one family each: source set, destination set, services. */
export function familyBoxes(set: PacketSet): { family: Family; box: ps.PacketBox }[] {
  const out: { family: Family; box: ps.PacketBox }[] = [];
  for (const box of ps.boxes(set)) {
    const dsts = new Map(split(box.dst));
    for (const [family, src] of split(box.src)) {
      const dst = dsts.get(family);
      if (dst && !iv.isEmpty(dst)) out.push({ family, box: { src, dst, services: box.services } });
    }
  }
  return out;
}

/** Forward lines of one rule, restricted to what one list sees. */
export function forwardLines(rule: Rule, packets: PacketSet, objects: ObjectTable, hint: string): AclLine[] {
  return familyBoxes(packets).flatMap(({ family, box }) => {
    const src = objects.nameFor(box.src, `${hint}-src`);
    const dst = objects.nameFor(box.dst, `${hint}-dst`);
    return serviceMatches(box.services, family).map((service) => ({
      action: rule.action,
      family,
      src,
      dst,
      service,
      log: rule.log,
      provenance: rule.provenance,
    }));
  });
}

/** Stateless return lines for connections a permit lets through: the reverse direction, recognised as replies. */
export function returnLines(flowId: string, at: Provenance, packets: PacketSet, objects: ObjectTable): AclLine[] {
  const provenance: Provenance = { ...at, kind: 'return', id: flowId };
  return familyBoxes(packets).flatMap(({ family, box }) => {
    const src = objects.nameFor(box.dst, `${flowId}-dst`);
    const dst = objects.nameFor(box.src, `${flowId}-src`);
    return serviceMatches(box.services, family).flatMap((m) => {
      const reply = replyFor(m);
      return reply ? [{ action: 'permit' as const, family, src, dst, reply, log: false, provenance }] : [];
    });
  });
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
