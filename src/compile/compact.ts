import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { AclLine, IcmpMatch, PortRange, Provenance, ServiceMatch } from './ir.js';

/** What compaction needs of the point's object table: a name's addresses, and a name for a new set. */
export interface CompactionSets {
  /** The addresses a line's `src` or `dst` stands for (`any`: every address of the list's family). */
  setOf(name: string): IntervalSet;
  /** A name for a set made by merging lines, used by the lines it came from (their hints). */
  nameFor(set: IntervalSet, from: readonly string[]): string;
}

interface Item {
  line: AclLine;
  src: IntervalSet;
  dst: IntervalSet;
  /** Names the line's sets had, for naming a merged set after them. */
  srcFrom: string[];
  dstFrom: string[];
  /** The intents merged into this line after its own, in order. */
  also: Provenance[];
  dead: boolean;
}

/**
 * One list made smaller without changing what it decides for any packet (first match wins), so the device holds
 * fewer entries: lines that can never match (shadowed by one earlier line) go; a deny whose packets no later permit
 * would pass, and that logs as what follows it does, goes (the final deny drops them anyway); a line that differs from
 * an earlier one of the same action, logging and kind in one field only (sources, destinations, or ports and types of
 * one protocol) joins it, when no line between them that decides otherwise meets it, so its prefixes and port ranges
 * can aggregate with the earlier line's. The last line (the final deny) stays as it is.
 */
export function compactList(lines: readonly AclLine[], sets: CompactionSets): AclLine[] {
  let items: Item[] = lines.map((line) => ({
    line,
    src: sets.setOf(line.src),
    dst: sets.setOf(line.dst),
    srcFrom: [line.src],
    dstFrom: [line.dst],
    also: [],
    dead: false,
  }));
  items = dropRedundantDenies(items);
  items = dropShadowed(items);
  for (let pass = 0; pass < 3 && merge(items); pass++) items = items.filter((x) => !x.dead);
  items = items.filter((x) => !x.dead);
  return items.map((x) => rebuilt(x, sets));
}

function rebuilt(x: Item, sets: CompactionSets): AclLine {
  if (x.srcFrom.length === 1 && x.dstFrom.length === 1 && x.also.length === 0) return x.line;
  const line: AclLine = {
    ...x.line,
    src: x.srcFrom.length === 1 ? x.srcFrom[0]! : sets.nameFor(x.src, x.srcFrom),
    dst: x.dstFrom.length === 1 ? x.dstFrom[0]! : sets.nameFor(x.dst, x.dstFrom),
  };
  if (x.also.length > 0) line.provenance = mergedProvenance(x.line.provenance, x.also);
  return line;
}

// Merged provenances are shared by every list that merges the same intents in the same order (their texts too).
const mergedMemo = new WeakMap<Provenance, Map<string, Provenance>>();

function mergedProvenance(first: Provenance, also: Provenance[]): Provenance {
  const ids = [...new Set(also.map((p) => p.id!).filter((id) => id !== first.id))];
  if (ids.length === 0) return first;
  let byIds = mergedMemo.get(first);
  if (!byIds) mergedMemo.set(first, (byIds = new Map()));
  const key = ids.join('\0');
  let p = byIds.get(key);
  if (!p) byIds.set(key, (p = { ...first, also: ids }));
  return p;
}

/**
 * Denies whose packets would meet only denies logging alike further down: the final deny (or a later guardrail) drops
 * them the same way. A guardrail's deny stays wherever a later permit would otherwise pass part of what it forbids.
 */
function dropRedundantDenies(items: Item[]): Item[] {
  const kept: Item[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const x = items[i]!;
    const last = i === items.length - 1;
    if (!last && x.line.action === 'deny' && kept.every((later) => !meets(later, x) || (later.line.action === 'deny' && later.line.log === x.line.log))) continue;
    kept.push(x);
  }
  return kept.reverse();
}

/** Lines every packet of which an earlier line already matches: they never decide anything. */
function dropShadowed(items: Item[]): Item[] {
  const kept: Item[] = [];
  for (const x of items) {
    if (kept.some((earlier) => covers(earlier, x))) continue;
    kept.push(x);
  }
  // The final deny is the list's last word, even when an earlier line covers it (a deny of everything).
  if (kept.at(-1) !== items.at(-1)) kept.push(items.at(-1)!);
  return kept;
}

