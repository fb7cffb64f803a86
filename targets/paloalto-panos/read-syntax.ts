import type { ConfigLine } from '../reader.js';

/** One configure-mode command, cut into words: quotes removed from a quoted string, `[` and `]` words of their own. */
export interface Command {
  line: ConfigLine;
  verb: 'set' | 'move';
  /** The words after the verb, without a `vsys <name>` or `shared` scope (a single-vsys firewall has one of each). */
  words: string[];
}

/** Why a line is not read; the reader reports it with the line. */
export class Unread {
  constructor(readonly reason: string) {}
}

/**
 * The PAN-OS CLI's words: runs of non-space characters, or a double- or single-quoted string (which may hold spaces);
 * `[` and `]` open and close a member list. Undefined when a quote is left open.
 */
export function words(text: string): string[] | undefined {
  const out: string[] = [];
  const pattern = /\s*(?:"([^"]*)"|'([^']*)'|(["'])|([^\s"']+))/gy;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null && m[0].trim() !== '') {
    if (m[3] !== undefined) return undefined;
    out.push(m[1] ?? m[2] ?? m[4]!);
  }
  return out;
}

/** A value at `at`: one word, or the members of `[ a b ]`. */
export function value(ws: readonly string[], at: number): { values: string[]; next: number } {
  const first = ws[at];
  if (first === undefined) throw new Unread('a value is missing at the end of the command');
  if (first !== '[') {
    if (first === ']') throw new Unread('"]" without "["');
    return { values: [first], next: at + 1 };
  }
  const close = ws.indexOf(']', at + 1);
  if (close < 0) throw new Unread('"[" without "]"');
  const values = ws.slice(at + 1, close);
  if (values.length === 0) throw new Unread('an empty member list "[ ]"');
  if (values.includes('[')) throw new Unread('a member list inside a member list');
  return { values, next: close + 1 };
}

/** A value that must be one word. */
export function single(ws: readonly string[], at: number, what: string): string {
  const { values } = value(ws, at);
  if (values.length !== 1 || ws[at] === '[') throw new Unread(`${what} takes one value, not a member list`);
  return values[0]!;
}

/** `yes` or `no`. */
export function yesNo(word: string | undefined, what: string): boolean {
  if (word === 'yes') return true;
  if (word === 'no') return false;
  throw new Unread(`${what} takes yes or no, not ${JSON.stringify(word ?? '')}`);
}

/**
 * A line as a command: `set ...` or `move ...`, without the vsys scope. Lines of the CLI session around the
 * commands (`configure`, `commit`, `exit`, `set cli ...`) come back as `session`; anything else is unread.
 */
export function command(line: ConfigLine): Command | 'session' | Unread {
  const ws = words(line.text);
  if (ws === undefined) return new Unread('a quote is not closed');
  const [verb, ...rest] = ws;
  if (verb === 'configure' || verb === 'commit' || verb === 'exit' || verb === 'quit') {
    return rest.length === 0 ? 'session' : new Unread(`"${verb}" takes nothing after it here`);
  }
  if (verb === 'set' && rest[0] === 'cli') return 'session';
  if (verb !== 'set' && verb !== 'move') {
    if (verb?.startsWith('#')) return new Unread('PAN-OS set commands have no comment syntax: the CLI would refuse this line');
    return new Unread(`unknown command "${verb}": the reader reads set and move commands`);
  }
  let words_ = rest;
  if (words_[0] === 'vsys') words_ = words_.slice(2);
  else if (words_[0] === 'shared') words_ = words_.slice(1);
  if (words_.length === 0) return new Unread(`"${verb}" with nothing to ${verb}`);
  return { line, verb, words: words_ };
}

/** Reads one attribute's value from `at` (just after its keyword) and returns where the next attribute starts. */
export type Attribute = (ws: readonly string[], at: number) => number;

/** `key value key value ...` from `at` to the end, each key read by its entry of `table`. */
export function attributes(ws: readonly string[], at: number, table: Readonly<Record<string, Attribute>>, what: string): void {
  while (at < ws.length) {
    const key = ws[at]!;
    if (!Object.hasOwn(table, key)) throw new Unread(`unknown ${what} attribute "${key}"`);
    at = table[key]!(ws, at + 1);
  }
}

/** An attribute whose value is read and not needed for filtering (descriptions, tags, colours). */
export const kept: Attribute = (ws, at) => value(ws, at).next;

/** A TCP/UDP/SCTP port, 0-65535. */
export function port(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new Unread(`"${text}" is not a port (0-65535)`);
  return Number(text);
}

export interface PortRange {
  lo: number;
  hi: number;
}

/** A PAN-OS port list: `443`, `443,8443`, `1000-2000,3000`. */
export function portList(text: string): PortRange[] {
  return text.split(',').map((part) => {
    const [lo, hi, extra] = part.split('-');
    if (extra !== undefined || lo === undefined) throw new Unread(`"${part}" is not a port or a port range`);
    const range = { lo: port(lo), hi: port(hi ?? lo) };
    if (range.lo > range.hi) throw new Unread(`port range "${part}" runs backwards`);
    return range;
  });
}
