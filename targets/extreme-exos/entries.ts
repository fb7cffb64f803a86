import type { AclLine, IcmpMatch, PortRange, ServiceMatch } from '../../src/compile/ir.js';

const NAMED: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

function protocol(proto: number): string {
  return `protocol ${NAMED[proto] ?? proto}`;
}

function port(r: PortRange): string {
  return r.lo === r.hi ? `${r.lo}` : `${r.lo} - ${r.hi}`;
}

function icmp(m: IcmpMatch): string[] {
  return [protocol(1), `icmp-type ${m.type}`, ...(m.code === undefined ? [] : [`icmp-code ${m.code}`])];
}

// EXOS's keywords for flag values it names (RST 0x04, ACK 0x10, SYN_ACK 0x12); other values are written in hex.
const FLAG_KEYWORDS: Record<number, string> = { 0x04: 'RST', 0x10: 'ACK', 0x12: 'SYN_ACK' };

function tcpFlags(value: number): string {
  return `tcp-flags ${FLAG_KEYWORDS[value] ?? `0x${value.toString(16).padStart(2, '0')}`}`;
}

/**
 * A line's protocol conditions: one set per entry, since an EXOS entry takes one port range, type or flag value.
 * `replyFlags` are the exact flag values TCP reply lines pass (the program's `tcpReplyFlags`).
 */
export function serviceConditions(line: AclLine, replyFlags: readonly number[]): string[][] {
  const reply = line.reply;
  if (reply) {
    switch (reply.kind) {
      case 'tcp-established':
        // tcp-flags compares the flags field as one value: one entry per flag value a reply segment carries.
        return reply.srcPorts.flatMap((r) => replyFlags.map((flags) => [protocol(6), `source-port ${port(r)}`, tcpFlags(flags)]));
      case 'mirrored-ports':
        return reply.srcPorts.map((r) => [protocol(reply.proto), `source-port ${port(r)}`]);
      case 'icmp-echo-reply':
        return [icmp({ type: 0 })];
      case 'reverse-protocol':
        return [reply.proto === 'any' ? [] : [protocol(reply.proto)]];
    }
  }
  return forward(line.service ?? { proto: 'any' });
}

function forward(s: ServiceMatch): string[][] {
  if (s.proto === 'any') return [[]];
  const proto = s.proto;
  if (s.ports) return s.ports.map((r) => [protocol(proto), `destination-port ${port(r)}`]);
  if (s.icmp && proto === 1) return s.icmp.map(icmp);
  return [[protocol(proto)]];
}

/**
 * Address conditions, one set per entry (no object groups in EXOS entries). An entry always names an address,
 * so it matches IPv4 only and, on egress, matches at all (an egress entry without conditions matches nothing).
 */
export function addressConditions(src: string[] | 'any', dst: string[] | 'any'): string[][] {
  const sources = src === 'any' ? [undefined] : src;
  const destinations = dst === 'any' ? [undefined] : dst;
  return sources.flatMap((s) =>
    destinations.map((d) => {
      const out = [];
      if (s) out.push(`source-address ${s}`);
      if (d) out.push(`destination-address ${d}`);
      return out.length ? out : ['source-address 0.0.0.0/0'];
    }),
  );
}
