import { parseAddress, parsePrefix, prefixBounds } from '../../src/net/address.js';
import type { WirePacket } from '../reader.js';
import { icmpOf, portRangeOf, protocolOf, tcpFlagsOf } from './read-names.js';

/** What a rule sees of a packet in its chain. */
export interface Packet {
  p: WirePacket;
  /** Undefined where the interface is not a zone's link (the uplink) or the chain has none (OUTPUT has no -i). */
  iif?: string;
  oif?: string;
  state: 'new' | 'established';
}

export type Target =
  | { kind: 'ACCEPT' }
  | { kind: 'DROP' }
  | { kind: 'RETURN' }
  | { kind: 'LOG' }
  | { kind: 'jump'; chain: string }
  | { kind: 'goto'; chain: string };

export interface Rule {
  matches: ((k: Packet) => boolean)[];
  /** Undefined for a rule without `-j` (it only counts). */
  target?: Target;
}

/** iptables-restore's split: whitespace outside double or single quotes; a backslash escapes the next character. */
export function splitArguments(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      has = true;
    } else if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(current);
      current = '';
      has = false;
    } else {
      current += c;
      has = true;
    }
  }
  if (quote) throw new Error('a quoted argument is never closed');
  if (has) out.push(current);
  return out;
}

const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG']);
const MATCHES = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite', 'icmp', 'icmp6', 'icmpv6', 'multiport', 'conntrack', 'state', 'comment', 'iprange']);
const PORTED = new Set([6, 17, 132, 33, 136]);
const CT_STATES = new Set(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT']);

/** `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `10.0.0.1` as key bounds of the family; iptables clears host bits. */
function addressBounds(text: string, family: 4 | 6): [bigint, bigint] | undefined {
  let prefixText = text;
  const slash = text.indexOf('/');
  if (slash > 0 && text.slice(slash + 1).includes('.')) {
    const mask = parseAddress(text.slice(slash + 1));
    if (!mask || mask.family !== 4) return undefined;
    const bits = mask.value.toString(2).padStart(32, '0');
    if (!/^1*0*$/.test(bits)) return undefined;
    prefixText = `${text.slice(0, slash)}/${bits.indexOf('0') < 0 ? 32 : bits.indexOf('0')}`;
  }
  const parsed = parsePrefix(prefixText);
  if ('error' in parsed || parsed.prefix.family !== family) return undefined;
  return prefixBounds(parsed.prefix);
}

/** iptables' interface match: exact, or a prefix when the name ends in `+`. */
function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  const stem = pattern.endsWith('+') ? pattern.slice(0, -1) : undefined;
  return stem !== undefined ? name.startsWith(stem) : pattern === name;
}

/**
 * The arguments of one `-A`/`-I` line (after the chain name), read as iptables and the kernel read them. Throws a
 * reason for what iptables would refuse or this reader does not read.
 */
