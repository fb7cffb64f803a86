import { keyFamily } from '../../src/net/address.js';
import type { ConfigLine, WirePacket } from '../reader.js';
import { CONDITIONS, ETHER_TYPES, type FilterFamily } from './read-grammar.js';
import { type ConfigNode, active, lastValue, subtreeLines } from './read-tree.js';
import {
  type AddressRange, type NumberRange, addressRange, icmpCodeRange, icmpTypeRange, inRanges, portRange, protocolRange, tcpFlagsTest,
} from './read-values.js';

/** One prefix of a prefix list, with the line that set it. */
export interface ListEntry {
  range: AddressRange;
  line: ConfigLine;
}

/** A condition's test: the object lines that made the packet match (possibly none), or undefined when it does not match. */
type Condition = (p: WirePacket) => ConfigLine[] | undefined;

export interface Term {
  name: string;
  conditions: Condition[];
  /** `next term` goes on to the following term; a term with only modifiers (count, syslog) accepts. */
  action: 'accept' | 'discard' | 'next';
  lines: ConfigLine[];
}

export interface Filter {
  family: FilterFamily;
  name: string;
  terms: Term[];
}

export type FilterResult = { action: 'accept' | 'discard'; term: Term; objects: ConfigLine[] } | { action: 'discard'; term: undefined; objects: [] };

export interface FilterContext {
  prefixLists: ReadonlyMap<string, ListEntry[]>;
  unknown(line: ConfigLine, reason: string): void;
}

const NONE: ConfigLine[] = [];

/** First match: terms in configuration order; past the last term every Junos filter discards. */
export function evaluateFilter(filter: Filter, p: WirePacket): FilterResult {
  terms: for (const term of filter.terms) {
    let objects = NONE;
    for (const c of term.conditions) {
      const lines = c(p);
      if (lines === undefined) continue terms;
      if (lines.length > 0) objects = objects === NONE ? lines : [...objects, ...lines];
    }
    if (term.action !== 'next') return { action: term.action, term, objects };
  }
  return { action: 'discard', term: undefined, objects: [] };
}

export function buildFilter(family: FilterFamily, name: string, node: ConfigNode, ctx: FilterContext): Filter {
  const terms = active(node.children.get('term')).map(([termName, t]) => buildTerm(family, termName, t, ctx));
  return { family, name, terms };
}

const TERMINATING = ['accept', 'discard', 'reject'];

function buildTerm(family: FilterFamily, name: string, node: ConfigNode, ctx: FilterContext): Term {
  const lines = subtreeLines(node);
  // All must hold, so the order is free: cheap number tests first, address lists (which name object lines) after.
  const from = active(node.children.get('from'));
  const isAddress = ([cond]: [string, ConfigNode]) => /address|prefix-list/.test(cond);
  const conditions = [...from.filter((c) => !isAddress(c)), ...from.filter(isAddress)].map(([cond, c]) => buildCondition(family, cond, c, ctx));
  const then = node.children.get('then');
  const terminating = active(then).filter(([k]) => TERMINATING.includes(k));
  if (terminating.length > 1) ctx.unknown(terminating[1]![1].lines[0] ?? lines[0]!, 'a term takes one terminating action (accept, discard or reject); Junos refuses this at commit');
  const last = terminating.reduce<[string, ConfigNode] | undefined>((a, b) => (a && a[1].seq > b[1].seq ? a : b), undefined);
  const next = then && !then.inactive && then.children.get('next');
  const action = last ? (last[0] === 'accept' ? 'accept' : 'discard') : next && !next.inactive ? 'next' : 'accept';
  return { name, conditions, action, lines };
}

const hasPorts = (p: WirePacket) => p.proto === 6 || p.proto === 17 || p.proto === 132;
const icmpOf = (p: WirePacket) => p.proto === (keyFamily(p.src) === 4 ? 1 : 58);

