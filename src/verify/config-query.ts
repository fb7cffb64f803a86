import type { WirePacket } from '../compile/evaluate.js';
import type { AddressPlan } from '../model/address-plan.js';
import { packetClasses } from '../model/packet-classes.js';
import { keyFamily } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import { formatProtoPort, hasPortDimension, ICMP, ICMPV6, TCP } from '../net/service.js';
import { ALL_SERVICES, containsService, equals, serviceRanges, type ServiceSet } from '../net/service-set.js';
import type { Simulator } from '../sim/simulator.js';
import type { ConfigEvaluator, ConfigHop } from './config-evaluator.js';

/** One part of an answer from the configuration: packet classes the devices decide alike, by the same lines. */
export interface ConfigPart {
  verdict: 'allow' | 'deny';
  /** The services of its classes (representatives), ascending. */
  services: string[];
  classes: number;
  example: string;
  /** Why: every point's deciding entry for an allow, the stopping one for a deny (`reply` when a reply is stopped). */
  decidedBy: { point: string; where: string; reply: boolean; lines: { file: string; line: number; text: string }[] }[];
  /** Classes of this part the policy decides otherwise. */
  policyDisagrees: number;
}

export interface ConfigAnswer {
  from: string;
  to: string;
  service: string;
  verdict: 'allow' | 'deny' | 'partial' | 'nothing';
  parts: ConfigPart[];
  classes: number;
  /** Packet classes where the policy (the simulator) decides otherwise: `wardline verify` names them. */
  policyDisagrees: number;
}

const ECHO: Record<number, [number, number]> = { [ICMP]: [8, 0], [ICMPV6]: [128, 129] };

/**
 * `query --config`: can `from` open connections to `to`, as the devices' configuration decides it along the path (the
 * connection's first packet, then its replies), on every packet class of the policy inside the question; compared with
 * the policy's own answer class by class.
 */
export function answerFromConfig(
  q: { from: string; to: string; service?: string | undefined },
  sets: { src: iv.IntervalSet; dst: iv.IntervalSet; services: ServiceSet },
  ctx: { sim: Simulator; plan: AddressPlan; evaluator: ConfigEvaluator; shown: (file: string) => string },
): ConfigAnswer {
  const classes = packetClasses(ctx.sim.policy);
  const inside = (set: iv.IntervalSet) => [...new Set([...classes.addresses.filter((a) => iv.contains(set, a)), ...iv.intervals(set).map(([lo]) => lo)])];
  const services = equals(sets.services, ALL_SERVICES)
    ? classes.services
    : [...classes.services.filter((s) => containsService(sets.services, s.proto, s.port)), ...serviceRanges(sets.services).map((r) => ({ proto: r.proto, port: r.lo }))];
  const unique = [...new Map(services.map((s) => [`${s.proto}/${s.port}`, s])).values()].sort((a, b) => a.proto - b.proto || a.port - b.port);
  const parts = new Map<string, ConfigPart>();
  let total = 0;
  let disagrees = 0;
  for (const src of inside(sets.src)) {
    for (const dst of inside(sets.dst)) {
      if (keyFamily(src) !== keyFamily(dst) || src === dst) continue;
      for (const { proto, port } of unique) {
        if ((proto === ICMP && keyFamily(src) === 6) || (proto === ICMPV6 && keyFamily(src) === 4)) continue;
        total++;
        const forward: WirePacket = { src, dst, proto, port, srcPort: 61000, tcpFlags: proto === TCP ? 0x02 : 0 };
        const there = ctx.evaluator.packet(forward);
        const back = there.action === 'permit' ? stoppedReply(ctx.evaluator, forward) : undefined;
        const verdict = there.action === 'permit' && !back ? 'allow' : 'deny';
        const decidedBy = (back ? back.hops.filter((h) => h.action === 'deny') : there.action === 'deny' ? there.hops.filter((h) => h.action === 'deny') : there.hops).map((h) => ({
          point: h.point,
          where: h.where,
          reply: back !== undefined,
          lines: h.lines.map((l) => ({ ...l, file: ctx.shown(l.file) })),
        }));
        const policy = ctx.sim.decide({ src, dst, proto, port });
        const agrees = verdict === 'allow' ? policy === 'allow' || policy === 'same-segment' : policy === 'deny' || policy === 'unrouted';
        if (!agrees) disagrees++;
        const key = `${verdict}\0${decidedBy.map((d) => `${d.point} ${d.where} ${d.lines.map((l) => `${l.file}:${l.line}`).join(',')}`).join('\0')}`;
        const service = formatProtoPort(proto, port);
        const part = parts.get(key);
        if (part) {
          part.classes++;
          if (!part.services.includes(service)) part.services.push(service);
          if (!agrees) part.policyDisagrees++;
        } else {
          parts.set(key, { verdict, services: [service], classes: 1, example: `${ctx.plan.names.keyText(src)} → ${ctx.plan.names.keyText(dst)} ${service}`, decidedBy, policyDisagrees: agrees ? 0 : 1 });
        }
      }
    }
  }
  const list = [...parts.values()].sort((a, b) => (a.verdict === b.verdict ? b.classes - a.classes : a.verdict === 'allow' ? -1 : 1));
  const allows = list.some((p) => p.verdict === 'allow');
  const denies = list.some((p) => p.verdict === 'deny');
  const verdict = allows && denies ? 'partial' : allows ? 'allow' : denies ? 'deny' : 'nothing';
  return { from: q.from, to: q.to, service: q.service ?? 'any', verdict, parts: list, classes: total, policyDisagrees: disagrees };
}