/** Joins lines into earlier ones in place (marking them dead); whether any joined. */
function merge(items: Item[]): boolean {
  let changed = false;
  for (let b = 1; b < items.length - 1; b++) {
    const x = items[b]!;
    if (x.dead) continue;
    for (let a = b - 1; a >= 0; a--) {
      const y = items[a]!;
      if (y.dead) continue;
      // Scanning back from x, every line passed so far either decides as x does or misses it: x may move up to y.
      const joined = join(y, x);
      if (joined) {
        joined();
        x.dead = true;
        changed = true;
        break;
      }
      // A line that decides otherwise and meets x: nothing before it may take x's packets.
      if (decidesOtherwise(y, x) && meets(y, x)) break;
    }
  }
  return changed;
}

function decidesOtherwise(y: Item, x: Item): boolean {
  return y.line.action !== x.line.action || y.line.log !== x.line.log;
}

/**
 * How `x` joins `y` when they differ in one field only, as a function that does it; undefined when they cannot.
 * Only lines of one action, logging and intent kind join (a flow's permits with a flow's, replies with replies).
 */
function join(y: Item, x: Item): (() => void) | undefined {
  const [l, m] = [y.line, x.line];
  if (l.action !== m.action || l.log !== m.log || l.provenance.kind !== m.provenance.kind || !!l.provenance.gateways !== !!m.provenance.gateways) return undefined;
  const sameSrc = iv.equals(y.src, x.src);
  const sameDst = iv.equals(y.dst, x.dst);
  const sameMatch = matchKey(l) === matchKey(m);
  const record = () => y.also.push(m.provenance, ...x.also);
  if (sameMatch && sameSrc && sameDst) return record;
  if (sameMatch && sameSrc) {
    return () => {
      y.dst = iv.union(y.dst, x.dst);
      y.dstFrom = [...y.dstFrom, ...x.dstFrom];
      record();
    };
  }
  if (sameMatch && sameDst) {
    return () => {
      y.src = iv.union(y.src, x.src);
      y.srcFrom = [...y.srcFrom, ...x.srcFrom];
      record();
    };
  }
  if (sameSrc && sameDst) {
    const joined = joinedMatch(l, m);
    if (joined) {
      return () => {
        y.line = { ...y.line, ...joined };
        record();
      };
    }
  }
  return undefined;
}

/** The match of two lines of one protocol whose ports (or ICMP types, or reply source ports) differ, as one. */
function joinedMatch(l: AclLine, m: AclLine): Pick<AclLine, 'service'> | Pick<AclLine, 'reply'> | undefined {
  if (l.service && m.service && l.service.proto === m.service.proto && l.service.proto !== 'any') {
    if (l.service.ports && m.service.ports) return { service: { proto: l.service.proto, ports: unionRanges(l.service.ports, m.service.ports) } };
    if (l.service.icmp && m.service.icmp) return { service: { proto: l.service.proto, icmp: unionIcmp(l.service.icmp, m.service.icmp) } };
    return undefined;
  }
  const [r, s] = [l.reply, m.reply];
  if (r && s && r.kind === s.kind) {
    if (r.kind === 'tcp-established' && s.kind === 'tcp-established') return { reply: { kind: r.kind, srcPorts: unionRanges(r.srcPorts, s.srcPorts) } };
    if (r.kind === 'mirrored-ports' && s.kind === 'mirrored-ports' && r.proto === s.proto) {
      return { reply: { kind: r.kind, proto: r.proto, srcPorts: unionRanges(r.srcPorts, s.srcPorts) } };
    }
  }
  return undefined;
}

/** Port ranges joined: overlapping and adjacent ranges become one, ascending. */
export function unionRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const all = [...a, ...b].sort((x, y) => x.lo - y.lo);
  const out: PortRange[] = [];
  for (const r of all) {
    const prev = out.at(-1);
    if (prev && r.lo <= prev.hi + 1) prev.hi = Math.max(prev.hi, r.hi);
    else out.push({ lo: r.lo, hi: r.hi });
  }
  return out;
}

