import type { AclLine, Family, PortRange, ReplyMatch, ServiceMatch } from '../../src/compile/ir.js';
import { cliName } from './escape.js';

const TCP = 6;
const UDP = 17;
const SCTP = 132;
const ICMP: Record<Family, number> = { 4: 1, 6: 58 };
const ECHO_REPLY: Record<Family, number> = { 4: 0, 6: 129 };

/** The access entries of one IR line, and what the target could not spell (stated in a remark, failing closed). */
export interface LineEntries {
  entries: string[];
  unrendered?: string;
}

/** `object-group NAME` or `any`: every address of an entry is an object group; IOS-XE takes both in one list. */
export function addressToken(name: string): string {
  return name === 'any' ? 'any' : `object-group ${cliName(name)}`;
}

/** `eq 443` or `range 8000 8080`. */
export function portOperator(r: PortRange): string {
  return r.lo === r.hi ? `eq ${r.lo}` : `range ${r.lo} ${r.hi}`;
}

/** The protocol word: keywords where IOS-XE needs them for ports or types (tcp, udp, icmp, sctp on IPv6), else the number. */
function protocolWord(proto: number | 'any', family: Family): string {
  if (proto === 'any' || (proto === 0 && family === 4)) return family === 4 ? 'ip' : 'ipv6';
  if (proto === TCP) return 'tcp';
  if (proto === UDP) return 'udp';
  if (proto === ICMP[family]) return 'icmp';
  if (proto === SCTP && family === 6) return 'sctp';
  return String(proto);
}

/** IOS-XE IPv4 lists have no sctp keyword, so they cannot match SCTP ports. */
function portsExpressible(proto: number, family: Family): boolean {
  return proto === TCP || proto === UDP || (proto === SCTP && family === 6);
}

export function lineEntries(line: AclLine): LineEntries {
  const tail = line.log ? ' log' : '';
  const head = line.action;
  const src = addressToken(line.src);
  const dst = addressToken(line.dst);
  // IOS reads protocol number 0 in an IPv4 list as `ip`, every protocol: HOPOPT cannot be matched on its own.
  const proto = line.service?.proto ?? (line.reply && 'proto' in line.reply ? line.reply.proto : undefined);
  if (proto === 0 && line.family === 4) return failClosed(line, src, dst, tail, 'protocol 0 (IOS reads 0 as ip, every protocol)');
  const bodies = line.reply ? replyBodies(line.reply, line.family, src, dst) : serviceBodies(line.service ?? { proto: 'any' }, line.family, src, dst);
  if (typeof bodies === 'string') return failClosed(line, src, dst, tail, bodies);
  return { entries: bodies.map((b) => `${head} ${b}${tail}`) };
}

function serviceBodies(s: ServiceMatch, family: Family, src: string, dst: string): string[] | string {
  const word = protocolWord(s.proto, family);
  if (s.proto !== 'any' && s.ports) {
    if (!portsExpressible(s.proto, family)) return `protocol ${s.proto} ports`;
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
      if (!portsExpressible(r.proto, family)) return `protocol ${r.proto} source ports`;
      return r.srcPorts.map((p) => `${protocolWord(r.proto, family)} ${src} ${portOperator(p)} ${dst}`);
    case 'icmp-echo-reply':
      return [`${protocolWord(r.proto, family)} ${src} ${dst} ${ECHO_REPLY[family]}`];
    case 'reverse-protocol':
      return [`${protocolWord(r.proto, family)} ${src} ${dst}`];
  }
}

/** A permit the list cannot spell is left out (traffic stays denied); a deny is widened to the whole protocol. */
function failClosed(line: AclLine, src: string, dst: string, tail: string, what: string): LineEntries {
  const proto = line.service?.proto ?? (line.reply && 'proto' in line.reply ? line.reply.proto : 'any');
  if (line.action === 'permit') return { entries: [], unrendered: `NOT RENDERED: ${what} cannot be matched here; traffic stays denied` };
  return { entries: [`deny ${protocolWord(proto, line.family)} ${src} ${dst}${tail}`], unrendered: `${what} cannot be matched here; denied for the whole protocol` };
}
