import { keyValue, parseAddress } from '../../src/net/address.js';
import type { WirePacket } from '../reader.js';
import { decimal, icmpMessage, portNumber, protocolNumber } from './read-names.js';

type Family = 4 | 6;

const TCP = 6;
const ICMP: Record<Family, number> = { 4: 1, 6: 58 };
const ACK = 0x10;
const RST = 0x04;
const FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 };

/** An address operand: a packet address matches when `address & care === value` (care: the bits not wildcarded). */
interface AddressMatch {
  value: bigint;
  care: bigint;
}

/** The ports a port operator accepts, as inclusive ranges. */
type PortRanges = readonly (readonly [number, number])[];

/** One permit or deny rule of a list, as EOS matches it: every field it names must hold. */
export interface Rule {
  action: 'permit' | 'deny';
  proto: number | 'any';
  src: AddressMatch;
  dst: AddressMatch;
  srcPorts?: PortRanges;
  dstPorts?: PortRanges;
  icmp?: { type: number; code?: number };
  /** `established`: ACK or RST set; flag keywords: every named flag set. */
  tcpFlags?: 'established' | number;
}

export type ParsedRule = { rule: Rule } | { error: string };

/** Reads `permit|deny ...` (without its sequence number) of an extended list, or of a standard one (source only). */
export function parseRule(words: readonly string[], family: Family, standard: boolean): ParsedRule {
  const at = new Cursor(words);
  const action = at.next();
  if (action !== 'permit' && action !== 'deny') return { error: `"${action}" is not permit, deny or remark` };
  try {
    const rule = standard ? standardRule(action, at, family) : extendedRule(action, at, family);
    if (at.peek() === 'log') at.next();
    const rest = at.rest();
    if (rest.length > 0) return { error: `"${rest.join(' ')}" is not understood in this rule` };
    return { rule };
  } catch (e) {
    if (e instanceof RuleError) return { error: e.message };
    throw e;
  }
}

class RuleError extends Error {}

class Cursor {
  private i = 0;
  constructor(private readonly words: readonly string[]) {}
  peek(): string | undefined {
    return this.words[this.i];
  }
  next(what = 'a word'): string {
    const w = this.words[this.i++];
    if (w === undefined) throw new RuleError(`the rule ends where ${what} should follow`);
    return w;
  }
  rest(): string[] {
    return this.words.slice(this.i);
  }
}

function standardRule(action: Rule['action'], at: Cursor, family: Family): Rule {
  return { action, proto: 'any', src: address(at, family), dst: { value: 0n, care: 0n } };
}

function extendedRule(action: Rule['action'], at: Cursor, family: Family): Rule {
  const word = at.next('a protocol');
  const proto = protocolNumber(word, family);
  if (proto === undefined) throw new RuleError(`"${word}" is not a protocol of an IPv${family} list`);
  // EOS takes ports after the tcp and udp keywords only, ICMP messages after icmp / icmpv6.
  const ported = word === 'tcp' || word === 'udp';
  const rule: Rule = { action, proto, src: address(at, family), dst: { value: 0n, care: 0n } };
  if (ported) rule.srcPorts = ports(at, proto as number);
  rule.dst = address(at, family);
  if (ported) rule.dstPorts = ports(at, proto as number);
  if (proto === ICMP[family] && word !== String(proto)) rule.icmp = icmp(at, family);
  if (proto === TCP && word === 'tcp') rule.tcpFlags = flags(at);
  return rule;
}

/** `any`, `host A`, `A/len`, or (IPv4) `A WILDCARD` with a wildcard mask, contiguous or not. */
function address(at: Cursor, family: Family): AddressMatch {
  const bits = family === 4 ? 32 : 128;
  const all = (1n << BigInt(bits)) - 1n;
  const word = at.next('an address');
  if (word === 'any') return { value: 0n, care: 0n };
  if (word === 'host') return { value: addressOf(at.next('the host address'), family), care: all };
  const [text = '', len, ...extra] = word.split('/');
  if (len !== undefined) {
    const length = decimal(len, bits);
    if (length === undefined || extra.length > 0) throw new RuleError(`"${word}" is not an IPv${family} prefix`);
    const care = all ^ ((1n << BigInt(bits - length)) - 1n);
    return { value: addressOf(text, family) & care, care };
  }
  const wildcard = family === 4 ? parseAddress(at.peek() ?? '') : undefined;
  if (wildcard?.family !== 4) throw new RuleError(`"${word}" needs a prefix length or a wildcard mask`);
  at.next();
  const care = all ^ wildcard.value;
  return { value: addressOf(text, family) & care, care };
}

