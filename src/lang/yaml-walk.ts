import { isYamlMap, isYamlScalar, isYamlSeq, type YamlNode, type YamlScalar } from './yaml-node.js';

/** Reading positioned YAML nodes defensively: shapes the schema already rejected are skipped, never thrown on. */
export interface Entry {
  key: string;
  keyNode: YamlScalar;
  value: YamlNode | null;
}

export function entries(node: unknown): Entry[] {
  if (!isYamlMap(node)) return [];
  const out: Entry[] = [];
  for (let i = 0; i < node.keys.length; i++) {
    const keyNode = node.keys[i];
    if (!isYamlScalar(keyNode)) continue;
    out.push({ key: node.names[i]!, keyNode, value: node.values[i] ?? null });
  }
  return out;
}

/** The first entry of `key` (by index: a field lookup must not copy the whole mapping). */
export function field(node: unknown, key: string): Entry | undefined {
  if (!isYamlMap(node)) return undefined;
  const { keys, names } = node;
  for (let i = 0; i < names.length; i++) {
    const keyNode = keys[i];
    if (names[i] === key && isYamlScalar(keyNode)) return { key, keyNode, value: node.values[i] ?? null };
  }
  return undefined;
}

export function items(node: unknown): YamlNode[] {
  return isYamlSeq(node) ? node.items : [];
}

/** One scalar or a list of scalars, as nodes: `from: a` and `from: [a, b]` read alike. */
export function oneOrMany(node: unknown): YamlScalar[] {
  if (isYamlSeq(node)) return node.items.filter(isYamlScalar);
  return isYamlScalar(node) ? [node] : [];
}

export function text(node: unknown): string | undefined {
  if (!isYamlScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function integer(node: unknown): number | undefined {
  return isYamlScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

export function bool(node: unknown): boolean | undefined {
  return isYamlScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}