/** ICMP types joined: a whole type takes in its codes; ascending by type, then code. */
function unionIcmp(a: readonly IcmpMatch[], b: readonly IcmpMatch[]): IcmpMatch[] {
  const whole = new Set([...a, ...b].filter((m) => m.code === undefined).map((m) => m.type));
  const seen = new Set<string>();
  const out: IcmpMatch[] = [];
  for (const m of [...a, ...b]) {
    if (m.code !== undefined && whole.has(m.type)) continue;
    const k = `${m.type}/${m.code ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(m.code === undefined ? { type: m.type } : { type: m.type, code: m.code });
  }
  return out.sort((x, y) => x.type - y.type || (x.code ?? -1) - (y.code ?? -1));
}

const keys = new WeakMap<AclLine, string>();

/** The match of a line as text: equal text, equal match. */
function matchKey(line: AclLine): string {
  let k = keys.get(line);
  if (k === undefined) keys.set(line, (k = JSON.stringify(line.service ?? line.reply)));
  return k;
}

/** Whether some packet matches both lines (conservatively: true unless provably not). */
function meets(y: Item, x: Item): boolean {
  return iv.meets(y.src, x.src) && iv.meets(y.dst, x.dst) && matchesMeet(y.line, x.line);
}

/** Whether every packet of `x` matches `y`. */
function covers(y: Item, x: Item): boolean {
  return iv.isSubset(x.src, y.src) && iv.isSubset(x.dst, y.dst) && matchCovers(y.line, x.line);
}

type Match = { proto: number | 'any'; dstPorts?: readonly PortRange[]; icmp?: readonly IcmpMatch[]; srcPorts?: readonly PortRange[]; established?: boolean; echoReply?: boolean };

/** A line's match as fields of the packet: protocol, destination ports or ICMP types, source ports, TCP flags. */
function fields(line: AclLine): Match {
  const r = line.reply;
  if (!r) {
    const s: ServiceMatch = line.service ?? { proto: 'any' };
    const m: Match = { proto: s.proto };
    if (s.ports) m.dstPorts = s.ports;
    if (s.icmp) m.icmp = s.icmp;
    return m;
  }
  switch (r.kind) {
    case 'tcp-established':
      return { proto: 6, srcPorts: r.srcPorts, established: true };
    case 'mirrored-ports':
      return { proto: r.proto, srcPorts: r.srcPorts };
    case 'icmp-echo-reply':
      return { proto: r.proto, echoReply: true };
    case 'reverse-protocol':
      return { proto: r.proto };
  }
}

const rangesMeet = (a: readonly PortRange[], b: readonly PortRange[]) => a.some((x) => b.some((y) => x.lo <= y.hi && y.lo <= x.hi));
const rangesCover = (outer: readonly PortRange[], inner: readonly PortRange[]) => inner.every((x) => outer.some((y) => y.lo <= x.lo && x.hi <= y.hi));
const ECHO_REPLY: Record<number, number> = { 1: 0, 58: 129 };

function matchesMeet(a: AclLine, b: AclLine): boolean {
  const [x, y] = [fields(a), fields(b)];
  if (x.proto !== 'any' && y.proto !== 'any' && x.proto !== y.proto) return false;
  if (x.dstPorts && y.dstPorts && !rangesMeet(x.dstPorts, y.dstPorts)) return false;
  if (x.srcPorts && y.srcPorts && !rangesMeet(x.srcPorts, y.srcPorts)) return false;
  const types = (m: Match) => (m.icmp ? m.icmp.map((t) => t.type) : m.echoReply && m.proto !== 'any' ? [ECHO_REPLY[m.proto]] : undefined);
  const [tx, ty] = [types(x), types(y)];
  if (tx && ty && !tx.some((t) => ty.includes(t))) return false;
  return true;
}

function matchCovers(outer: AclLine, inner: AclLine): boolean {
  const [o, i] = [fields(outer), fields(inner)];
  if (o.proto === 'any' && !o.dstPorts && !o.icmp && !o.srcPorts && !o.established && !o.echoReply) return true;
  if (o.proto !== i.proto) return false;
  if (o.dstPorts && !(i.dstPorts && rangesCover(o.dstPorts, i.dstPorts))) return false;
  if (o.srcPorts && !(i.srcPorts && rangesCover(o.srcPorts, i.srcPorts))) return false;
  if (o.established && !i.established) return false;
  if (o.echoReply && !i.echoReply) return false;
  if (o.icmp) {
    if (!i.icmp) return false;
    if (!i.icmp.every((t) => o.icmp!.some((u) => u.type === t.type && (u.code === undefined || u.code === t.code)))) return false;
  }
  return true;
}
