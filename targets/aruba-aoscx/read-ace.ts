import { parseAddress } from '../../src/net/address.js';

/** An address as an ACE or object group spells it: the bits of `value` under `mask` must match (AOS-CX masks may be non-contiguous). */
export interface AddressMatch {
  family: 4 | 6;
  value: bigint;
  mask: bigint;
}

export type AddressSpec = { kind: 'any' } | { kind: 'address'; match: AddressMatch } | { kind: 'group'; name: string };

/** A port condition: `eq`, `neq`, `gt`, `lt`, `range`, or `group NAME` (a port object group). */
export type PortSpec = { kind: 'ports'; op: 'eq' | 'neq' | 'gt' | 'lt' | 'range'; lo: number; hi: number } | { kind: 'group'; name: string };

/** One ACE without its sequence number: what it matches and what it does. */
export interface AceBody {
  action: 'permit' | 'deny';
  proto: number | 'any';
  src: AddressSpec;
  srcPort?: PortSpec;
  dst: AddressSpec;
  dstPort?: PortSpec;
  /** `established`: ACK or RST set. */
  established: boolean;
  /** TCP flags named one by one (`ack`, `syn`, ...): each must be set. */
  flags: number;
  icmpType?: number;
  icmpCode?: number;
}

export const TCP = 6;
export const UDP = 17;
export const SCTP = 132;
const ICMP = 1;
const ICMPV6 = 58;

const PROTOCOLS: Record<string, number> = { ah: 51, esp: 50, gre: 47, igmp: 2, pim: 103, sctp: SCTP, tcp: TCP, udp: UDP };
const FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 };
const ICMP_TYPES: Record<4 | 6, Record<string, number>> = {
  4: {
    'echo-reply': 0, 'destination-unreachable': 3, unreachable: 3, 'source-quench': 4, redirect: 5, echo: 8, 'echo-request': 8,
    'router-advertisement': 9, 'router-solicitation': 10, 'time-exceeded': 11, 'parameter-problem': 12, 'timestamp-request': 13,
    'timestamp-reply': 14,
  },
  6: {
    'destination-unreachable': 1, unreachable: 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128,
    echo: 128, 'echo-reply': 129, 'mld-query': 130, 'mld-report': 131, 'mld-done': 132, 'router-solicitation': 133,
    'router-advertisement': 134, 'neighbor-solicitation': 135, 'neighbor-advertisement': 136, redirect: 137, 'mldv2-report': 143,
  },
};

/** Words that end the address part of an ACE: a name that is one of them cannot be an object group. */
const KEYWORDS = new Set(['eq', 'neq', 'gt', 'lt', 'range', 'group', 'established', 'icmp-type', 'icmp-code', 'log', 'count', ...Object.keys(FLAGS)]);

export const hasPorts = (proto: number | 'any') => proto === TCP || proto === UDP || proto === SCTP;

