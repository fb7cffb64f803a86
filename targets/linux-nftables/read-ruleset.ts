import { type ConfigFile, type ConfigLine, numberedLines, type UnknownLine } from '../reader.js';

/**
 * The structure of an `nft -f` file, as nft builds it in one transaction: tables (created, added to, deleted),
 * their named sets with elements, and their chains with the raw text of each rule. Rules are compiled in a second
 * pass (read-rule.ts), once every set and chain of the file is known.
 */
export interface NftSet {
  name: string;
  type?: string;
  elements: { text: string; line: ConfigLine }[];
  line: ConfigLine;
}

export interface RawRule {
  text: string;
  line: ConfigLine;
}

export interface BaseHook {
  hook: string;
  priority: number;
  policy: 'accept' | 'drop';
  /** The line that writes the policy, when one does (an unwritten policy is accept). */
  policyLine?: ConfigLine;
}

export interface NftChain {
  name: string;
  base?: BaseHook;
  rules: RawRule[];
  line: ConfigLine;
}

export interface NftTable {
  family: string;
  name: string;
  sets: Map<string, NftSet>;
  chains: Map<string, NftChain>;
}

export interface Ruleset {
  /** In creation order: base chains of equal priority run in the order they were added. */
  tables: NftTable[];
  unknown: UnknownLine[];
}

const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);
/** Families whose hooks see routed IP packets; the others (bridged, ingress, ARP) this reader does not evaluate. */
export const IP_FAMILIES = new Set(['ip', 'ip6', 'inet']);
const PRIORITIES: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

/** The text before a `#` that is not inside double quotes. */
function stripComment(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '#' && !quoted) return text.slice(0, i);
  }
  return text;
}

