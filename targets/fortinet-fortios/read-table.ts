import type { ConfigLine, UnknownLine } from '../reader.js';
import { linesOf, type Block, type Edit, type Item } from './read-syntax.js';

/** One field of an entry after its lines ran in order: `set` replaces, `append` adds, `unselect` removes, `unset` clears. */
export interface Field {
  values: string[];
  /** The lines that made the value, in order (a `set member` and its `append member` lines). */
  lines: ConfigLine[];
}

/** An entry of a table (`edit NAME` ... `next`), every `edit` of the same name folded into one, as the CLI does. */
export interface Entry {
  name: string;
  line: ConfigLine;
  fields: Map<string, Field>;
  /** Nested `config` blocks (`config ipv6`, `config secondaryip`), in order. */
  blocks: Block[];
}

/**
 * The entries of every block at `path` in table order: a new name is appended at the end, an existing one is edited in
 * place, `delete NAME` removes it and `move A before|after B` reorders (the order FortiOS evaluates a policy list in).
 * Fields outside `known` and lines of no table are reported to `unknown`.
 */
export function tableOf(blocks: readonly Block[], path: string, known: ReadonlySet<string>, unknown: UnknownLine[]): Entry[] {
  const order: Entry[] = [];
  for (const block of blocks.filter((b) => b.path === path)) {
    for (const item of block.items) {
      if (item.kind === 'edit') {
        let entry = order.find((e) => e.name === item.name);
        if (!entry) order.push((entry = { name: item.name, line: item.line, fields: new Map(), blocks: [] }));
        fold(entry, item, known, `config ${path}`, unknown);
      } else if (item.kind === 'command') {
        command(order, item, unknown);
      } else {
        report(item, `${item.kind === 'setting' ? `"${item.verb} ${item.key}"` : `config ${item.path}`} outside an entry of config ${path}`, unknown);
      }
    }
  }
  return order;
}

/** The fields of a block without entries (`config system global`), folded like an entry's. */
export function settingsOf(blocks: readonly Block[], path: string, known: ReadonlySet<string>, unknown: UnknownLine[]): Entry {
  const entry: Entry = { name: path, line: blocks.find((b) => b.path === path)?.line ?? { file: '', line: 0, text: '' }, fields: new Map(), blocks: [] };
  for (const block of blocks.filter((b) => b.path === path)) fold(entry, block, known, `config ${path}`, unknown);
  return entry;
}

function fold(entry: Entry, from: Edit | Block, known: ReadonlySet<string>, where: string, unknown: UnknownLine[]): void {
  for (const item of from.items) {
    if (item.kind === 'config') {
      entry.blocks.push(item);
      continue;
    }
    if (item.kind !== 'setting') {
      report(item, `"${item.kind === 'command' ? item.verb : 'edit'}" inside an entry of ${where}`, unknown);
      continue;
    }
    if (!known.has(item.key)) {
      unknown.push({ ...item.line, reason: `unknown field "${item.key}" in ${where}` });
      continue;
    }
    const old = entry.fields.get(item.key);
    if (item.verb === 'unset') entry.fields.delete(item.key);
    else if (item.verb === 'set') entry.fields.set(item.key, { values: item.values, lines: [item.line] });
    else if (item.verb === 'append') entry.fields.set(item.key, { values: [...(old?.values ?? []), ...item.values], lines: [...(old?.lines ?? []), item.line] });
    else entry.fields.set(item.key, { values: (old?.values ?? []).filter((v) => !item.values.includes(v)), lines: [...(old?.lines ?? []), item.line] });
  }
}

function command(order: Entry[], item: Extract<Item, { kind: 'command' }>, unknown: UnknownLine[]): void {
  const at = (name: string | undefined) => order.findIndex((e) => e.name === name);
  if (item.verb === 'delete' && item.args.length === 1) {
    if (at(item.args[0]) >= 0) order.splice(at(item.args[0]), 1);
    return;
  }
  const [name, where, other] = item.args;
  if (item.verb === 'move' && item.args.length === 3 && (where === 'before' || where === 'after') && at(name) >= 0 && at(other) >= 0 && name !== other) {
    const [moved] = order.splice(at(name), 1);
    order.splice(at(other) + (where === 'after' ? 1 : 0), 0, moved!);
    return;
  }
  unknown.push({ ...item.line, reason: `${item.verb} of an entry that is not in the table, or not "move A before|after B"` });
}

export function report(item: Item, reason: string, unknown: UnknownLine[]): void {
  for (const line of linesOf(item)) if (!/^\s*(next|end)\s*$/.test(line.text)) unknown.push({ ...line, reason });
}

/** The single value of a field, or undefined (absent or not one word). */
export function one(entry: Entry, key: string): string | undefined {
  const f = entry.fields.get(key);
  return f && f.values.length === 1 ? f.values[0] : undefined;
}

/** Reports a field's last line as not understood. */
export function badField(entry: Entry, key: string, reason: string, unknown: UnknownLine[]): void {
  const line = entry.fields.get(key)?.lines.at(-1);
  if (line) unknown.push({ ...line, reason });
}