export function compileRule(args: string[], family: 4 | 6, chains: ReadonlySet<string>): Rule {
  const matches: Rule['matches'] = [];
  const loaded = new Set<string>();
  let proto: number | undefined;
  let target: Target | undefined;
  let invert = false;
  let i = 0;
  const value = (option: string): string => {
    let v = args[i++];
    // The old spelling puts `!` after the option: `-s ! 10.0.0.0/8`.
    if (v === '!') {
      invert = !invert;
      v = args[i++];
    }
    if (v === undefined) throw new Error(`${option} needs a value`);
    return v;
  };
  const add = (test: (k: Packet) => boolean) => {
    const inverted = invert;
    matches.push(inverted ? (k) => !test(k) : test);
    invert = false;
  };
  const needPorts = (option: string) => {
    if (proto === undefined || !PORTED.has(proto)) throw new Error(`${option} needs -p tcp, udp, sctp, dccp or udplite before it`);
  };

  while (i < args.length) {
    const option = args[i++]!;
    switch (option) {
      case '!':
        invert = !invert;
        break;
      case '-s':
      case '--source':
      case '--src':
      case '-d':
      case '--destination':
      case '--dst': {
        const side = option === '-s' || option === '--source' || option === '--src' ? 'src' : 'dst';
        const list = value(option).split(',');
        if (invert && list.length > 1) throw new Error('iptables refuses "!" with several addresses');
        const bounds = list.map((t) => {
          const b = addressBounds(t, family);
          if (!b) throw new Error(`"${t}" is not an IPv${family} address or prefix`);
          return b;
        });
        add((k) => bounds.some(([lo, hi]) => k.p[side] >= lo && k.p[side] <= hi));
        break;
      }
      case '-p':
      case '--protocol': {
        const text = value(option);
        const parsed = protocolOf(text);
        if (!parsed) throw new Error(`"${text}" is not a protocol`);
        if (!invert) proto = parsed.proto;
        const want = parsed.proto;
        add((k) => want === undefined || k.p.proto === want);
        break;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const pattern = value(option);
        const side = option === '-i' || option === '--in-interface' ? 'iif' : 'oif';
        add((k) => ifaceMatches(pattern, k[side]));
        break;
      }
      case '-m':
      case '--match': {
        const name = args[i++] ?? '';
        if (!MATCHES.has(name)) throw new Error(`match "${name}" is not read by this reader`);
        loaded.add(name);
        break;
      }
      case '--dport':
      case '--destination-port':
      case '--sport':
      case '--source-port': {
        needPorts(option);
        const text = value(option);
        const range = portRangeOf(text);
        if (!range) throw new Error(`"${text}" is not a port or port range`);
        const field = option === '--dport' || option === '--destination-port' ? 'port' : 'srcPort';
        add((k) => k.p[field] >= range[0] && k.p[field] <= range[1]);
        break;
      }
      case '--dports':
      case '--destination-ports':
      case '--sports':
      case '--source-ports':
      case '--ports': {
        if (!loaded.has('multiport')) throw new Error(`${option} needs -m multiport`);
        needPorts(option);
        const list = value(option).split(',');
        const ranges = list.map((t) => {
          const r = portRangeOf(t);
          if (!r) throw new Error(`"${t}" is not a port or port range`);
          return r;
        });
        const slots = list.reduce((n, t) => n + (t.includes(':') ? 2 : 1), 0);
        if (slots > 15) throw new Error('multiport takes at most 15 ports, a range counting as two');
        const inRanges = (v: number) => ranges.some(([lo, hi]) => v >= lo && v <= hi);
        if (option === '--ports') add((k) => inRanges(k.p.port) || inRanges(k.p.srcPort));
        else if (option === '--sports' || option === '--source-ports') add((k) => inRanges(k.p.srcPort));
        else add((k) => inRanges(k.p.port));
        break;
      }
      case '--syn':
      case '--tcp-flags': {
        if (proto !== 6) throw new Error(`${option} needs -p tcp before it`);
        let mask = 0x17;
        let comp = 0x02;
        if (option === '--tcp-flags') {
          const maskText = value(option);
          const compText = args[i++] ?? '';
          const m = tcpFlagsOf(maskText);
          const c = tcpFlagsOf(compText);
          if (m === undefined || c === undefined) throw new Error(`"${maskText} ${compText}" are not TCP flag lists`);
          mask = m;
          comp = c;
        }
        add((k) => (k.p.tcpFlags & mask) === comp);
        break;
      }
      case '--icmp-type':
      case '--icmpv6-type': {
        const wantProto = option === '--icmp-type' ? 1 : 58;
        if (proto !== wantProto || (wantProto === 1) !== (family === 4)) throw new Error(`${option} needs -p ${wantProto === 1 ? 'icmp' : 'ipv6-icmp'} in ${wantProto === 1 ? 'iptables' : 'ip6tables'}`);
        const text = value(option);
        const icmp = icmpOf(text, family);
        if (!icmp) throw new Error(`"${text}" is not an ICMP type`);
        add((k) => icmp === 'any' || (k.p.port >> 8 === icmp.type && (icmp.code === undefined || (k.p.port & 255) === icmp.code)));
        break;
      }
      case '--ctstate':
      case '--state': {
        if (!loaded.has(option === '--ctstate' ? 'conntrack' : 'state')) throw new Error(`${option} needs -m ${option === '--ctstate' ? 'conntrack' : 'state'}`);
        const states = value(option).split(',');
        for (const s of states) if (!CT_STATES.has(s)) throw new Error(`"${s}" is not a connection state`);
        // The contract's new packet opens a connection (NEW); a reply is ESTABLISHED; none is RELATED or INVALID.
        add((k) => states.includes(k.state === 'new' ? 'NEW' : 'ESTABLISHED'));
        break;
      }
      case '--src-range':
      case '--dst-range': {
        if (!loaded.has('iprange')) throw new Error(`${option} needs -m iprange`);
        const text = value(option);
        const [a, b] = text.split('-').map((t) => parseAddress(t));
        if (!a || !b || a.family !== family || b.family !== family) throw new Error(`"${text}" is not an address range`);
        const base = family === 4 ? 0n : 1n << 32n;
        const side = option === '--src-range' ? 'src' : 'dst';
        add((k) => k.p[side] >= base + a.value && k.p[side] <= base + b.value);
        break;
      }
      case '--comment':
        if (!loaded.has('comment')) throw new Error('--comment needs -m comment');
        value(option);
        break;
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        const name = args[i++] ?? '';
        const isGoto = option === '-g' || option === '--goto';
        if (!isGoto && BUILTIN_TARGETS.has(name)) target = name === 'REJECT' ? { kind: 'DROP' } : ({ kind: name } as Target);
        else if (chains.has(name)) target = { kind: isGoto ? 'goto' : 'jump', chain: name };
        else throw new Error(`target "${name}" is neither a built-in verdict nor a chain of this table`);
        break;
      }
      case '--log-prefix':
      case '--log-level':
      case '--reject-with':
        if (target === undefined) throw new Error(`${option} needs its target first`);
        value(option);
        break;
      case '--log-tcp-sequence':
      case '--log-tcp-options':
      case '--log-ip-options':
      case '--log-uid':
      case '--log-macdecode':
        if (target?.kind !== 'LOG') throw new Error(`${option} needs -j LOG`);
        break;
      case '-c':
      case '--set-counters':
        i += 2;
        break;
      default:
        throw new Error(`option "${option}" is not read by this reader`);
    }
  }
  if (invert) throw new Error('"!" negates nothing');
  return { matches, target };
}
