import { keyFamily, keyValue, parseAddress, parsePrefix } from '../../src/net/address.js';
import type { WirePacket } from '../reader.js';
import { icmpMessageOf, portOf, protocolOf, TCP_FLAGS, type IcmpMessage } from './read-names.js';

type Family = 4 | 6;

/** An address of an entry: `any`, a value under a wildcard (`host A`, `A WILDCARD`, `X/LEN`), or a network group. */
export type AddressTerm =
  | { kind: 'any' }
  | { kind: 'mask'; family: Family; value: bigint; wildcard: bigint }
  | { kind: 'group'; name: string };

export type PortTerm = { op: 'eq' | 'neq'; ports: number[] } | { op: 'lt' | 'gt'; port: number } | { op: 'range'; lo: number; hi: number };

/** TCP flag tests: `established` is any of ACK, RST set; `match-all +syn -ack` all of them. */
export interface FlagTerm {
  mode: 'any' | 'all';
  terms: { bit: number; set: boolean }[];
}

export interface ServiceTerm {
  proto: number | 'any';
  srcPorts?: PortTerm;
  dstPorts?: PortTerm;
  icmp?: IcmpMessage;
  flags?: FlagTerm;
}

/** What an access entry matches, once read. `service` names an `object-group service` when the entry does. */
export interface AceMatch {
  src: AddressTerm;
  dst: AddressTerm;
  service: ServiceTerm | { group: string };
}

class Words {
  i = 0;
  constructor(readonly list: readonly string[]) {}
  peek(ahead = 0): string | undefined {
    return this.list[this.i + ahead];
  }
  next(): string | undefined {
    return this.list[this.i++];
  }
  get done(): boolean {
    return this.i >= this.list.length;
  }
}

const ACK_OR_RST: FlagTerm = { mode: 'any', terms: [{ bit: TCP_FLAGS.ack!, set: true }, { bit: TCP_FLAGS.rst!, set: true }] };

/** The body of an extended entry after `permit`/`deny`: `PROTO SRC [PORTS] DST [PORTS] [ICMP] [FLAGS] [log]`. */
export function parseExtended(list: readonly string[], family: Family): AceMatch | string {
  const w = new Words(list);
  if (w.peek() === 'object-group') {
    w.next();
    const group = w.next();
    if (group === undefined) return 'object-group without a name';
    if (family === 6) return 'service object groups are read in IPv4 lists only';
    const src = readAddress(w, family);
    if (typeof src === 'string') return src;
    const dst = readAddress(w, family);
    if (typeof dst === 'string') return dst;
    const rest = readOptions(w);
    return rest ?? { src, dst, service: { group } };
  }
  const protoWord = w.next() ?? '';
  const proto = protocolOf(protoWord, family);
  if (proto === undefined) return `"${protoWord}" is not an IPv${family} protocol`;
  const service: ServiceTerm = { proto };
  const src = readAddress(w, family);
  if (typeof src === 'string') return src;
  const ported = proto === 6 || proto === 17 || (proto === 132 && family === 6);
  if (ported) {
    const ports = readPorts(w, proto);
    if (typeof ports === 'string') return ports;
    if (ports) service.srcPorts = ports;
  }
  const dst = readAddress(w, family);
  if (typeof dst === 'string') return dst;
  if (ported) {
    const ports = readPorts(w, proto);
    if (typeof ports === 'string') return ports;
    if (ports) service.dstPorts = ports;
  }
  const tail = readServiceTail(w, service, family);
  if (tail) return tail;
  return readOptions(w) ?? { src, dst, service };
}

/** A standard entry after `permit`/`deny`: `SRC [log]`, SRC being `any`, `host A`, `A` or `A WILDCARD`. */
export function parseStandard(list: readonly string[]): AceMatch | string {
  const w = new Words(list);
  const bare = w.peek() !== undefined && parseAddress(w.peek()!)?.family === 4 && !parseAddress(w.peek(1) ?? '');
  const src = bare ? readAddress(new Words(['host', w.next()!]), 4) : readAddress(w, 4);
  if (typeof src === 'string') return src;
  return readOptions(w) ?? { src, dst: { kind: 'any' }, service: { proto: 'any' } };
}

