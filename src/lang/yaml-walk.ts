import { isMap, isScalar, isSeq, type Node } from 'yaml';

/** Reading positioned YAML nodes defensively: shapes the schema already rejected are skipped, never thrown on. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

export function entries(node: unknown): Entry[] {
  if (!isMap(node)) return [];
  const out: Entry[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    out.push({ key: String(pair.key.value), keyNode: pair.key, value: (pair.value as Node | null) ?? null });
  }
  return out;
}

export function field(node: unknown, key: string): Entry | undefined {
  return entries(node).find((e) => e.key === key);
}

export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** One scalar or a list of scalars, as nodes: `from: a` and `from: [a, b]` read alike. */
export function oneOrMany(node: unknown): Node[] {
  if (isSeq(node)) return (node.items as Node[]).filter((n) => isScalar(n));
  return isScalar(node) ? [node] : [];
}

export function text(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function integer(node: unknown): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

export function bool(node: unknown): boolean | undefined {
  return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}