/** Splits on `;` outside quotes and braces. */
function statements(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') depth++;
    else if (!quoted && c === '}') depth--;
    else if (!quoted && depth === 0 && c === ';') {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

const braceBalance = (text: string) => (text.replace(/"[^"]*"/g, '').match(/\{/g)?.length ?? 0) - (text.replace(/"[^"]*"/g, '').match(/\}/g)?.length ?? 0);

/** `filter`, `filter + 10`, `-100`: the number nft registers the chain at. */
function priorityOf(words: string[]): number | undefined {
  const text = words.join(' ');
  const m = /^(-?[0-9]+|[a-z]+)(?:\s*([+-])\s*([0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const base = /^-?[0-9]+$/.test(m[1]!) ? Number(m[1]) : PRIORITIES[m[1]!];
  if (base === undefined) return undefined;
  return m[2] ? base + (m[2] === '+' ? 1 : -1) * Number(m[3]) : base;
}

type Context =
  | { kind: 'top' }
  | { kind: 'table'; table: NftTable; ignored: string | undefined }
  | { kind: 'set'; set: NftSet; ignored: string | undefined }
  | { kind: 'chain'; chain: NftChain; ignored: string | undefined }
  | { kind: 'ignored'; reason: string };

/** The elements of `{ a, b }` (or a bare `a`), quotes removed. */
export function elementTexts(text: string): string[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  return inner
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

export function readRuleset(files: readonly ConfigFile[]): Ruleset {
  const tables: NftTable[] = [];
  const unknown: UnknownLine[] = [];
  const unknownAt = (line: ConfigLine, reason: string): void => {
    unknown.push({ ...line, reason });
  };
  const findTable = (family: string, name: string) => tables.find((t) => t.family === family && t.name === name);
  const tableOf = (family: string, name: string): NftTable => {
    let table = findTable(family, name);
    if (!table) tables.push((table = { family, name, sets: new Map(), chains: new Map() }));
    return table;
  };
  /** `[family] table` at the front of a command's words: nft's default family is ip. */
  const target = (words: string[]): { family: string; rest: string[] } =>
    FAMILIES.has(words[0]!) ? { family: words[0]!, rest: words.slice(1) } : { family: 'ip', rest: words };

  for (const file of files) {
    const stack: Context[] = [{ kind: 'top' }];
    let pending: { text: string; line: ConfigLine } | undefined;
    for (const line of numberedLines(file)) {
      const text = stripComment(line.text).trim();
      if (!text) continue;
      const joined = pending ? `${pending.text} ${text}` : text;
      const first = pending?.line ?? line;
      const balance = braceBalance(joined);
      // An opening brace that opens no block (a table's, or a chain's or set's inside a table) is a value list
      // that goes on over the next lines.
      if (balance > 0 && !(balance === 1 && joined.endsWith('{') && opensBlock(joined))) {
        pending = { text: joined, line: first };
        continue;
      }
      pending = undefined;
      for (const statement of statements(joined)) handle(statement, first);
    }
    if (pending) unknownAt(pending.line, 'an opening brace is never closed');
    if (stack.length > 1) unknownAt({ file: file.path, line: numberedLines(file).length, text: '' }, 'a block is never closed with "}"');

    function opensBlock(text: string): boolean {
      const kind = stack[stack.length - 1]!.kind;
      return kind === 'top' ? /^table\b/.test(text) : kind === 'table' || kind === 'ignored';
    }

    function handle(statement: string, line: ConfigLine): void {
      const context = stack[stack.length - 1]!;
      if (statement === '}') {
        if (stack.length > 1) stack.pop();
        else unknownAt(line, 'a "}" closes no block');
        return;
      }
      const words = statement.split(/\s+/);
      switch (context.kind) {
        case 'top':
          return topLevel(words, statement, line);
        case 'table':
          return inTable(context, words, statement, line);
        case 'set':
          if (context.ignored) return unknownAt(line, context.ignored);
          return inSet(context.set, words, statement, line);
        case 'chain':
          if (context.ignored) return unknownAt(line, context.ignored);
          return inChain(context.chain, words, statement, line);
        case 'ignored':
          if (/\{$/.test(statement)) stack.push({ kind: 'ignored', reason: context.reason });
          return unknownAt(line, context.reason);
      }
    }

    function openTable(family: string, name: string, line: ConfigLine): void {
      const ignored = IP_FAMILIES.has(family) ? undefined : `tables of family ${family} filter bridged, ingress or ARP traffic, which this reader does not evaluate`;
      if (ignored) unknownAt(line, ignored);
      stack.push({ kind: 'table', table: tableOf(family, name), ignored });
    }

    function topLevel(words: string[], statement: string, line: ConfigLine): void {
      const [verb, object] = words;
      if (verb === 'table') {
        const { family, rest } = target(words.slice(1));
        const name = rest[0];
        if (!name || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return unknownAt(line, 'a table needs a name');
        const body = rest.slice(1).join(' ');
        if (body === '{') return openTable(family, name, line);
        if (body === '{}' || body === '{ }' || body === '') {
          tableOf(family, name);
          return;
        }
        return unknownAt(line, 'a table body on one line is not read; open the table with "{" on its line');
      }
      if (verb === 'flush' && object === 'ruleset') {
        tables.length = 0;
        return;
      }
      if ((verb === 'delete' || verb === 'destroy') && object === 'table') {
        const { family, rest } = target(words.slice(2));
        const i = tables.findIndex((t) => t.family === family && t.name === rest[0]);
        if (i >= 0) tables.splice(i, 1);
        else if (verb === 'delete') unknownAt(line, `nft refuses to delete table ${family} ${rest[0]}, which does not exist here`);
        return;
      }
      if ((verb === 'add' || verb === 'create') && object === 'table') {
        const { family, rest } = target(words.slice(2));
        if (rest.length !== 1) return unknownAt(line, 'unknown table command');
        tableOf(family, rest[0]!);
        return;
      }
      if (verb === 'flush' && (object === 'table' || object === 'chain')) {
        const { family, rest } = target(words.slice(2));
        const table = findTable(family, rest[0] ?? '');
        if (!table) return unknownAt(line, `no table ${family} ${rest[0]} to flush`);
        const chains = object === 'table' ? [...table.chains.values()] : [table.chains.get(rest[1] ?? '')];
        if (chains.some((c) => !c)) return unknownAt(line, `no chain ${rest[1]} to flush`);
        for (const c of chains) c!.rules = [];
        return;
      }
      if ((verb === 'add' || verb === 'insert') && object === 'rule') {
        const { family, rest } = target(words.slice(2));
        const chain = findTable(family, rest[0] ?? '')?.chains.get(rest[1] ?? '');
        if (!chain) return unknownAt(line, `no chain ${family} ${rest[0]} ${rest[1]} to add a rule to`);
        const rule = { text: rest.slice(2).join(' '), line };
        if (verb === 'add') chain.rules.push(rule);
        else chain.rules.unshift(rule);
        return;
      }
      if ((verb === 'add' || verb === 'create') && object === 'chain') {
        const { family, rest } = target(words.slice(2));
        if (!IP_FAMILIES.has(family)) return unknownAt(line, `tables of family ${family} are not read`);
        const table = findTable(family, rest[0] ?? '');
        if (!table || !rest[1]) return unknownAt(line, `no table ${family} ${rest[0]} to add a chain to`);
        const chain = chainOf(table, rest[1], line);
        const body = statement.slice(statement.indexOf(rest[1]) + rest[1].length).trim();
        if (body) for (const s of statements(body.replace(/^\{/, '').replace(/\}$/, ''))) inChain(chain, s.split(/\s+/), s, line);
        return;
      }
      if ((verb === 'add' || verb === 'create') && object === 'set') {
        const { family, rest } = target(words.slice(2));
        const table = findTable(family, rest[0] ?? '');
        if (!table || !rest[1]) return unknownAt(line, `no table ${family} ${rest[0]} to add a set to`);
        const set = setOf(table, rest[1], line);
        const body = statement.slice(statement.indexOf(rest[1]) + rest[1].length).trim();
        if (body) for (const s of statements(body.replace(/^\{/, '').replace(/\}$/, ''))) inSet(set, s.split(/\s+/), s, line);
        return;
      }
      if (verb === 'add' && object === 'element') {
        const { family, rest } = target(words.slice(2));
        const set = findTable(family, rest[0] ?? '')?.sets.get(rest[1] ?? '');
        if (!set) return unknownAt(line, `no set ${family} ${rest[0]} ${rest[1]} to add elements to`);
        const body = statement.slice(statement.indexOf(rest[1]!) + rest[1]!.length);
        for (const text of elementTexts(body)) set.elements.push({ text, line });
        return;
      }
      unknownAt(line, `unknown command "${words.slice(0, 2).join(' ')}"`);
    }

    function chainOf(table: NftTable, name: string, line: ConfigLine): NftChain {
      let chain = table.chains.get(name);
      if (!chain) table.chains.set(name, (chain = { name, rules: [], line }));
      return chain;
    }

    function setOf(table: NftTable, name: string, line: ConfigLine): NftSet {
      let set = table.sets.get(name);
      if (!set) table.sets.set(name, (set = { name, elements: [], line }));
      return set;
    }

    function inTable(context: Extract<Context, { kind: 'table' }>, words: string[], statement: string, line: ConfigLine): void {
      const { table, ignored } = context;
      const [kind, name, brace] = words;
      if (kind === 'set' && name && brace === '{' && words.length === 3) {
        if (ignored) unknownAt(line, ignored);
        stack.push({ kind: 'set', set: setOf(table, name, line), ignored });
        return;
      }
      if (kind === 'chain' && name && brace === '{' && words.length === 3) {
        if (ignored) unknownAt(line, ignored);
        stack.push({ kind: 'chain', chain: chainOf(table, name, line), ignored });
        return;
      }
      if (ignored) return unknownAt(line, ignored);
      // A chain or set on one line: `chain web { tcp dport 443 accept; return }`.
      const oneLine = /^(chain|set)\s+(\S+)\s*\{(.*)\}$/.exec(statement);
      if (oneLine) {
        const [, what, blockName, body] = oneLine as unknown as [string, string, string, string];
        for (const s of statements(body)) {
          if (what === 'chain') inChain(chainOf(table, blockName, line), s.split(/\s+/), s, line);
          else inSet(setOf(table, blockName, line), s.split(/\s+/), s, line);
        }
        if (what === 'chain') chainOf(table, blockName, line);
        else setOf(table, blockName, line);
        return;
      }
      if (kind === 'comment' && /^comment\s+"[^"]*"$/.test(statement)) return;
      const reason = `"${kind}" in a table is not read by this reader`;
      unknownAt(line, reason);
      if (/\{$/.test(statement)) stack.push({ kind: 'ignored', reason });
    }

    function inSet(set: NftSet, words: string[], statement: string, line: ConfigLine): void {
      const [key] = words;
      if (key === 'type' && words.length === 2) {
        set.type = words[1];
        return;
      }
      if (key === 'flags' || key === 'auto-merge' || key === 'counter' || (key === 'comment' && /^comment\s+"[^"]*"$/.test(statement))) return;
      if (key === 'size' && words.length === 2 && /^[0-9]+$/.test(words[1]!)) return;
      const elements = /^elements\s*=\s*(\{.*\})$/.exec(statement);
      if (elements) {
        for (const text of elementTexts(elements[1]!)) set.elements.push({ text, line });
        return;
      }
      unknownAt(line, `"${key}" in a set is not read by this reader`);
    }

    function inChain(chain: NftChain, words: string[], statement: string, line: ConfigLine): void {
      if (words[0] === 'type') {
        // type filter hook H priority P [device D]
        const hook = words.indexOf('hook');
        const priority = words.indexOf('priority');
        const value = priority > 0 ? priorityOf(words.slice(priority + 1)) : undefined;
        if (words[1] !== 'filter' || hook !== 2 || priority !== 4 || value === undefined) {
          return unknownAt(line, 'only "type filter hook <hook> priority <priority>" chains are read');
        }
        chain.base = { hook: words[3]!, priority: value, policy: chain.base?.policy ?? 'accept', policyLine: chain.base?.policyLine };
        return;
      }
      if (words[0] === 'policy') {
        if (words.length !== 2 || (words[1] !== 'accept' && words[1] !== 'drop')) return unknownAt(line, 'a chain policy is accept or drop');
        chain.base = { ...(chain.base ?? { hook: '', priority: 0 }), policy: words[1], policyLine: line };
        return;
      }
      if (words[0] === 'comment' && /^comment\s+"[^"]*"$/.test(statement)) return;
      chain.rules.push({ text: statement, line });
    }
  }
  return { tables, unknown };
}