function addressOf(text: string, family: Family): bigint {
  const parsed = parseAddress(text);
  if (parsed?.family !== family) throw new RuleError(`"${text}" is not an IPv${family} address`);
  return parsed.value;
}

/** An optional port operator: `eq P...`, `neq P...`, `gt P`, `lt P`, `range A B`. */
function ports(at: Cursor, proto: number): PortRanges | undefined {
  const op = at.peek();
  if (op !== 'eq' && op !== 'neq' && op !== 'gt' && op !== 'lt' && op !== 'range') return undefined;
  at.next();
  const port = () => {
    const word = at.next('a port');
    const n = portNumber(word, proto);
    if (n === undefined) throw new RuleError(`"${word}" is not a ${proto === TCP ? 'TCP' : 'UDP'} port`);
    return n;
  };
  if (op === 'gt') return [[port() + 1, 65535]];
  if (op === 'lt') return [[0, port() - 1]];
  if (op === 'range') {
    const [lo, hi] = [port(), port()];
    if (lo > hi) throw new RuleError(`range ${lo} ${hi} is empty`);
    return [[lo, hi]];
  }
  const listed = [port()];
  while (at.peek() !== undefined && portNumber(at.peek()!, proto) !== undefined) listed.push(port());
  if (op === 'eq') return listed.map((p) => [p, p] as const);
  return complement(listed);
}

function complement(excluded: number[]): PortRanges {
  const out: [number, number][] = [];
  let from = 0;
  for (const p of [...new Set(excluded)].sort((a, b) => a - b)) {
    if (p > from) out.push([from, p - 1]);
    from = p + 1;
  }
  if (from <= 65535) out.push([from, 65535]);
  return out;
}

/** An optional ICMP message: a type number with an optional code number, or a message name. */
function icmp(at: Cursor, family: Family): Rule['icmp'] {
  const word = at.peek();
  if (word === undefined) return undefined;
  const named = icmpMessage(word, family);
  if (named) {
    at.next();
    return named;
  }
  const type = decimal(word, 255);
  if (type === undefined) return undefined;
  at.next();
  const code = decimal(at.peek() ?? '', 255);
  if (code !== undefined) at.next();
  return code === undefined ? { type } : { type, code };
}

function flags(at: Cursor): Rule['tcpFlags'] {
  if (at.peek() === 'established') {
    at.next();
    return 'established';
  }
  let set = 0;
  while (at.peek() !== undefined && Object.hasOwn(FLAGS, at.peek()!)) set |= FLAGS[at.next()]!;
  return set === 0 ? undefined : set;
}

/** Whether the rule matches the packet; the caller has chosen the list of the packet's family. */
export function ruleMatches(r: Rule, p: WirePacket, src = keyValue(p.src), dst = keyValue(p.dst)): boolean {
  if (r.proto !== 'any' && p.proto !== r.proto) return false;
  if ((src & r.src.care) !== r.src.value || (dst & r.dst.care) !== r.dst.value) return false;
  if (r.srcPorts && !inRanges(r.srcPorts, p.srcPort)) return false;
  if (r.dstPorts && !inRanges(r.dstPorts, p.port)) return false;
  if (r.icmp && (p.port >> 8 !== r.icmp.type || (r.icmp.code !== undefined && (p.port & 0xff) !== r.icmp.code))) return false;
  if (r.tcpFlags === 'established') return (p.tcpFlags & (ACK | RST)) !== 0;
  if (r.tcpFlags !== undefined) return (p.tcpFlags & r.tcpFlags) === r.tcpFlags;
  return true;
}

function inRanges(ranges: PortRanges, port: number): boolean {
  return ranges.some(([lo, hi]) => port >= lo && port <= hi);
}
