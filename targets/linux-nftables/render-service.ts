import type { IcmpMatch, PortRange, ServiceMatch } from '../../src/compile/ir.js';

// Protocol names nft knows without /etc/protocols; other protocols are spelled as numbers.
const PROTO_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6', 132: 'sctp' };
const PORTED = new Set([6, 17, 132]);

const ICMP_TYPES: Record<number, string> = {
  0: 'echo-reply',
  3: 'destination-unreachable',
  4: 'source-quench',
  5: 'redirect',
  8: 'echo-request',
  11: 'time-exceeded',
  12: 'parameter-problem',
  13: 'timestamp-request',
  14: 'timestamp-reply',
};
const ICMPV6_TYPES: Record<number, string> = {
  1: 'destination-unreachable',
  2: 'packet-too-big',
  3: 'time-exceeded',
  4: 'parameter-problem',
  128: 'echo-request',
  129: 'echo-reply',
};

/** `{ a, b }` for several values, the bare value for one. */
export function valueSet(values: string[]): string {
  return values.length === 1 ? values[0]! : `{ ${values.join(', ')} }`;
}

const portText = (r: PortRange) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`);

/**
 * The protocol part of nft rules for one service match: one string per rule needed ('' for every protocol).
 * ICMP types without codes share a rule; each type with codes gets its own.
 */
export function serviceExpressions(m: ServiceMatch): string[] {
  if (m.proto === 'any') return [''];
  const proto = m.proto;
  const name = PROTO_NAMES[proto] ?? `${proto}`;
  if (m.ports) {
    if (!PORTED.has(proto)) throw new Error(`linux-nftables: ports on protocol ${proto} in the IR`);
    return [`${name} dport ${valueSet(m.ports.map(portText))}`];
  }
  if (m.icmp && (proto === 1 || proto === 58)) return icmpExpressions(name, proto === 1 ? ICMP_TYPES : ICMPV6_TYPES, m.icmp);
  return [`meta l4proto ${name}`];
}

function icmpExpressions(keyword: string, names: Record<number, string>, matches: IcmpMatch[]): string[] {
  const typeName = (t: number) => names[t] ?? `${t}`;
  const whole = matches.filter((x) => x.code === undefined).map((x) => typeName(x.type));
  const codes = new Map<number, number[]>();
  for (const x of matches) {
    if (x.code !== undefined) codes.set(x.type, [...(codes.get(x.type) ?? []), x.code]);
  }
  const out = whole.length ? [`${keyword} type ${valueSet(whole)}`] : [];
  for (const [type, list] of codes) {
    out.push(`${keyword} type ${typeName(type)} ${keyword} code ${valueSet(list.map(String))}`);
  }
  return out;
}
