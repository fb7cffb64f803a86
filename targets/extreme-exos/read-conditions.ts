import { keyFamily, keyValue, parseAddress, parsePrefix, type Family } from '../../src/net/address.js';
import type { WirePacket } from '../reader.js';

/** One match condition of an EXOS ACL entry, as the ExtremeXOS User Guide's "ACL Match Conditions" define them. */
export type Condition =
  | { kind: 'source-address' | 'destination-address'; family: Family; value: bigint; mask: bigint }
  | { kind: 'protocol'; proto: number }
  | { kind: 'source-port' | 'destination-port'; lo: number; hi: number }
  | { kind: 'icmp-type' | 'icmp-code'; value: number }
  | { kind: 'tcp-flags'; value: number };

export type Parsed<T> = { ok: T } | { error: string };

const PROTOCOLS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, egp: 8, udp: 17, gre: 47 };

// The guide's text synonyms for icmp-type, and for icmp-code those it lists with unambiguous values (its redirect
// codes contradict RFC 792, so they are left to numbers).
const ICMP_TYPES: Record<string, number> = {
  'echo-reply': 0, unreachable: 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, 'router-advertisement': 9,
  'router-solicit': 10, 'time-exceeded': 11, 'parameter-problem': 12, timestamp: 13, 'timestamp-reply': 14,
  'info-request': 15, 'info-reply': 16, 'mask-request': 17, 'mask-reply': 18,
};
const ICMP_CODES: Record<string, number> = {
  'network-unreachable': 0, 'host-unreachable': 1, 'protocol-unreachable': 2, 'port-unreachable': 3,
  'fragmentation-needed': 4, 'source-route-failed': 5, 'destination-network-unknown': 6, 'destination-host-unknown': 7,
  'source-host-isolated': 8, 'destination-network-prohibited': 9, 'destination-host-prohibited': 10,
  'network-unreachable-for-tos': 11, 'host-unreachable-for-tos': 12, 'communication-prohibited-by-filtering': 13,
  'host-precedence-violation': 14, 'precedence-cutoff-in-effect': 15,
  'ttl-eq-zero-during-transit': 0, 'ttl-eq-zero-during-reassembly': 1, 'ip-header-bad': 0, 'required-option-missing': 1,
};
// tcp-flags is a bit-field compared with the whole TCP flags field; these are the value synonyms the guide names.
const TCP_FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, ack: 0x10, urg: 0x20, syn_ack: 0x12 };

/** One condition statement (its words, without the `;`). */
export function parseCondition(words: readonly string[]): Parsed<Condition> {
  const [keyword = '', ...args] = words;
  const kind = keyword.toLowerCase();
  switch (kind) {
    case 'source-address':
    case 'destination-address': {
      const a = parseAddressMatch(args);
      return 'error' in a ? a : { ok: { kind, ...a.ok } };
    }
    case 'protocol': {
      const proto = args.length === 1 ? (PROTOCOLS[args[0]!.toLowerCase()] ?? parseNumber(args[0]!, 255)) : undefined;
      return proto === undefined ? { error: `protocol "${args.join(' ')}": give a number 0-255 or tcp, udp, icmp, igmp, gre, egp` } : { ok: { kind, proto } };
    }
    case 'source-port':
    case 'destination-port': {
      const r = parsePortRange(args);
      return r ? { ok: { kind, ...r } } : { error: `${kind} "${args.join(' ')}": give a number, a range "N - M", or < <= > >= N (port names are not read)` };
    }
    case 'icmp-type':
    case 'icmp-code': {
      const names = kind === 'icmp-type' ? ICMP_TYPES : ICMP_CODES;
      const value = args.length === 1 ? (names[args[0]!.toLowerCase()] ?? parseNumber(args[0]!, 255)) : undefined;
      return value === undefined ? { error: `${kind} "${args.join(' ')}": give a number 0-255 or one of the guide's names` } : { ok: { kind, value } };
    }
    case 'tcp-flags': {
      const value = args.length === 1 ? (TCP_FLAGS[args[0]!.toLowerCase()] ?? parseNumber(args[0]!, 255)) : undefined;
      return value === undefined ? { error: `tcp-flags "${args.join(' ')}": give one value, a number (0x12) or FIN, SYN, RST, ACK, URG, SYN_ACK` } : { ok: { kind, value } };
    }
    default:
      return { error: `match condition "${keyword}" is not read by this reader` };
  }
}

/** `A.B.C.D/N`, an address alone (a host), `A / N`, or `A mask M` (the mask's set bits are compared). */
function parseAddressMatch(args: readonly string[]): Parsed<{ family: Family; value: bigint; mask: bigint }> {
  const bad = { error: `address "${args.join(' ')}": give prefix/length, an address, or address mask M.M.M.M` };
  const text = args.length === 3 && args[1] === '/' ? `${args[0]}/${args[2]}` : args.length === 1 ? args[0]! : undefined;
  if (text !== undefined) {
    const parsed = parsePrefix(text);
    if ('error' in parsed) return bad;
    const { family, network, length } = parsed.prefix;
    const bits = family === 4 ? 32 : 128;
    return { ok: { family, value: network, mask: ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - length)) - 1n) } };
  }
  if (args.length === 3 && args[1]!.toLowerCase() === 'mask') {
    const address = parseAddress(args[0]!);
    const mask = parseAddress(args[2]!);
    if (!address || !mask || address.family !== 4 || mask.family !== 4) return bad;
    return { ok: { family: 4, value: address.value & mask.value, mask: mask.value } };
  }
  return bad;
}

