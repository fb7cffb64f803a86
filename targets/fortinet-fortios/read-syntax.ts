import { numberedLines, type ConfigFile, type ConfigLine, type UnknownLine } from '../reader.js';

/**
 * The FortiOS CLI as a tree: `config <path>` opens a table or a settings block, `edit <name>` an entry of the table
 * (`next` closes it), `end` closes the block; inside, `set`/`unset`/`append`/`unselect` change one field, and `delete`
 * and `move` change the table. Lines starting with `#` are comments (a backup's `#config-version=` header).
 */
export interface Setting {
  kind: 'setting';
  verb: 'set' | 'unset' | 'append' | 'unselect';
  key: string;
  values: string[];
  line: ConfigLine;
}

export interface Edit {
  kind: 'edit';
  name: string;
  line: ConfigLine;
  items: Item[];
}

export interface Block {
  kind: 'config';
  path: string;
  line: ConfigLine;
  items: Item[];
}

export interface Command {
  kind: 'command';
  verb: 'delete' | 'move';
  args: string[];
  line: ConfigLine;
}

export type Item = Setting | Edit | Block | Command;

/** Words of a CLI line: bare words, or double- or single-quoted text in which a backslash escapes the next character. */
export function tokens(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let word = '';
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        word += text[i++];
      }
      if (i >= text.length) return undefined;
      i++;
    } else {
      while (i < text.length && text[i] !== ' ' && text[i] !== '\t') word += text[i++];
    }
    out.push(word);
  }
  return out;
}

const FIELD_VERBS = new Set(['set', 'unset', 'append', 'unselect']);

/** Parses every file into one list of top-level blocks; lines that fit no place in the tree go to `unknown`. */
export function parseTree(files: readonly ConfigFile[]): { blocks: Block[]; unknown: UnknownLine[] } {
  const blocks: Block[] = [];
  const unknown: UnknownLine[] = [];
  for (const file of files) {
    const stack: (Block | Edit)[] = [];
    for (const line of numberedLines(file)) {
      const trimmed = line.text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const words = tokens(trimmed);
      const bad = (reason: string) => unknown.push({ ...line, reason });
      if (!words) {
        bad('unterminated quoted text');
        continue;
      }
      const [verb, ...args] = words as [string, ...string[]];
      const top = stack.at(-1);
      if (verb === 'config') {
        if (args.length === 0) bad('config without a path');
        const block: Block = { kind: 'config', path: args.join(' '), line, items: [] };
        if (top) top.items.push(block);
        else blocks.push(block);
        stack.push(block);
      } else if (verb === 'edit') {
        if (top?.kind !== 'config' || args.length !== 1) bad(top?.kind === 'config' ? 'edit takes one name' : 'edit outside a config block');
        else {
          const edit: Edit = { kind: 'edit', name: args[0]!, line, items: [] };
          top.items.push(edit);
          stack.push(edit);
        }
      } else if (verb === 'next') {
        if (top?.kind === 'edit') stack.pop();
        else bad('next outside an edit');
      } else if (verb === 'end') {
        // `end` saves an open entry too, then leaves its block.
        if (top?.kind === 'edit') stack.pop();
        if (stack.at(-1)?.kind === 'config') stack.pop();
        else bad('end outside a config block');
      } else if (FIELD_VERBS.has(verb) && top && args.length >= 1) {
        top.items.push({ kind: 'setting', verb: verb as Setting['verb'], key: args[0]!, values: args.slice(1), line });
      } else if ((verb === 'delete' || verb === 'move') && top?.kind === 'config') {
        top.items.push({ kind: 'command', verb, args, line });
      } else {
        bad(top ? `unknown command "${verb}"` : `"${verb}" outside a config block`);
      }
    }
    for (const open of stack) if (open.kind === 'config') unknown.push({ ...open.line, reason: `config ${open.path} is not closed by end` });
  }
  return { blocks, unknown };
}

/** Every line an item holds (itself and what is nested in it), for reporting a block or entry not understood. */
export function linesOf(item: Item): ConfigLine[] {
  return item.kind === 'setting' || item.kind === 'command' ? [item.line] : [item.line, ...item.items.flatMap(linesOf)];
}
