import type { AclLine, Family, PortRange, ReplyMatch, ServiceMatch } from '../../src/compile/ir.js';

const TCP = 6;
const UDP = 17;
const ICMP: Record<Family, number> = { 4: 1, 6: 58 };
const ECHO_REPLY: Record<Family, number> = { 4: 0, 6: 129 };

/** The rules of one IR line, and what the target could not spell (stated in a remark, failing closed). */
export interface LineEntries {
  entries: string[];
  unrendered?: string;
}

/** `eq 443` or `range 8000 8080`. */
export function portOperator(r: PortRange): string {
  return r.lo === r.hi ? `eq ${r.lo}` : `range ${r.lo} ${r.hi}`;
}

/** The protocol word: keywords where EOS needs them for ports or types (tcp, udp, icmp, icmpv6), else the number. */
function protocolWord(proto: number | 'any', family: Family): string {
  if (proto === 'any') return family === 4 ? 'ip' : 'ipv6';
  if (proto === TCP) return 'tcp';
  if (proto === UDP) return 'udp';
  if (proto === ICMP[family]) return family === 4 ? 'icmp' : 'icmpv6';
  return String(proto);
}

/** Port matches are spelled for TCP and UDP only; SCTP ports have no ACL keyword this target relies on. */
function portsExpressible(proto: number): boolean {
  return proto === TCP || proto === UDP;
}

/**
 * Without object groups, a line becomes one rule per source prefix, destination prefix and port range, in
 * that order; `sources` and `destinations` are the expanded addresses (`any`, `host A`, `A/len`).
 */
export function lineEntries(line: AclLine, sources: string[], destinations: string[]): LineEntries {
  const tail = line.log ? ' log' : '';
  const entries: string[] = [];
  for (const src of sources) {
    for (const dst of destinations) {
      const bodies = line.reply ? replyBodies(line.reply, line.family, src, dst) : serviceBodies(line.service ?? { proto: 'any' }, line.family, src, dst);
      if (typeof bodies === 'string') return failClosed(line, sources, destinations, tail, bodies);
      entries.push(...bodies.map((b) => `${line.action} ${b}${tail}`));
    }
  }
  return { entries };
}

function serviceBodies(s: ServiceMatch, family: Family, src: string, dst: string): string[] | string {
  const word = protocolWord(s.proto, family);
  if (s.proto !== 'any' && s.ports) {
    if (!portsExpressible(s.proto)) return `protocol ${s.proto} ports`;
    return s.ports.map((r) => `${word} ${src} ${dst} ${portOperator(r)}`);
  }
  if (s.icmp) {
    if (s.proto !== ICMP[family]) return `ICMP types of protocol ${s.proto} in an IPv${family} list`;
    return s.icmp.map((m) => `${word} ${src} ${dst} ${m.type}${m.code === undefined ? '' : ` ${m.code}`}`);
  }
  return [`${word} ${src} ${dst}`];
}

function replyBodies(r: ReplyMatch, family: Family, src: string, dst: string): string[] | string {
  switch (r.kind) {
    case 'tcp-established':
      return r.srcPorts.map((p) => `tcp ${src} ${portOperator(p)} ${dst} established`);
    case 'mirrored-ports':
      if (!portsExpressible(r.proto)) return `protocol ${r.proto} source ports`;
      return r.srcPorts.map((p) => `${protocolWord(r.proto, family)} ${src} ${portOperator(p)} ${dst}`);
    case 'icmp-echo-reply':
      return [`${protocolWord(r.proto, family)} ${src} ${dst} ${ECHO_REPLY[family]}`];
    case 'reverse-protocol':
      return [`${protocolWord(r.proto, family)} ${src} ${dst}`];
  }
}

/** A permit the list cannot spell is left out (traffic stays denied); a deny is widened to the whole protocol. */
function failClosed(line: AclLine, sources: string[], destinations: string[], tail: string, what: string): LineEntries {
  if (line.action === 'permit') return { entries: [], unrendered: `NOT RENDERED: ${what} cannot be matched here; traffic stays denied` };
  const proto = line.service?.proto ?? (line.reply && 'proto' in line.reply ? line.reply.proto : 'any');
  const word = protocolWord(proto, line.family);
  const entries = sources.flatMap((src) => destinations.map((dst) => `deny ${word} ${src} ${dst}${tail}`));
  return { entries, unrendered: `${what} cannot be matched here; denied for the whole protocol` };
}
