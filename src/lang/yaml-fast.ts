import type { YamlMap, YamlNode, YamlScalar, YamlSeq } from './yaml-node.js';

/**
 * A fast reader for the plain YAML that policies are written in: block mappings and sequences, one-line
 * plain and quoted scalars, one-line flow collections, comments. It builds the values and ranges that the
 * yaml library's parseDocument (core schema) gives, converted to YamlNodes, at a fraction of the cost; on
 * anything else (anchors, tags, block or multi-line scalars, escapes, documents markers, tabs, odd spacing,
 * duplicate keys, anything that might be an error) it gives up and returns undefined, and the caller parses
 * with the library, which also words every YAML error. test/lang/yaml-fast.test.ts holds the two to the same output.
 */
export function parseFastYaml(text: string): { contents: YamlNode } | undefined {
  if (UNSAFE.test(text)) return undefined;
  try {
    const reader = new Reader(text);
    return { contents: reader.document() };
  } catch (error) {
    // Nesting deep enough to exhaust the stack is the library's to report, too.
    if (error === GIVE_UP || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Tabs, carriage returns, a byte-order mark, control characters and the non-characters YAML refuses. */
const UNSAFE = /[\t\r\ufeff\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const GIVE_UP = Symbol('give up');
const giveUp = (): never => {
  throw GIVE_UP;
};

// The core schema's tests for plain scalars (yaml/dist/schema/core); numbers other than decimal integers give up.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** Characters that may not start a plain scalar (or that start something this reader does not take). */
const BAD_START = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const SPACE = 32;
const NEWLINE = 10;

/** Where `what` starts in text[from, end), or -1; indexOf alone would search the rest of the file. */
function indexIn(text: string, what: string, from: number, end: number): number {
  const first = what.charCodeAt(0);
  const last = end - what.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && (what.length === 1 || text.startsWith(what, i))) return i;
  }
  return -1;
}

function plain(source: string, start: number, end: number): YamlScalar {
  let value: unknown;
  // Nulls and booleans are at most five characters and numbers start with a digit, sign or dot: anything else
  // (most names) is text without trying the patterns.
  const c = source.charCodeAt(0);
  if (source.length > 5 && !((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) value = source;
  else if (NULL.test(source)) value = null;
  else if (BOOL.test(source)) value = source[0] === 't' || source[0] === 'T';
  else if (INT.test(source)) value = parseInt(source, 10);
  else if (OTHER_NUMBER.test(source)) giveUp();
  else value = source;
  return { kind: 'scalar', value, source, start, end };
}

function emptyNull(at: number): YamlScalar {
  return { kind: 'scalar', value: null, source: '', start: at, end: at };
}

/** Adds a key and its value; a key written twice is the library's to report (with both places). */
function addEntry(map: YamlMap, key: YamlScalar, value: YamlNode, seen: Set<string> | undefined): Set<string> | undefined {
  const name = String(key.value);
  // Few keys: a scan is cheaper than a set; many (a section of 2,000 groups): the set.
  if (seen === undefined && map.names.length >= 16) seen = new Set(map.names);
  if (seen ? seen.has(name) : map.names.includes(name)) giveUp();
  seen?.add(name);
  map.keys.push(key);
  map.names.push(name);
  map.values.push(value);
  return seen;
}

function newMap(start: number): YamlMap {
  return { kind: 'map', keys: [], names: [], values: [], start, end: start };
}

interface KeyAt {
  key: YamlScalar;
  colon: number;
}

class Reader {
  private readonly text: string;
  private readonly length: number;
  /** Start of the next line to read. */
  private pos = 0;
  /** Comment-only lines skipped since the last item began: the library counts some into a node's range. */
  private comments: { indent: number; end: number }[] = [];
  /**
   * Where the library's range for the node just read ends when it is the last of a block collection
   * (its third offset: comment lines after it can count), which is where that collection ends.
   */
  private after = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  document(): YamlNode {
    const indent = this.nextContent();
    if (indent !== 0) giveUp();
    const map = this.blockMap(0, this.pos, undefined, false);
    if (this.nextContent() !== -1) giveUp();
    return map;
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end < 0 ? this.length : end;
  }

  private spacesFrom(at: number): number {
    while (this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** Skips blank and comment-only lines; the indentation of the next content line, or -1 at the end. */
  private nextContent(): number {
    while (this.pos < this.length) {
      const first = this.spacesFrom(this.pos);
      const c = this.text.charCodeAt(first);
      if (c === NEWLINE) this.pos = first + 1;
      else if (first >= this.length) this.pos = this.length;
      else if (this.text[first] === '#') {
        this.pos = Math.min(this.lineEnd(first) + 1, this.length);
        this.comments.push({ indent: first - (this.text.lastIndexOf('\n', first) + 1), end: this.pos });
      }
      else {
        if (first === this.pos && (this.text.startsWith('---', first) || this.text.startsWith('...', first))) giveUp();
        return first - this.pos;
      }
    }
    this.pos = this.length;
    return -1;
  }

  /**
   * The end of the comment lines right after a node that are indented deeper than `limit`, which the library
   * counts into the node's range, or `end` when there are none.
   */
  private take(limit: number, end: number): number {
    while (this.comments.length > 0 && this.comments[0]!.indent > limit) end = this.comments.shift()!.end;
    return end;
  }

  /**
   * Where a block collection ends, the library counts comment lines indented deeper than its parent into
   * its range, with quirks not worth copying: give up on those; shallower ones belong to what follows.
   */
  private endCollection(outer: number): void {
    if (this.comments.some((c) => c.indent > outer)) giveUp();
  }

  /** After a value on its line: spaces, maybe a comment, the newline. Returns the offset past the newline. */
  private endOfLine(at: number): number {
    const p = this.spacesFrom(at);
    if (p >= this.length) return this.length;
    if (this.text.charCodeAt(p) === NEWLINE) return p + 1;
    if (this.text[p] === '#' && p > at) return Math.min(this.lineEnd(p) + 1, this.length);
    return giveUp();
  }

  /** The key of `key: ...` starting at `at`, or undefined when the line holds no key. */
  private keyAt(at: number, end: number): KeyAt | undefined {
    const c = this.text[at]!;
    if (c === '"' || c === "'" || c === '?' || c === '[' || c === '{') {
      // A quoted or flow key (or a quoted value, decided by the library): not this reader's job.
      const close = c === '"' || c === "'" ? indexIn(this.text, c, at + 1, end) : -1;
      if (close > 0 && close < end && this.text[this.spacesFrom(close + 1)] !== ':') return undefined;
      if (c === '[' || c === '{') return undefined;
      return giveUp();
    }
    let colon = indexIn(this.text, ':', at, end);
    while (colon >= 0) {
      const next = this.text.charCodeAt(colon + 1);
      if (next === SPACE || next === NEWLINE || colon + 1 >= this.length) break;
      colon = indexIn(this.text, ':', colon + 1, end);
    }
    if (colon < 0) return undefined;
    const comment = indexIn(this.text, ' #', at, end);
    if (comment >= 0 && comment < colon) return undefined;
    if (this.text.charCodeAt(colon - 1) === SPACE || colon - at > 1000) giveUp();
    const source = this.text.slice(at, colon);
    if (BAD_START.has(c) || ((c === '-' || c === ':') && this.text.charCodeAt(at + 1) === SPACE)) giveUp();
    return { key: plain(source, at, colon), colon };
  }

  /**
   * A block mapping whose keys sit at column `indent`; the first key starts at `first`. `outer` is the
   * indentation of the collection holding it; undefined at the top and for a mapping opened on a `- ` line.
   */
  private blockMap(indent: number, first: number, outer: number | undefined, compact: boolean, firstKey?: KeyAt): YamlMap {
    const map = newMap(first);
    let seen: Set<string> | undefined;
    let at = first;
    let end = first;
    for (;;) {
      this.comments.length = 0;
      const lineEnd = this.lineEnd(at);
      const found = firstKey ?? this.keyAt(at, lineEnd);
      firstKey = undefined;
      if (!found) return giveUp();
      const value = this.valueAfter(found.colon + 1, lineEnd, indent, false);
      seen = addEntry(map, found.key, value, seen);
      end = this.after;
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) giveUp();
      at = this.pos + next;
      if (this.text[at] === '-' && this.isSeqMark(at)) giveUp();
    }
    if (outer !== undefined) this.endCollection(outer);
    // A mapping opened on a `- ` line counts comment lines at its own indentation, and more: give up.
    if (compact && this.comments.some((c) => c.indent >= indent)) giveUp();
    map.end = end;
    this.after = end;
    return map;
  }

  private isSeqMark(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE || at + 1 >= this.length;
  }

  /** A block sequence whose dashes sit at column `indent`, inside a collection indented `outer`. */
  private blockSeq(indent: number, first: number, outer: number): YamlSeq {
    const seq: YamlSeq = { kind: 'seq', items: [], start: first, end: first };
    let at = first;
    let end = first;
    for (;;) {
      this.comments.length = 0;
      if (!this.isSeqMark(at)) giveUp();
      const lineEnd = this.lineEnd(at);
      const content = this.spacesFrom(at + 1);
      // `- key: value` opens a mapping whose keys line up with this first one.
      const key = content < lineEnd && this.text[content] !== '#' ? this.keyAt(content, lineEnd) : undefined;
      const item = key ? this.blockMap(indent + (content - at), content, undefined, true, key) : this.valueAfter(at + 1, lineEnd, indent, true);
      seq.items.push(item);
      end = this.after;
      const next = this.nextContent();
      if (next < indent) break;
      if (next > indent) giveUp();
      at = this.pos + next;
    }
    this.endCollection(outer);
    seq.end = end;
    this.after = end;
    return seq;
  }

  /**
   * The value after `key:` or `-` (at `from`, on a line ending at `lineEnd`): on the same line, or a block
   * collection on the lines below, or an empty null. Leaves `pos` at the start of the next unread line.
   */
  private valueAfter(from: number, lineEnd: number, indent: number, inSeq: boolean): YamlNode {
    const p = this.spacesFrom(from);
    if (p >= lineEnd || this.text[p] === '#') {
      // Nothing on this line but maybe a comment: a block collection below, or an empty null.
      // An empty sequence entry: its range follows rules not worth copying, and no policy holds one.
      if (inSeq || (p < lineEnd && p === from)) giveUp();
      this.pos = Math.min(lineEnd + 1, this.length);
      const next = this.nextContent();
      if (next > indent) {
        this.comments.length = 0;
        return this.blockNode(next, indent);
      }
      if (next === indent && this.text[this.pos + next] === '-' && this.isSeqMark(this.pos + next)) giveUp();
      // `key:` with nothing after it is a null at the end of the line; spaces or comments around it give up.
      if (p !== lineEnd || p !== from || this.comments.length > 0) giveUp();
      this.after = lineEnd;
      return emptyNull(lineEnd);
    }
    if (p === from) giveUp();
    const c = this.text[p]!;
    let node: YamlNode;
    let stop: number;
    if (c === '[' || c === '{') {
      const flow = new FlowReader(this.text, p, lineEnd);
      node = flow.collection();
      stop = flow.pos;
    } else if (c === '"' || c === "'") {
      [node, stop] = quoted(this.text, p, lineEnd);
    } else {
      if (BAD_START.has(c) || c === '?' || ((c === '-' || c === ':') && (p + 1 >= lineEnd || this.text.charCodeAt(p + 1) === SPACE))) giveUp();
      let end = indexIn(this.text, ' #', p, lineEnd);
      if (end < 0) end = lineEnd;
      while (this.text.charCodeAt(end - 1) === SPACE) end--;
      const source = this.text.slice(p, end);
      if (source.includes(': ') || source.endsWith(':')) giveUp();
      node = plain(source, p, end);
      stop = end;
    }
    const after = this.endOfLine(stop);
    this.pos = after;
    this.nextContent();
    this.after = this.take(indent, after);
    return node;
  }

  /** A block collection starting on the line at `pos` with `indent` spaces, inside one indented `outer`. */
  private blockNode(indent: number, outer: number): YamlNode {
    const at = this.pos + indent;
    if (this.text[at] === '-' && this.isSeqMark(at)) return this.blockSeq(indent, at, outer);
    return this.blockMap(indent, at, outer, false);
  }
}

/** A one-line quoted scalar without escapes; returns the node and the offset past its closing quote. */
function quoted(text: string, at: number, lineEnd: number): [YamlScalar, number] {
  const q = text[at]!;
  let value = '';
  let p = at + 1;
  for (;;) {
    const close = indexIn(text, q, p, lineEnd);
    if (close < 0) return giveUp();
    const part = text.slice(p, close);
    if (q === '"' && part.includes('\\')) giveUp();
    value += part;
    if (q === "'" && text[close + 1] === "'") {
      value += "'";
      p = close + 2;
      continue;
    }
    return [{ kind: 'scalar', value, source: value, start: at, end: close + 1 }, close + 1];
  }
}

/** A flow collection that closes on its own line. */
class FlowReader {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly lineEnd: number,
  ) {
    this.pos = start;
  }

  private spaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    if (this.pos >= this.lineEnd) giveUp();
  }

  collection(): YamlMap | YamlSeq {
    const start = this.pos;
    const isMap = this.text[start] === '{';
    const close = isMap ? '}' : ']';
    const node: YamlMap | YamlSeq = isMap ? newMap(start) : { kind: 'seq', items: [], start, end: start };
    let seen: Set<string> | undefined;
    this.pos++;
    this.spaces();
    if (this.text[this.pos] !== close) {
      for (;;) {
        if (isMap) {
          const key = this.plainScalar(true);
          if (this.text[this.pos] !== ':') giveUp();
          if (this.text.charCodeAt(this.pos + 1) !== SPACE) giveUp();
          this.pos++;
          this.spaces();
          const c = this.text[this.pos];
          const value = c === ',' || c === '}' ? emptyNull(this.pos) : this.item();
          seen = addEntry(node as YamlMap, key, value, seen);
        } else {
          (node as YamlSeq).items.push(this.item());
        }
        const c = this.text[this.pos];
        if (c === close) break;
        if (c !== ',') giveUp();
        this.pos++;
        this.spaces();
        if (this.text[this.pos] === close || this.text[this.pos] === ',') giveUp();
      }
    }
    this.pos++;
    node.end = this.pos;
    return node;
  }

  /** A value inside the collection, with the spaces after it counted in its range. */
  private item(): YamlNode {
    const c = this.text[this.pos];
    let node: YamlNode;
    if (c === '[' || c === '{') node = this.collection();
    else if (c === '"' || c === "'") {
      const [q, stop] = quoted(this.text, this.pos, this.lineEnd);
      node = q;
      this.pos = stop;
    } else node = this.plainScalar(false);
    this.spaces();
    if (this.text[this.pos] === ':') giveUp();
    return node;
  }

  /** A plain scalar in flow context: ends at a flow indicator, at `: ` (keys) or before spaces. */
  private plainScalar(key: boolean): YamlScalar {
    const start = this.pos;
    const c = this.text[start]!;
    if (BAD_START.has(c) || c === '?' || ((c === '-' || c === ':') && this.text.charCodeAt(start + 1) === SPACE)) giveUp();
    let p = start;
    for (; p < this.lineEnd; p++) {
      const ch = this.text[p];
      if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}') break;
      if (ch === ':') {
        const next = this.text[p + 1];
        if (next === ' ' || next === ',' || next === '[' || next === ']' || next === '{' || next === '}') break;
      }
      if (ch === '#' && this.text.charCodeAt(p - 1) === SPACE) giveUp();
    }
    let end = p;
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    if (end === start) giveUp();
    if (key && end !== p) giveUp();
    this.pos = end;
    const source = this.text.slice(start, end);
    return plain(source, start, end);
  }
}
