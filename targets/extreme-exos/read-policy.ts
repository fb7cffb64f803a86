import { numberedLines, type ConfigFile, type ConfigLine, type UnknownLine } from '../reader.js';
import { addressFamily, entryProblem, parseCondition, type Condition } from './read-conditions.js';

/** One rule entry of an ACL policy file. */
export interface PolicyEntry {
  name: string;
  /** No action in the `then` block means permit (ExtremeXOS User Guide, ACL rule syntax). */
  action: 'permit' | 'deny';
  conditions: Condition[];
  /** The `entry` line and the lines holding its conditions and actions. */
  lines: ConfigLine[];
  /** False when a part of it is reported unknown: such an entry takes no part in evaluation. */
  readable: boolean;
}

export interface Policy {
  /** The name `configure access-list` binds: the file name without `.pol`. */
  name: string;
  entries: PolicyEntry[];
}

interface Token {
  text: string;
  line: ConfigLine;
}

interface Statement {
  words: string[];
  lines: ConfigLine[];
}

// Action modifiers that count, log, meter or queue: none of them changes whether the packet is forwarded.
const MODIFIERS: Record<string, number> = { count: 1, 'packet-count': 1, 'byte-count': 1, qosprofile: 1, meter: 1, log: 0, 'log-raw': 0, 'mirror-cpu': 0 };

/** Splits the non-comment lines into words, braces and semicolons; a `#` line is a comment. */
function tokens(file: ConfigFile): Token[] {
  const out: Token[] = [];
  for (const line of numberedLines(file)) {
    const text = line.text.trim();
    if (text === '' || text.startsWith('#')) continue;
    for (const m of text.matchAll(/[{};]|"[^"]*"?|[^\s{};"]+/g)) out.push({ text: m[0], line });
  }
  return out;
}

/** Reads a policy file: its entries in file order, and every line it cannot read. Never throws. */
export function readPolicy(file: ConfigFile): { policy: Policy; unknown: UnknownLine[] } {
  const toks = tokens(file);
  const reasons = new Map<number, UnknownLine>();
  const report = (line: ConfigLine, reason: string) => {
    if (!reasons.has(line.line)) reasons.set(line.line, { ...line, reason });
  };
  const entries: PolicyEntry[] = [];
  const names = new Set<string>();
  let i = 0;
  const word = () => toks[i]?.text.toLowerCase();
  /** Reads `{ statement; ... }` from toks[i]; undefined (with the failing token reported) when it is not that. */
  const block = (what: string): Statement[] | undefined => {
    if (word() !== '{') return fail(`expected "{" to open the ${what} block`);
    i++;
    const out: Statement[] = [];
    while (i < toks.length && toks[i]!.text !== '}') {
      const s: Statement = { words: [], lines: [] };
      while (i < toks.length && toks[i]!.text !== ';' && toks[i]!.text !== '}') {
        if (toks[i]!.text === '{') return fail(`unexpected "{" in the ${what} block`);
        s.words.push(toks[i]!.text);
        if (!s.lines.includes(toks[i]!.line)) s.lines.push(toks[i]!.line);
        i++;
      }
      if (toks[i]?.text === ';') i++;
      if (s.words.length) out.push(s);
    }
    if (i >= toks.length) return fail(`the ${what} block is not closed`);
    i++;
    return out;
  };
  const fail = (reason: string): undefined => {
    report((toks[i] ?? toks.at(-1))!.line, reason);
    return undefined;
  };

  while (i < toks.length) {
    const start = i;
    const entry = readEntry();
    if (entry) {
      if (names.has(entry.name)) {
        report(entry.lines[0]!, `a second entry named ${entry.name} (entry names are unique within a policy)`);
        entry.readable = false;
      }
      names.add(entry.name);
      entries.push(entry);
      continue;
    }
    // Skip to the next `entry`, reporting every line of what could not be read.
    const first = toks[start]!.line;
    i = Math.max(i, start + 1);
    while (i < toks.length && word() !== 'entry') i++;
    for (const t of toks.slice(start, i)) report(t.line, `part of an entry that could not be read (from line ${first.line})`);
  }

  function readEntry(): PolicyEntry | undefined {
    if (word() !== 'entry') return fail('expected "entry NAME {"');
    const header = toks[i]!.line;
    const name = toks[++i]?.text;
    if (name === undefined || /^[{};]$/.test(name)) return fail('an entry needs a name');
    i++;
    if (word() !== '{') return fail('expected "{" after the entry name');
    i++;
    if (word() !== 'if') return fail('expected "if {"');
    i++;
    let readable = true;
    if (word() === 'match') {
      const mode = toks[++i]?.text.toLowerCase();
      if (mode !== 'all') {
        report(toks[i - 1]!.line, `"if match ${mode ?? ''}": ACL entries match all their conditions`);
        readable = false;
      }
      i++;
    }
    const conditionStatements = block('if');
    if (!conditionStatements) return undefined;
    if (word() !== 'then') return fail('expected "then {"');
    i++;
    const actionStatements = block('then');
    if (!actionStatements) return undefined;
    if (word() !== '}') return fail('expected "}" to close the entry');
    i++;
    const conditions: Condition[] = [];
    for (const s of conditionStatements) {
      const c = parseCondition(s.words);
      if ('ok' in c) conditions.push(c.ok);
      else {
        s.lines.forEach((l) => report(l, c.error));
        readable = false;
      }
    }
    const problem = readable ? entryProblem(conditions) : undefined;
    if (problem) {
      conditionStatements[problem.index]!.lines.forEach((l) => report(l, problem.reason));
      readable = false;
    }
    const actions = readActions(actionStatements, report);
    const lines = [header, ...[...conditionStatements, ...actionStatements].flatMap((s) => s.lines)];
    return {
      name,
      action: actions.action,
      conditions,
      lines: lines.filter((l, n) => lines.indexOf(l) === n),
      readable: readable && actions.readable,
    };
  }

  // "Use either all IPv4 or all IPv6 addresses in an ACL" (the guide): entries of the other version are reported.
  const first = entries.map((e) => addressFamily(e.conditions)).find((f) => f !== undefined);
  for (const e of entries) {
    const family = addressFamily(e.conditions);
    if (family === undefined || family === first) continue;
    report(e.lines[0]!, `IPv${family} addresses in a policy of IPv${first} addresses: a policy takes one IP version`);
    e.readable = false;
  }
  const base = file.path.split('/').at(-1)!;
  return {
    policy: { name: base.replace(/\.pol$/i, ''), entries },
    unknown: [...reasons.values()].sort((a, b) => a.line - b.line),
  };
}

function readActions(statements: Statement[], report: (line: ConfigLine, reason: string) => void): { action: 'permit' | 'deny'; readable: boolean } {
  let action: 'permit' | 'deny' | undefined;
  let readable = true;
  for (const s of statements) {
    const [first = '', ...args] = s.words;
    const keyword = first.toLowerCase();
    const bad = (reason: string) => {
      s.lines.forEach((l) => report(l, reason));
      readable = false;
    };
    if ((keyword === 'permit' || keyword === 'deny') && args.length === 0) {
      if (action) bad(`a second action (${keyword} after ${action}): an entry takes one`);
      action = keyword;
    } else if (MODIFIERS[keyword] !== undefined) {
      if (args.length !== MODIFIERS[keyword]) bad(`${keyword} takes ${MODIFIERS[keyword] ? 'a name' : 'no argument'}`);
    } else bad(`action "${s.words.join(' ')}" is not read by this reader`);
  }
  return { action: action ?? 'permit', readable };
}
