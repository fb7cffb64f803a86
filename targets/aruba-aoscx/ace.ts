import type { AclLine, Family, IcmpMatch, PortRange } from '../../src/compile/ir.js';

const NAMED: Record<number, string> = { 6: 'tcp', 17: 'udp', 132: 'sctp' };

function protocol(family: Family, proto: number | 'any'): string {
  if (proto === 'any') return 'any';
  if (proto === 1 && family === 4) return 'icmp';
  if (proto === 58 && family === 6) return 'icmpv6';
  return NAMED[proto] ?? String(proto);
}

function port(r: PortRange): string {
  return r.lo === r.hi ? `eq ${r.lo}` : `range ${r.lo} ${r.hi}`;
}

function icmp(m: IcmpMatch): string {
  return `icmp-type ${m.type}${m.code === undefined ? '' : ` icmp-code ${m.code}`}`;
}

/** A line's ACE bodies (action onwards, no sequence number): one per port range or ICMP type, AOS-CX takes one each. */
export function aceBodies(line: AclLine): string[] {
  const { family, src, dst } = line;
  const head = (proto: number | 'any') => `${line.action} ${protocol(family, proto)}`;
  const log = line.log ? ' log' : '';
  const reply = line.reply;
  if (reply) {
    switch (reply.kind) {
      case 'tcp-established':
        return reply.srcPorts.map((r) => `${head(6)} ${src} ${port(r)} ${dst} established${log}`);
      case 'mirrored-ports':
        return reply.srcPorts.map((r) => `${head(reply.proto)} ${src} ${port(r)} ${dst}${log}`);
      case 'icmp-echo-reply':
        return [`${head(reply.proto)} ${src} ${dst} ${icmp({ type: family === 4 ? 0 : 129 })}${log}`];
      case 'reverse-protocol':
        return [`${head(reply.proto)} ${src} ${dst}${log}`];
    }
  }
  const s = line.service ?? { proto: 'any' };
  if (s.ports) return s.ports.map((r) => `${head(s.proto)} ${src} ${dst} ${port(r)}${log}`);
  if (s.icmp) return s.icmp.map((m) => `${head(s.proto)} ${src} ${dst} ${icmp(m)}${log}`);
  return [`${head(s.proto)} ${src} ${dst}${log}`];
}