/** The first reply of a connection the devices stop (TCP: SYN+ACK and an ACK'd segment), with its hops. */
function stoppedReply(ev: ConfigEvaluator, p: WirePacket): { hops: ConfigHop[] } | undefined {
  const echo = ECHO[p.proto];
  const port = echo && p.port >> 8 === echo[0] ? echo[1] * 256 : hasPortDimension(p.proto) ? p.srcPort : p.port;
  const base = { src: p.dst, dst: p.src, proto: p.proto, port, srcPort: hasPortDimension(p.proto) ? p.port : 0 };
  const replies = p.proto === TCP ? [0x12, 0x10] : [0];
  for (const tcpFlags of replies) {
    const verdict = ev.packet({ ...base, tcpFlags }, { reply: true });
    if (verdict.action === 'deny') return { hops: verdict.hops };
  }
  return undefined;
}

/** The answer as text: the verdict, then each part with its services, an example and the lines that decide. */
export function configAnswerText(a: ConfigAnswer, dir: string): string {
  const out = [`from ${a.from} to ${a.to} (${a.service}), as the configuration in ${dir} decides it: ${a.verdict.toUpperCase()}`];
  for (const part of a.parts) {
    const shown = part.services.slice(0, 8).join(', ') + (part.services.length > 8 ? `, … ${part.services.length - 8} more` : '');
    out.push(`  ${part.verdict.toUpperCase()} ${shown} (${part.classes} packet class${part.classes === 1 ? '' : 'es'}, e.g. ${part.example})`);
    if (part.decidedBy.length === 0) out.push('    no enforcement point on the path');
    for (const d of part.decidedBy) {
      const lines = d.lines.length === 0 ? "no entry matches: the platform's default" : d.lines.map((l) => `${l.file}:${l.line}: ${l.text.trim()}`).join('; ');
      out.push(`    ${d.point} ${d.where}${d.reply ? ' (a reply)' : ''}: ${lines}`);
    }
    if (part.policyDisagrees > 0) out.push(`    the policy decides ${part.policyDisagrees} of these otherwise: run wardline verify`);
  }
  out.push(a.policyDisagrees === 0 ? `The policy agrees on all ${a.classes} packet classes.` : `The policy disagrees on ${a.policyDisagrees} of ${a.classes} packet classes: wardline verify names them.`);
  return `${out.join('\n')}\n`;
}
