import type { AclLine, Family, PortRange, ServiceMatch } from '../../src/compile/ir.js';

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmp6', 132: 'sctp' };

/** `protocol` for IPv4 filters, `next-header` for IPv6 filters on EX/QFX. */
export function protocolMatch(family: Family, proto: number): string {
  return `${family === 4 ? 'protocol' : 'next-header'} ${PROTOCOLS[proto] ?? proto}`;
}

export function portText(r: PortRange): string {
  return r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`;
}

/** The `from` conditions of a line's service or reply; more than one set when ICMP codes force separate terms. */
export function matchSets(line: AclLine): string[][] {
  const { family } = line;
  const reply = line.reply;
  if (reply) {
    switch (reply.kind) {
      case 'tcp-established':
        return [[protocolMatch(family, 6), ...reply.srcPorts.map((r) => `source-port ${portText(r)}`), 'tcp-established']];
      case 'mirrored-ports':
        return [[protocolMatch(family, reply.proto), ...reply.srcPorts.map((r) => `source-port ${portText(r)}`)]];
      case 'icmp-echo-reply':
        return [[protocolMatch(family, reply.proto), `icmp-type ${family === 4 ? 0 : 129}`]];
      case 'reverse-protocol':
        return [reply.proto === 'any' ? [] : [protocolMatch(family, reply.proto)]];
    }
  }
  return serviceSets(family, line.service ?? { proto: 'any' });
}

function serviceSets(family: Family, s: ServiceMatch): string[][] {
  if (s.proto === 'any') return [[]];
  const proto = protocolMatch(family, s.proto);
  if (s.ports) return [[proto, ...s.ports.map((r) => `destination-port ${portText(r)}`)]];
  if (!s.icmp) return [[proto]];
  // One term lists several types; a code binds to its type, so coded types get a term each.
  if (s.icmp.every((m) => m.code === undefined)) return [[proto, ...s.icmp.map((m) => `icmp-type ${m.type}`)]];
  return s.icmp.map((m) => [proto, `icmp-type ${m.type}`, ...(m.code === undefined ? [] : [`icmp-code ${m.code}`])]);
}
