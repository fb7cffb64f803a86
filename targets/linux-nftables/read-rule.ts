import type { WirePacket } from '../reader.js';
import { elementTexts, type NftSet, type NftTable } from './read-ruleset.js';
import {
  addressRange,
  byteRange,
  ICMP_CODES,
  ICMP_TYPES,
  ICMPV6_CODES,
  ICMPV6_TYPES,
  portRange,
  protoRange,
  TCP_FLAGS,
} from './read-values.js';

/** What a rule sees of a packet at its hook. */
export interface Packet {
  p: WirePacket;
  family: 4 | 6;
  /** Undefined where the interface is not a zone's link (the uplink) or the hook has none. */
  iif?: string;
  oif?: string;
  state: 'new' | 'established';
}

export type Verdict = { kind: 'accept' } | { kind: 'drop' } | { kind: 'return' } | { kind: 'jump'; chain: string } | { kind: 'goto'; chain: string };

export interface CompiledRule {
  matches: ((k: Packet) => boolean)[];
  /** Undefined for a rule without a verdict (counter, log): the packet goes on to the next rule. */
  verdict?: Verdict;
}

type Tokens = string[];
type Cmp = (v: bigint) => boolean;

/** Words, `"strings"` and `{ ... }` lists as single tokens. */
function tokenize(text: string): Tokens {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out.push(text.slice(i, stop));
      i = stop;
    } else if (c === '{') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      const m = /^[^\s{"]+/.exec(text.slice(i))!;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

const OPS = new Set(['==', '!=', 'eq', 'ne', '<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge']);

/** A rule's text compiled against its table; throws a reason (caught by the caller) for what it cannot read. */
export function compileRule(text: string, table: NftTable): CompiledRule {
  const tokens = tokenize(text);
  const matches: CompiledRule['matches'] = [];
  let verdict: Verdict | undefined;
  let i = 0;
  const next = (what: string): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`${what} is missing at the end of the rule`);
    return t;
  };

  /** Reads `[op] value` and answers a comparison over the value's numbers (ranges of one kind). */
  function comparison(parse: (t: string) => [bigint, bigint] | undefined, what: string): Cmp {
    let op = '==';
    if (OPS.has(tokens[i] ?? '')) op = next(what);
    const value = next(what);
    const ranges = valueRanges(value, parse, what);
    const inside: Cmp = (v) => ranges.some(([lo, hi]) => v >= lo && v <= hi);
    if (op === '==' || op === 'eq') return inside;
    if (op === '!=' || op === 'ne') return (v) => !inside(v);
    if (ranges.length !== 1 || ranges[0]![0] !== ranges[0]![1]) throw new Error(`"${op}" takes one value`);
    const x = ranges[0]![0];
    if (op === '<' || op === 'lt') return (v) => v < x;
    if (op === '>' || op === 'gt') return (v) => v > x;
    if (op === '<=' || op === 'le') return (v) => v <= x;
    return (v) => v >= x;
  }

  function valueRanges(value: string, parse: (t: string) => [bigint, bigint] | undefined, what: string): [bigint, bigint][] {
    let texts: string[];
    if (value.startsWith('@')) {
      const set: NftSet | undefined = table.sets.get(value.slice(1));
      if (!set) throw new Error(`set ${value} is not defined in table ${table.family} ${table.name}`);
      texts = set.elements.map((e) => e.text);
    } else if (value.startsWith('{')) {
      texts = elementTexts(value);
    } else {
      texts = [value];
    }
    return texts.map((t) => {
      const r = parse(t);
      if (!r) throw new Error(`"${t}" is not a ${what}`);
      return r;
    });
  }

  const big = (r: [number, number] | undefined): [bigint, bigint] | undefined => (r ? [BigInt(r[0]), BigInt(r[1])] : undefined);
  const isFamily = (f: 4 | 6) => (k: Packet) => k.family === f;

  function address(family: 4 | 6, side: 'src' | 'dst'): void {
    const cmp = comparison((t) => addressRange(t, family), `IPv${family} address`);
    matches.push((k) => k.family === family && cmp(k.p[side]));
  }

  function proto(dependency?: (k: Packet) => boolean): void {
    const cmp = comparison((t) => big(protoRange(t)), 'protocol');
    matches.push((k) => (!dependency || dependency(k)) && cmp(BigInt(k.p.proto)));
  }

  function iface(side: 'iif' | 'oif'): void {
    let op = '==';
    if (tokens[i] === '!=' || tokens[i] === '==') op = next('interface');
    const value = next('interface name');
    const names = value.startsWith('{') ? elementTexts(value) : [value.replace(/^"(.*)"$/, '$1')];
    if (value.startsWith('@')) throw new Error('interface sets are not read');
    const hit = (name: string | undefined) => name !== undefined && names.some((n) => ifnameMatches(n, name));
    matches.push(op === '==' ? (k) => hit(k[side]) : (k) => !hit(k[side]));
  }

  function ports(protoNumber: number | undefined, field: string): void {
    if (field !== 'dport' && field !== 'sport') throw new Error(`"${field}" of a transport header is not read`);
    const cmp = comparison((t) => big(portRange(t)), 'port');
    const ported = (p: number) => (protoNumber === undefined ? [6, 17, 132, 33, 136].includes(p) : p === protoNumber);
    matches.push((k) => ported(k.p.proto) && cmp(BigInt(field === 'dport' ? k.p.port : k.p.srcPort)));
  }

  function icmp(family: 4 | 6, field: string): void {
    const number = family === 4 ? 1 : 58;
    const names = field === 'type' ? (family === 4 ? ICMP_TYPES : ICMPV6_TYPES) : field === 'code' ? (family === 4 ? ICMP_CODES : ICMPV6_CODES) : undefined;
    if (!names) throw new Error(`"${field}" of an ICMP header is not read`);
    const cmp = comparison((t) => big(byteRange(t, names)), `ICMP ${field}`);
    const part = (port: number) => BigInt(field === 'type' ? port >> 8 : port & 255);
    // nft adds `meta nfproto` to an icmp or icmpv6 match in an inet table: each belongs to its family.
    matches.push((k) => k.family === family && k.p.proto === number && cmp(part(k.p.port)));
  }

  function tcpFlags(): void {
    const flagMask = (t: string) => {
      let mask = 0;
      for (const name of t.replace(/[()]/g, '').split(/[|,]/).filter(Boolean)) {
        if (!Object.hasOwn(TCP_FLAGS, name)) throw new Error(`"${name}" is not a TCP flag`);
        mask |= TCP_FLAGS[name]!;
      }
      return mask;
    };
    const isTcp = (k: Packet) => k.p.proto === 6;
    if (tokens[i] === '&') {
      // tcp flags & (syn | ack) == syn
      i++;
      const maskWords: string[] = [];
      while (i < tokens.length && tokens[i] !== '==' && tokens[i] !== '!=') maskWords.push(tokens[i++]!);
      const op = next('comparison');
      const mask = flagMask(maskWords.join(''));
      const value = flagMask(next('TCP flags'));
      matches.push((k) => isTcp(k) && ((k.p.tcpFlags & mask) === value) === (op === '=='));
      return;
    }
    let op = 'implicit';
    if (tokens[i] === '==' || tokens[i] === '!=') op = next('comparison');
    const value = next('TCP flags');
    if (tokens[i] === '/') {
      // tcp flags syn / syn,ack: the flags under the mask equal the value
      i++;
      const mask = flagMask(next('TCP flag mask'));
      const want = flagMask(value);
      matches.push((k) => isTcp(k) && ((k.p.tcpFlags & mask) === want) === (op !== '!='));
      return;
    }
    if (value.startsWith('{')) {
      const exact = elementTexts(value).map(flagMask);
      matches.push((k) => isTcp(k) && exact.includes(k.p.tcpFlags) === (op !== '!='));
      return;
    }
    const mask = flagMask(value);
    // A bare flag list tests whether any of its flags is set; == and != compare the whole field.
    if (op === 'implicit') matches.push((k) => isTcp(k) && (k.p.tcpFlags & mask) !== 0);
    else matches.push((k) => isTcp(k) && (k.p.tcpFlags === mask) === (op === '=='));
  }

  function ctState(): void {
    let op = '==';
    if (tokens[i] === '!=' || tokens[i] === '==') op = next('ct state');
    const value = next('ct state');
    const states = value.startsWith('{') ? elementTexts(value) : value.split(',');
    for (const s of states) if (!['new', 'established', 'related', 'invalid', 'untracked'].includes(s)) throw new Error(`"${s}" is not a ct state`);
    // A packet the contract calls new opens a connection (conntrack: new); a reply is established. Neither is
    // related, invalid or untracked.
    matches.push((k) => states.includes(k.state) === (op === '=='));
  }

  while (i < tokens.length) {
    const word = next('expression');
    if (verdict && word !== 'comment') throw new Error(`"${word}" after the verdict`);
    switch (word) {
      case 'ip':
      case 'ip6': {
        const family = word === 'ip' ? 4 : 6;
        const field = next('field');
        if (field === 'saddr' || field === 'daddr') address(family, field === 'saddr' ? 'src' : 'dst');
        else if ((field === 'protocol' && family === 4) || (field === 'nexthdr' && family === 6)) proto(isFamily(family));
        else throw new Error(`"${word} ${field}" is not read`);
        break;
      }
      case 'meta': {
        const key = next('meta key');
        if (key === 'l4proto') proto();
        else if (key === 'nfproto') {
          const cmp = comparison((t) => (t === 'ipv4' ? [4n, 4n] : t === 'ipv6' ? [6n, 6n] : undefined), 'nfproto (ipv4 or ipv6)');
          matches.push((k) => cmp(BigInt(k.family)));
        } else if (key === 'iifname' || key === 'oifname') iface(key === 'iifname' ? 'iif' : 'oif');
        else throw new Error(`"meta ${key}" is not read`);
        break;
      }
      case 'iifname':
      case 'oifname':
        iface(word === 'iifname' ? 'iif' : 'oif');
        break;
      case 'tcp':
      case 'udp':
      case 'sctp':
      case 'udplite':
      case 'dccp': {
        const field = next('field');
        if (word === 'tcp' && field === 'flags') tcpFlags();
        else ports({ tcp: 6, udp: 17, sctp: 132, udplite: 136, dccp: 33 }[word], field);
        break;
      }
      case 'th':
        ports(undefined, next('field'));
        break;
      case 'icmp':
      case 'icmpv6':
        icmp(word === 'icmp' ? 4 : 6, next('field'));
        break;
      case 'ct': {
        const key = next('ct key');
        if (key !== 'state') throw new Error(`"ct ${key}" is not read`);
        ctState();
        break;
      }
      case 'counter':
        if (tokens[i] === 'packets' && tokens[i + 2] === 'bytes') i += 4;
        break;
      case 'log':
        while (['prefix', 'level', 'flags', 'group', 'snaplen', 'queue-threshold'].includes(tokens[i] ?? '')) i += 2;
        break;
      case 'comment':
        if (!/^"[^"]*"$/.test(next('comment'))) throw new Error('a comment is a quoted string');
        break;
      case 'accept':
      case 'drop':
      case 'return':
        verdict = { kind: word } as Verdict;
        break;
      case 'reject':
        verdict = { kind: 'drop' };
        if (tokens[i] === 'with') {
          i++;
          // reject with tcp reset | with icmp[v6|x] [type] <name>
          if (next('reject kind') === 'tcp') next('reset');
          else if (next('reject type') === 'type') next('reject type');
        }
        break;
      case 'jump':
      case 'goto': {
        const chain = next('chain');
        if (!table.chains.has(chain)) throw new Error(`chain ${chain} is not defined in table ${table.family} ${table.name}`);
        verdict = { kind: word, chain } as Verdict;
        break;
      }
      default:
        throw new Error(`"${word}" is not read by this reader`);
    }
  }
  return { matches, verdict };
}

/** nft's interface name match: exact, or a prefix when the pattern ends in `*`. */
export function ifnameMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith('*')) {
    const stem = pattern.slice(0, -1);
    return name.startsWith(stem);
  }
  return pattern === name;
}