function number(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/** `A.B.C.D`, `A.B.C.D/len`, `A.B.C.D/W.X.Y.Z` (a mask), `X::Y`, `X::Y/len`; a bare address is one host. */
export function parseAddressMatch(text: string, family: 4 | 6): AddressMatch | string {
  const [addr = '', len, extra] = text.split('/');
  const parsed = parseAddress(addr);
  if (!parsed || extra !== undefined) return `"${text}" is not an address`;
  if (parsed.family !== family) return `"${text}" is an IPv${parsed.family} address in an IPv${family} context`;
  const bits = family === 4 ? 32 : 128;
  const all = (1n << BigInt(bits)) - 1n;
  let mask = all;
  if (len !== undefined) {
    const n = number(len, bits);
    const dotted = family === 4 && n === undefined ? parseAddress(len) : undefined;
    if (n !== undefined) mask = all ^ ((1n << BigInt(bits - n)) - 1n);
    else if (dotted?.family === 4) mask = dotted.value;
    else return `"${text}": "${len}" is neither a prefix length nor a mask`;
  }
  return { family, value: parsed.value & mask, mask };
}

export function addressMatches(m: AddressMatch, value: bigint): boolean {
  return (value & m.mask) === m.value;
}

function parseAddressSpec(word: string | undefined, family: 4 | 6): AddressSpec | string {
  if (word === undefined) return 'the address is missing';
  if (word === 'any') return { kind: 'any' };
  if (word === 'host') return 'AOS-CX has no "host" keyword: write the address alone';
  if (/^[0-9a-fA-F:.]+(\/[0-9.]+)?$/.test(word) && (word.includes('.') || word.includes(':'))) {
    const m = parseAddressMatch(word, family);
    return typeof m === 'string' ? m : { kind: 'address', match: m };
  }
  if (KEYWORDS.has(word)) return `"${word}" where an address is expected`;
  return { kind: 'group', name: word };
}

/** A port condition at words[i], or undefined when there is none; `next` is the index after it. */
function parsePortSpec(words: string[], i: number): { spec: PortSpec; next: number } | string | undefined {
  const op = words[i];
  if (op === 'group') return words[i + 1] ? { spec: { kind: 'group', name: words[i + 1]! }, next: i + 2 } : 'the port group name is missing';
  if (op === 'range') {
    const lo = number(words[i + 1], 65535);
    const hi = number(words[i + 2], 65535);
    if (lo === undefined || hi === undefined || lo > hi) return `"range ${words[i + 1] ?? ''} ${words[i + 2] ?? ''}" is not a port range`;
    return { spec: { kind: 'ports', op, lo, hi }, next: i + 3 };
  }
  if (op === 'eq' || op === 'neq' || op === 'gt' || op === 'lt') {
    const port = number(words[i + 1], 65535);
    if (port === undefined) return `"${op} ${words[i + 1] ?? ''}": the port must be a number 0-65535`;
    return { spec: { kind: 'ports', op, lo: port, hi: port }, next: i + 2 };
  }
  return undefined;
}

/** Parses a port-group entry: `eq P`, `neq P`, `gt P`, `lt P`, `range A B`. */
export function parsePortEntry(words: string[]): PortSpec | string {
  const r = parsePortSpec(words, 0);
  if (r === undefined || typeof r === 'string' || r.spec.kind === 'group' || r.next !== words.length) {
    return typeof r === 'string' ? r : 'a port entry is eq, neq, gt, lt or range with numbers';
  }
  return r.spec;
}

function parseProtocol(word: string | undefined, family: 4 | 6): number | 'any' | { reason: string } {
  if (word === undefined) return { reason: 'the protocol is missing' };
  if (word === 'any' || (word === 'ip' && family === 4) || (word === 'ipv6' && family === 6)) return 'any';
  if (word === 'icmp') return family === 4 ? ICMP : { reason: 'icmp in an IPv6 list: AOS-CX names it icmpv6' };
  if (word === 'icmpv6') return family === 6 ? ICMPV6 : { reason: 'icmpv6 in an IPv4 list' };
  if (PROTOCOLS[word] !== undefined) return PROTOCOLS[word]!;
  return number(word, 255) ?? { reason: `unknown protocol "${word}"` };
}

/** The words of an ACE after its sequence number, or the reason they are not one. */
export function parseAce(words: string[], family: 4 | 6): AceBody | string {
  const [action, protoWord] = words;
  if (action !== 'permit' && action !== 'deny') return `"${action}" is not permit or deny`;
  const proto = parseProtocol(protoWord, family);
  if (typeof proto === 'object') return proto.reason;
  const ace: AceBody = { action, proto, src: { kind: 'any' }, dst: { kind: 'any' }, established: false, flags: 0 };
  let i = 2;
  for (const side of ['src', 'dst'] as const) {
    const addr = parseAddressSpec(words[i], family);
    if (typeof addr === 'string') return addr;
    ace[side] = addr;
    i++;
    const port = parsePortSpec(words, i);
    if (typeof port === 'string') return port;
    if (port) {
      if (!hasPorts(proto)) return `a port condition on protocol ${protoWord}: only tcp, udp and sctp have ports`;
      ace[side === 'src' ? 'srcPort' : 'dstPort'] = port.spec;
      i = port.next;
    }
  }
  return parseOptions(ace, words.slice(i), family, protoWord!);
}

/** What follows the addresses: TCP flags, ICMP type and code, and `log` / `count` (which change no verdict). */
function parseOptions(ace: AceBody, words: string[], family: 4 | 6, protoWord: string): AceBody | string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'log' || w === 'count') continue;
    if (w === 'established' || FLAGS[w] !== undefined) {
      if (ace.proto !== TCP) return `"${w}" on protocol ${protoWord}: TCP flags are for tcp only`;
      if (w === 'established') ace.established = true;
      else ace.flags |= FLAGS[w]!;
    } else if (w === 'icmp-type' || w === 'icmp-code') {
      if (ace.proto !== (family === 4 ? ICMP : ICMPV6)) return `"${w}" on protocol ${protoWord}`;
      const value = number(words[i + 1], 255) ?? (w === 'icmp-type' ? ICMP_TYPES[family][words[i + 1] ?? ''] : undefined);
      if (value === undefined) return `"${w} ${words[i + 1] ?? ''}": not an ICMP ${w === 'icmp-type' ? 'type' : 'code'}`;
      if (w === 'icmp-type') ace.icmpType = value;
      else ace.icmpCode = value;
      i++;
    } else {
      return `"${w}" is not read (this reader knows established, ack, fin, psh, rst, syn, urg, icmp-type, icmp-code, log, count)`;
    }
  }
  if (ace.icmpCode !== undefined && ace.icmpType === undefined) return 'icmp-code without icmp-type';
  return ace;
}
