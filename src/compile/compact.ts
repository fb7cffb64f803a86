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
  /** Its sources and destinations: read them with `srcOf` and `dstOf`, which add in what joins have left pending. */
  src: IntervalSet;
  dst: IntervalSet;
  /** Sets of lines it took in, not yet added (one union at the end, not one per join). */
  srcMore?: IntervalSet[];
  dstMore?: IntervalSet[];
  /** Names the line's sets had, for naming a merged set after them. */
  srcFrom: string[];
  dstFrom: string[];
  /** The intents merged into this line after its own, in order. */
  also: Provenance[];
  dead: boolean;
  /** Join keys of the item as it is now (cleared when it takes a line in). */
  keys?: string[];
  /** The bounds of its sets as numbers (rounding keeps order), a quick test before the exact one. */
  bounds?: [number, number, number, number];
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

function srcOf(x: Item): IntervalSet {
  if (x.srcMore) {
    x.src = iv.fromIntervals([x.src, ...x.srcMore].flat());
    delete x.srcMore;
  }
  return x.src;
}

function dstOf(x: Item): IntervalSet {
  if (x.dstMore) {
    x.dst = iv.fromIntervals([x.dst, ...x.dstMore].flat());
    delete x.dstMore;
  }
  return x.dst;
}

function rebuilt(x: Item, sets: CompactionSets): AclLine {
  if (x.srcFrom.length === 1 && x.dstFrom.length === 1 && x.also.length === 0) return x.line;
  const line: AclLine = {
    ...x.line,
    src: x.srcFrom.length === 1 ? x.srcFrom[0]! : sets.nameFor(srcOf(x), x.srcFrom),
    dst: x.dstFrom.length === 1 ? x.dstFrom[0]! : sets.nameFor(dstOf(x), x.dstFrom),
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
  // The bounds of the kept lines, four numbers each, in one array: the loop below runs for every pair of lines.
  const bounds: number[] = [];
  next: for (const x of items) {
    const b = boundsOf(x);
    for (let i = 0, j = 0; i < kept.length; i++, j += 4) {
      if (b[0] < bounds[j]! || b[1] > bounds[j + 1]! || b[2] < bounds[j + 2]! || b[3] > bounds[j + 3]!) continue;
      if (covers(kept[i]!, x)) continue next;
    }
    kept.push(x);
    bounds.push(b[0], b[1], b[2], b[3]);
  }
  // The final deny is the list's last word, even when an earlier line covers it (a deny of everything).
  if (kept.at(-1) !== items.at(-1)) kept.push(items.at(-1)!);
  return kept;
}

/** Joins lines into earlier ones in place (marking them dead); whether any joined. */
function merge(items: Item[]): boolean {
  let changed = false;
  // Lines already passed, by the way they may take a later line in: by its sources (same destinations and match),
  // by its destinations (same sources and match), or by its ports (same sources and destinations).
  const joins = new Map<string, Item[]>();
  // Lines passed so far by decision (permit, permit log, deny, deny log), with their positions.
  const byClass: { item: Item; at: number }[][] = [[], [], [], []];
  const at = new Map<Item, number>();
  const keysOf = (y: Item) => (y.keys ??= joinKeys(y));
  const file = (y: Item) => {
    for (const k of keysOf(y)) {
      let list = joins.get(k);
      if (!list) joins.set(k, (list = []));
      list.push(y);
    }
  };
  for (let b = 0; b < items.length - 1; b++) {
    const x = items[b]!;
    // The nearest line before x that decides otherwise and meets it: nothing at or before it may take x's packets.
    let limit = -1;
    const mine = decisionIndex(x);
    for (let c = 0; c < 4; c++) {
      if (c === mine) continue;
      const list = byClass[c]!;
      for (let i = list.length - 1; i >= 0 && list[i]!.at > limit; i--) {
        if (meets(list[i]!.item, x)) {
          limit = list[i]!.at;
          break;
        }
      }
    }
    let into: Item | undefined;
    let how: (() => void) | undefined;
    for (const k of keysOf(x)) {
      const list = joins.get(k);
      // The latest line filed under the key that still joins x and lies after the limit: any such line will do.
      for (let i = (list?.length ?? 0) - 1; i >= 0 && !how; i--) {
        const y = list![i]!;
        if (at.get(y)! <= limit || !y.keys?.includes(k)) continue;
        const joined = join(y, x);
        if (joined) [into, how] = [y, joined];
      }
      if (how) break;
    }
    if (how) {
      how();
      delete into!.keys;
      x.dead = true;
      changed = true;
      file(into!); // under its new keys (the old ones no longer join: join checks the sets themselves)
      continue;
    }
    at.set(x, b);
    file(x);
    byClass[mine]!.push({ item: x, at: b });
  }
  return changed;
}

function decisionIndex(x: Item): number {
  return (x.line.action === 'deny' ? 2 : 0) + (x.line.log ? 1 : 0);
}

function decisionOf(x: Item): string {
  return `${x.line.action}${x.line.log ? ' log' : ''}`;
}

/**
 * A set's short key: its size and ends, which equal sets share (sets that merely share them share a key too, and
 * `join` tells them apart). Kept per set: a list's lines mostly name the object table's own sets.
 */
const shortKeys = new WeakMap<IntervalSet, string>();

function setId(set: IntervalSet): string {
  let k = shortKeys.get(set);
  if (k === undefined) shortKeys.set(set, (k = `${set.length}|${iv.first(set)}|${iv.last(set)}`));
  return k;
}

/** The keys under which a line may take another in: lines of one kind and decision, equal in all but one field. */
function joinKeys(x: Item): string[] {
  const l = x.line;
  const cls = `${decisionOf(x)}|${l.provenance.kind}|${l.provenance.gateways ? 'g' : ''}`;
  const m = matchKey(l);
  // A line whose sources (or destinations) have grown takes more in only along that field: its grown set is not
  // worked out again for every line after it.
  const keys: string[] = [];
  if (!x.dstMore) keys.push(`s|${cls}|${m}|${setId(x.dst)}`);
  if (!x.srcMore) keys.push(`d|${cls}|${m}|${setId(x.src)}`);
  const ports = portClass(l);
  if (ports && !x.srcMore && !x.dstMore) keys.push(`p|${cls}|${ports}|${setId(x.src)}|${setId(x.dst)}`);
  return keys;
}

/** What a line's ports or types may join with: the protocol and kind of match, when it has ports or types. */
function portClass(l: AclLine): string | undefined {
  const s = l.service;
  if (s && s.proto !== 'any') return s.ports ? `ports ${s.proto}` : s.icmp ? `icmp ${s.proto}` : undefined;
  const r = l.reply;
  if (r?.kind === 'tcp-established') return 'established';
  if (r?.kind === 'mirrored-ports') return `mirrored ${r.proto}`;
  return undefined;
}

/**
 * How `x` joins `y` when they differ in one field only, as a function that does it; undefined when they cannot.
 * Only lines of one action, logging and intent kind join (a flow's permits with a flow's, replies with replies).
 */
function join(y: Item, x: Item): (() => void) | undefined {
  const l = y.line;
  const m = x.line;
  if (l.action !== m.action || l.log !== m.log || l.provenance.kind !== m.provenance.kind || !!l.provenance.gateways !== !!m.provenance.gateways) return undefined;
  // A grown set is taken for unequal to x's (missing at most a join): it is not added up for the comparison.
  const sameSrc = !y.srcMore && iv.equals(y.src, srcOf(x));
  const sameDst = !y.dstMore && iv.equals(y.dst, dstOf(x));
  const sameMatch = matchKey(l) === matchKey(m);
  const record = () => y.also.push(m.provenance, ...x.also);
  if (sameMatch && sameSrc && sameDst) return record;
  if (sameMatch && sameSrc) {
    return () => {
      (y.dstMore ??= []).push(dstOf(x));
      y.dstFrom.push(...x.dstFrom);
      delete y.bounds;
      record();
    };
  }
  if (sameMatch && sameDst) {
    return () => {
      (y.srcMore ??= []).push(srcOf(x));
      y.srcFrom.push(...x.srcFrom);
      delete y.bounds;
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
  if (k === undefined) keys.set(line, (k = matchText(line)));
  return k;
}

const rangesText = (r: readonly PortRange[]) => r.map((x) => `${x.lo}-${x.hi}`).join(',');

function matchText(line: AclLine): string {
  const s = line.service;
  if (s) return `${s.proto}|${s.ports ? rangesText(s.ports) : ''}|${s.icmp ? s.icmp.map((t) => `${t.type}/${t.code ?? ''}`).join(',') : ''}`;
  const r = line.reply!;
  return `${r.kind}|${'proto' in r ? r.proto : ''}|${'srcPorts' in r ? rangesText(r.srcPorts) : ''}`;
}

/** Whether some packet matches both lines (conservatively: true unless provably not). */
function meets(y: Item, x: Item): boolean {
  return iv.meets(srcOf(y), srcOf(x)) && iv.meets(dstOf(y), dstOf(x)) && matchesMeet(y.line, x.line);
}

const boundsOf = (x: Item) => (x.bounds ??= [Number(iv.first(srcOf(x))!), Number(iv.last(srcOf(x))!), Number(iv.first(dstOf(x))!), Number(iv.last(dstOf(x))!)]);

/**
 * Whether every packet of `x` matches `y`. Bounds first, as numbers: most pairs fail them, and since rounding to a
 * number never reverses an order, a pair they reject is one the exact test would reject too.
 */
function covers(y: Item, x: Item): boolean {
  const a = boundsOf(y);
  const b = boundsOf(x);
  if (b[0] < a[0] || b[1] > a[1] || b[2] < a[2] || b[3] > a[3]) return false;
  return matchCovers(y.line, x.line) && iv.isSubset(srcOf(x), srcOf(y)) && iv.isSubset(dstOf(x), dstOf(y));
}

type Match = { proto: number | 'any'; dstPorts?: readonly PortRange[]; icmp?: readonly IcmpMatch[]; srcPorts?: readonly PortRange[]; established?: boolean; echoReply?: boolean };

/** A line's match as fields of the packet: protocol, destination ports or ICMP types, source ports, TCP flags. */
const fieldsMemo = new WeakMap<AclLine, Match>();

function fields(line: AclLine): Match {
  let m = fieldsMemo.get(line);
  if (!m) fieldsMemo.set(line, (m = computeFields(line)));
  return m;
}

function computeFields(line: AclLine): Match {
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
  const x = fields(a);
  const y = fields(b);
  if (x.proto !== 'any' && y.proto !== 'any' && x.proto !== y.proto) return false;
  if (x.dstPorts && y.dstPorts && !rangesMeet(x.dstPorts, y.dstPorts)) return false;
  if (x.srcPorts && y.srcPorts && !rangesMeet(x.srcPorts, y.srcPorts)) return false;
  const types = (m: Match) => (m.icmp ? m.icmp.map((t) => t.type) : m.echoReply && m.proto !== 'any' ? [ECHO_REPLY[m.proto]] : undefined);
  const tx = types(x);
  const ty = types(y);
  if (tx && ty && !tx.some((t) => ty.includes(t))) return false;
  return true;
}

function matchCovers(outer: AclLine, inner: AclLine): boolean {
  const o = fields(outer);
  const i = fields(inner);
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