/** A service group member: `PROTO [source OP P] [OP P]`, `icmp [TYPE [CODE] | NAME]`. */
export function parseService(list: readonly string[], family: Family): ServiceTerm | string {
  const w = new Words(list);
  const protoWord = w.next() ?? '';
  const proto = protocolOf(protoWord, family);
  if (proto === undefined) return `"${protoWord}" is not a protocol`;
  const service: ServiceTerm = { proto };
  if (proto === 6 || proto === 17) {
    if (w.peek() === 'source') {
      w.next();
      const ports = readPorts(w, proto);
      if (typeof ports === 'string' || !ports) return ports ?? 'source without a port operator';
      service.srcPorts = ports;
    }
    const ports = readPorts(w, proto);
    if (typeof ports === 'string') return ports;
    if (ports) service.dstPorts = ports;
  }
  const tail = readServiceTail(w, service, family);
  if (tail) return tail;
  return w.done ? service : `"${w.peek()}" is not understood here`;
}

/** ICMP message and TCP flags after the destination. */
function readServiceTail(w: Words, service: ServiceTerm, family: Family): string | undefined {
  if (service.proto === (family === 4 ? 1 : 58)) {
    const icmp = readIcmp(w, family);
    if (typeof icmp === 'string') return icmp;
    if (icmp) service.icmp = icmp;
  }
  if (service.proto === 6) {
    const flags = readFlags(w);
    if (typeof flags === 'string') return flags;
    if (flags) service.flags = flags;
  }
  return undefined;
}

function readAddress(w: Words, family: Family): AddressTerm | string {
  const word = w.next();
  if (word === undefined) return 'an address is missing';
  if (word === 'any') return { kind: 'any' };
  if (word === 'object-group') {
    const name = w.next();
    return name === undefined ? 'object-group without a name' : { kind: 'group', name };
  }
  if (word === 'host') {
    const a = parseAddress(w.next() ?? '');
    return a?.family === family ? { kind: 'mask', family, value: a.value, wildcard: 0n } : `host needs an IPv${family} address`;
  }
  if (family === 6) {
    const parsed = parsePrefix(word);
    if ('error' in parsed || parsed.prefix.family !== 6 || !word.includes('/')) return `"${word}" is not an IPv6 prefix`;
    return { kind: 'mask', family, value: parsed.prefix.network, wildcard: (1n << BigInt(128 - parsed.prefix.length)) - 1n };
  }
  const a = parseAddress(word);
  const wildcard = parseAddress(w.peek() ?? '');
  if (a?.family !== 4 || wildcard?.family !== 4) return `"${word}" is not an address with a wildcard`;
  w.next();
  return { kind: 'mask', family, value: a.value, wildcard: wildcard.value };
}

function readPorts(w: Words, proto: number): PortTerm | undefined | string {
  const op = w.peek();
  if (op !== 'eq' && op !== 'neq' && op !== 'lt' && op !== 'gt' && op !== 'range') return undefined;
  w.next();
  const port = () => {
    const word = w.next() ?? '';
    const n = portOf(word, proto);
    return n === undefined ? `"${word}" is not a port of protocol ${proto}` : n;
  };
  if (op === 'range') {
    const [lo, hi] = [port(), port()];
    if (typeof lo === 'string' || typeof hi === 'string') return typeof lo === 'string' ? lo : (hi as string);
    return lo <= hi ? { op, lo, hi } : `range ${lo} ${hi} is empty`;
  }
  const first = port();
  if (typeof first === 'string') return first;
  if (op === 'lt' || op === 'gt') return { op, port: first };
  // IOS-XE takes up to ten ports after eq and neq (noncontiguous ports).
  const ports = [first];
  while (w.peek() !== undefined && portOf(w.peek()!, proto) !== undefined) ports.push(portOf(w.next()!, proto)!);
  return { op, ports };
}

