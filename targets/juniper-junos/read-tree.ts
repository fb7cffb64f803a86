import type { ConfigLine } from '../reader.js';

/**
 * The candidate configuration as `load set` builds it: a tree of statements in the order they were first set. `set`
 * adds a path, `delete` removes a subtree, `insert ... before|after` moves a sibling, `deactivate` / `activate` mark a
 * statement ignored or not: each in file order, as the CLI applies them one after the other.
 */
export interface ConfigNode {
  children: Map<string, ConfigNode>;
  /** The `set` lines ending at this statement. */
  lines: ConfigLine[];
  /** When it was last set, in file order: of two values of a one-value statement the later wins. */
  seq: number;
  inactive: boolean;
}

export const emptyNode = (): ConfigNode => ({ children: new Map(), lines: [], seq: 0, inactive: false });

export type Verb = 'set' | 'delete' | 'insert' | 'deactivate' | 'activate';

/** A line split into its verb and words: quoted strings are one word, `[ a b ]` lists are expanded into one path each. */
export function statementPaths(text: string): { verb: string; paths: string[][] } | { error: string } {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  const [verb, ...rest] = words;
  if (verb === undefined) return { error: 'empty statement' };
  const open = rest.indexOf('[');
  if (open < 0) return { verb, paths: [rest] };
  const close = rest.indexOf(']', open);
  if (close < 0 || close !== rest.length - 1 || close === open + 1) return { error: 'a [ ... ] list must end the statement and hold values' };
  const head = rest.slice(0, open);
  return { verb, paths: rest.slice(open + 1, close).map((v) => [...head, v]) };
}

export function setPath(root: ConfigNode, path: readonly string[], line: ConfigLine, seq: number): void {
  let node = root;
  for (const word of path) {
    let child = node.children.get(word);
    if (!child) node.children.set(word, (child = emptyNode()));
    child.seq = seq;
    node = child;
  }
  node.lines.push(line);
}

export function findPath(root: ConfigNode, path: readonly string[]): ConfigNode | undefined {
  let node: ConfigNode | undefined = root;
  for (const word of path) node = node?.children.get(word);
  return node;
}

export function deletePath(root: ConfigNode, path: readonly string[]): void {
  const parent = findPath(root, path.slice(0, -1));
  parent?.children.delete(path.at(-1)!);
}

/** `insert A... B before|after C D`: moves the statement named B among its siblings next to D; false if either is missing. */
export function insertPath(root: ConfigNode, path: readonly string[], where: 'before' | 'after', sibling: string): boolean {
  const parent = findPath(root, path.slice(0, -1));
  const moved = path.at(-1)!;
  const node = parent?.children.get(moved);
  if (!parent || !node || !parent.children.has(sibling) || sibling === moved) return false;
  const order = [...parent.children.entries()].filter(([k]) => k !== moved);
  const at = order.findIndex(([k]) => k === sibling) + (where === 'after' ? 1 : 0);
  order.splice(at, 0, [moved, node]);
  parent.children = new Map(order);
  return true;
}

/** Active children in configuration order (a deactivated statement is kept in the text but ignored by the device). */
export function active(node: ConfigNode | undefined): [string, ConfigNode][] {
  return node && !node.inactive ? [...node.children.entries()].filter(([, c]) => !c.inactive) : [];
}

/** A statement the device reads: present, with no deactivated statement on its path. */
export function activePath(root: ConfigNode, path: readonly string[]): ConfigNode | undefined {
  let node: ConfigNode | undefined = root;
  for (const word of path) {
    node = node.children.get(word);
    if (!node || node.inactive) return undefined;
  }
  return node;
}

/** The value of a one-value statement (`vlan-id 120`, `filter input F`): the last one set. */
export function lastValue(node: ConfigNode | undefined): [string, ConfigNode] | undefined {
  let best: [string, ConfigNode] | undefined;
  for (const entry of active(node)) if (!best || entry[1].seq >= best[1].seq) best = entry;
  return best;
}

/** Every `set` line of a subtree, in file order. */
export function subtreeLines(node: ConfigNode): ConfigLine[] {
  const out: ConfigLine[] = [];
  const walk = (n: ConfigNode) => {
    out.push(...n.lines);
    for (const c of n.children.values()) if (!c.inactive) walk(c);
  };
  walk(node);
  return out.sort((a, b) => a.line - b.line);
}