function buildCondition(family: FilterFamily, cond: string, node: ConfigNode, ctx: FilterContext): Condition {
  const values = active(node);
  const kind = CONDITIONS[family][cond];
  const negate = cond.endsWith('-except');
  const numbers = (parse: (v: string) => NumberRange | undefined) => values.flatMap(([v]): NumberRange[] => {
    const r = parse(v);
    return r ? [r] : [];
  });
  const test = (ok: (p: WirePacket) => boolean, applies: (p: WirePacket) => boolean = () => true): Condition => (p) =>
    applies(p) && ok(p) !== negate ? NONE : undefined;
  switch (kind) {
    case 'address4':
    case 'address6': {
      const entries: Entry[] = values.flatMap(([v, n]) => {
        const range = addressRange(v);
        return range ? [{ range, except: n.children.has('except'), line: n.lines[0]! }] : [];
      });
      return addressCondition(cond, entries, kind === 'address4' ? 4 : 6);
    }
    case 'prefix-list': {
      const wanted = family === 'inet' ? 4 : 6;
      const entries: Entry[] = values.flatMap(([list, n]) => {
        const found = ctx.prefixLists.get(list);
        if (!found) ctx.unknown(n.lines[0]!, `prefix list "${list}" is not defined (Junos refuses the filter at commit)`);
        return (found ?? []).filter((e) => e.range.family === wanted).map((e) => ({ ...e, except: n.children.has('except'), objectLine: e.line, line: n.lines[0]! }));
      });
      return addressCondition(cond, entries, wanted);
    }
    case 'protocol': {
      const ranges = numbers(protocolRange);
      // In an ethernet-switching filter ip-protocol holds only IPv4 packets, next-header only IPv6 ones.
      const only = family !== 'ethernet-switching' ? undefined : cond === 'ip-protocol' ? 4 : 6;
      return test((p) => inRanges(p.proto, ranges), (p) => only === undefined || keyFamily(p.src) === only);
    }
    case 'port': {
      const ranges = numbers(portRange);
      if (cond.startsWith('source-port')) return test((p) => inRanges(p.srcPort, ranges), hasPorts);
      if (cond.startsWith('destination-port')) return test((p) => inRanges(p.port, ranges), hasPorts);
      return test((p) => inRanges(p.srcPort, ranges) || inRanges(p.port, ranges), hasPorts);
    }
    case 'icmp-type': {
      const byFamily = { 4: numbers((v) => icmpTypeRange(v, 4)), 6: numbers((v) => icmpTypeRange(v, 6)) };
      return test((p) => inRanges(p.port >> 8, byFamily[keyFamily(p.src)]), icmpOf);
    }
    case 'icmp-code': {
      const ranges = numbers(icmpCodeRange);
      return test((p) => inRanges(p.port & 255, ranges), icmpOf);
    }
    case 'flags': {
      const flags = tcpFlagsTest(lastValue(node)?.[0] ?? '') ?? (() => false);
      return test((p) => flags(p.tcpFlags), (p) => p.proto === 6);
    }
    case 'ether-type': {
      const families = new Set(values.map(([v]) => ETHER_TYPES[v]));
      return test((p) => families.has(keyFamily(p.src)));
    }
    default:
      // tcp-established is the alias of tcp-flags "(ack | rst)", tcp-initial of "(syn & !ack)".
      if (cond === 'tcp-established') return test((p) => (p.tcpFlags & 0x14) !== 0, (p) => p.proto === 6);
      return test((p) => (p.tcpFlags & 0x02) !== 0 && (p.tcpFlags & 0x10) === 0, (p) => p.proto === 6);
  }
}

interface Entry {
  range: AddressRange;
  except: boolean;
  line: ConfigLine;
  /** For a prefix-list entry: the line of the prefix in the list. */
  objectLine?: ConfigLine;
}

/**
 * An address condition: the most specific listed prefix holding the address decides, an `except` one excluding it, and
 * an address no listed prefix holds does not match (the implicit `0/0 except`). `address` / `prefix-list` match either
 * the source or the destination; `ip-` / `ip6-` conditions of an ethernet-switching filter hold only their family.
 */
function addressCondition(cond: string, entries: Entry[], family: 4 | 6): Condition {
  const best = (key: bigint): Entry | undefined => {
    let found: Entry | undefined;
    for (const e of entries) {
      if (key < e.range.lo || key > e.range.hi) continue;
      if (!found || e.range.length > found.range.length || (e.range.length === found.range.length && e.except)) found = e;
    }
    return found && !found.except ? found : undefined;
  };
  const objects = new Map(entries.map((e) => [e, e.objectLine ? [e.objectLine] : NONE]));
  const side = /(^|-)source-/.test(cond) ? 'src' : /(^|-)destination-/.test(cond) ? 'dst' : 'either';
  return (p) => {
    if (keyFamily(p.src) !== family) return undefined;
    const e = (side !== 'dst' ? best(p.src) : undefined) ?? (side !== 'src' ? best(p.dst) : undefined);
    return e && objects.get(e);
  };
}