function parsePortRange(args: readonly string[]): { lo: number; hi: number } | undefined {
  const words = portWords(args);
  const n = (i: number) => parseNumber(words[i] ?? '', 65535);
  if (words.length === 1) {
    const v = n(0);
    return v === undefined ? undefined : { lo: v, hi: v };
  }
  if (words.length === 3 && words[1] === '-') {
    const lo = n(0);
    const hi = n(2);
    return lo === undefined || hi === undefined || lo > hi ? undefined : { lo, hi };
  }
  if (words.length !== 2) return undefined;
  const v = n(1);
  if (v === undefined) return undefined;
  switch (words[0]) {
    case '<':
      return v === 0 ? undefined : { lo: 0, hi: v - 1 };
    case '<=':
      return { lo: 0, hi: v };
    case '>':
      return v === 65535 ? undefined : { lo: v + 1, hi: 65535 };
    case '>=':
      return { lo: v, hi: 65535 };
    default:
      return undefined;
  }
}

/** `>190` and `1200-1250` written without spaces, as the guide's own examples sometimes do. */
function portWords(args: readonly string[]): string[] {
  if (args.length !== 1) return [...args];
  const op = /^(<=|>=|<|>)(\d+)$/.exec(args[0]!);
  if (op) return [op[1]!, op[2]!];
  const range = /^(\d+)-(\d+)$/.exec(args[0]!);
  return range ? [range[1]!, '-', range[2]!] : [...args];
}

function parseNumber(text: string, max: number): number | undefined {
  if (!/^(\d+|0x[0-9a-f]+)$/i.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * What the guide asks of an entry's conditions together: one of each, the protocol named for ports (TCP or UDP),
 * ICMP type and code (ICMP) and TCP flags (TCP), an ICMP code only with a type, both addresses of one family.
 * Returns the problem and the condition it is about, or undefined.
 */
export function entryProblem(conditions: readonly Condition[]): { index: number; reason: string } | undefined {
  const seen = new Map<string, number>();
  for (const [index, c] of conditions.entries()) {
    if (seen.has(c.kind)) return { index, reason: `a second ${c.kind} condition in one entry (an entry takes one of each)` };
    seen.set(c.kind, index);
  }
  const proto = conditions.find((c) => c.kind === 'protocol')?.proto;
  const needs: [Condition['kind'], readonly number[], string][] = [
    ['source-port', [6, 17], 'protocol tcp or udp'],
    ['destination-port', [6, 17], 'protocol tcp or udp'],
    ['icmp-type', [1, 58], 'protocol icmp'],
    ['icmp-code', [1, 58], 'protocol icmp'],
    ['tcp-flags', [6], 'protocol tcp'],
  ];
  for (const [kind, protos, words] of needs) {
    const index = seen.get(kind);
    if (index !== undefined && (proto === undefined || !protos.includes(proto))) return { index, reason: `${kind} needs ${words} in the same entry` };
  }
  const code = seen.get('icmp-code');
  if (code !== undefined && !seen.has('icmp-type')) return { index: code, reason: 'icmp-code needs an icmp-type in the same entry' };
  const families = conditions.flatMap((c) => (c.kind === 'source-address' || c.kind === 'destination-address' ? [c.family] : []));
  if (families.length === 2 && families[0] !== families[1]) return { index: seen.get('destination-address')!, reason: 'source and destination addresses of different IP versions' };
  return undefined;
}

/** The IP version an entry's addresses name, if it names one. */
export function addressFamily(conditions: readonly Condition[]): Family | undefined {
  for (const c of conditions) if (c.kind === 'source-address' || c.kind === 'destination-address') return c.family;
  return undefined;
}

/** Whether the packet meets one condition. An address condition of one IP version never matches the other's packets. */
export function meets(c: Condition, p: WirePacket): boolean {
  switch (c.kind) {
    case 'source-address':
    case 'destination-address': {
      const key = c.kind === 'source-address' ? p.src : p.dst;
      return keyFamily(key) === c.family && (keyValue(key) & c.mask) === c.value;
    }
    case 'protocol':
      return p.proto === c.proto;
    case 'source-port':
      return p.srcPort >= c.lo && p.srcPort <= c.hi;
    case 'destination-port':
      return p.port >= c.lo && p.port <= c.hi;
    case 'icmp-type':
      return p.port >> 8 === c.value;
    case 'icmp-code':
      return (p.port & 0xff) === c.value;
    case 'tcp-flags':
      return p.tcpFlags === c.value;
  }
}