function readIcmp(w: Words, family: Family): IcmpMessage | undefined | string {
  const word = w.peek();
  if (word === undefined) return undefined;
  const named = icmpMessageOf(word, family);
  if (named) {
    w.next();
    return named;
  }
  if (!/^[0-9]{1,3}$/.test(word)) return undefined;
  w.next();
  const type = Number(word);
  if (type > 255) return `ICMP type ${type} is over 255`;
  const codeWord = w.peek();
  if (codeWord === undefined || !/^[0-9]{1,3}$/.test(codeWord)) return { type };
  w.next();
  return Number(codeWord) > 255 ? `ICMP code ${codeWord} is over 255` : { type, code: Number(codeWord) };
}

function readFlags(w: Words): FlagTerm | undefined | string {
  const word = w.peek();
  if (word === 'established') {
    w.next();
    return ACK_OR_RST;
  }
  if (word === 'match-any' || word === 'match-all') {
    w.next();
    const terms: FlagTerm['terms'] = [];
    while (/^[+-](fin|syn|rst|psh|ack|urg)$/.test(w.peek() ?? '')) {
      const t = w.next()!;
      terms.push({ bit: TCP_FLAGS[t.slice(1)]!, set: t[0] === '+' });
    }
    return terms.length > 0 ? { mode: word === 'match-any' ? 'any' : 'all', terms } : `${word} without +flag or -flag`;
  }
  if (word !== undefined && Object.hasOwn(TCP_FLAGS, word)) {
    w.next();
    if (w.peek() !== undefined && Object.hasOwn(TCP_FLAGS, w.peek()!)) return 'several TCP flag keywords in one entry';
    return { mode: 'all', terms: [{ bit: TCP_FLAGS[word]!, set: true }] };
  }
  return undefined;
}

/** What may end an entry without changing what it matches: logging. Anything else is reported. */
function readOptions(w: Words): string | undefined {
  while (!w.done) {
    const word = w.next()!;
    if (word !== 'log' && word !== 'log-input') return `"${word}" is not understood here (only log and log-input may end an entry)`;
  }
  return undefined;
}

export function addressMatches(term: AddressTerm, key: bigint, inGroup: (name: string, key: bigint) => boolean): boolean {
  if (term.kind === 'any') return true;
  if (term.kind === 'group') return inGroup(term.name, key);
  return keyFamily(key) === term.family && ((keyValue(key) ^ term.value) & ~term.wildcard) === 0n;
}

function portMatches(t: PortTerm, port: number): boolean {
  switch (t.op) {
    case 'eq':
      return t.ports.includes(port);
    case 'neq':
      return !t.ports.includes(port);
    case 'lt':
      return port < t.port;
    case 'gt':
      return port > t.port;
    case 'range':
      return port >= t.lo && port <= t.hi;
  }
}

export function serviceMatches(s: ServiceTerm, p: WirePacket): boolean {
  if (s.proto !== 'any' && s.proto !== p.proto) return false;
  if (s.srcPorts && !portMatches(s.srcPorts, p.srcPort)) return false;
  if (s.dstPorts && !portMatches(s.dstPorts, p.port)) return false;
  if (s.icmp && (p.port >> 8 !== s.icmp.type || (s.icmp.code !== undefined && (p.port & 255) !== s.icmp.code))) return false;
  if (s.flags) {
    const hit = (t: { bit: number; set: boolean }) => ((p.tcpFlags & t.bit) !== 0) === t.set;
    if (s.flags.mode === 'any' ? !s.flags.terms.some(hit) : !s.flags.terms.every(hit)) return false;
  }
  return true;
}
