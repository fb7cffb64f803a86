import { yamlLibrary } from './yaml-library.js';

/**
 * A YAML value as wardline reads it: what it is and where it was written (character offsets into the file),
 * nothing else. The fast reader builds these directly; a file it gives up on is parsed by the yaml library and
 * converted once, after the library's findings. Plain objects of few shapes: cheap to build and to collect.
 */
export type YamlNode = YamlScalar | YamlMap | YamlSeq | YamlOther;

export interface YamlScalar {
  kind: 'scalar';
  value: unknown;
  /** The text as written, without quotes; empty for `key:` with nothing after it. */
  source: string;
  start: number;
  end: number;
}

/** Keys, their texts (what the schema and the builder compare) and values, index by index. */
export interface YamlMap {
  kind: 'map';
  keys: (YamlNode | null)[];
  names: string[];
  values: (YamlNode | null)[];
  start: number;
  end: number;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  start: number;
  end: number;
}

/** Something the library allows that no policy holds (a `key: value` pair inside `[ ]`): a position, no value. */
export interface YamlOther {
  kind: 'other';
  start: number;
  end: number;
}

export function isYamlMap(node: unknown): node is YamlMap {
  return (node as YamlNode | null)?.kind === 'map';
}

export function isYamlSeq(node: unknown): node is YamlSeq {
  return (node as YamlNode | null)?.kind === 'seq';
}

export function isYamlScalar(node: unknown): node is YamlScalar {
  return (node as YamlNode | null)?.kind === 'scalar';
}

/** A map, list or scalar (what a path into the document can stop at). */
export function isYamlValue(node: unknown): node is YamlScalar | YamlMap | YamlSeq {
  const kind = (node as YamlNode | null)?.kind;
  return kind === 'map' || kind === 'seq' || kind === 'scalar';
}

/** The text a mapping key stands for (the library's nodes); the schema, the builder and duplicate detection compare keys by it. */
export function libraryKeyText(key: unknown): string {
  const { isNode, isScalar } = yamlLibrary();
  if (isScalar(key)) return String(key.value);
  return isNode(key) ? String(key) : String(key ?? 'null');
}

/** The yaml library's nodes, converted; aliases never get here (they are refused first). */
export function fromLibrary(node: unknown): YamlNode | null {
  if (node === null || node === undefined) return null;
  const { isMap, isNode, isPair, isScalar, isSeq } = yamlLibrary();
  const range = (node as { range?: [number, number, number] }).range;
  const start = range?.[0] ?? -1;
  const end = range?.[1] ?? -1;
  if (isMap(node)) {
    const map: YamlMap = { kind: 'map', keys: [], names: [], values: [], start, end };
    for (const pair of node.items) {
      map.keys.push(fromLibrary(pair.key));
      map.names.push(libraryKeyText(pair.key));
      map.values.push(fromLibrary(pair.value));
    }
    return map;
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => fromLibrary(item) ?? other(undefined)), start, end };
  if (isScalar(node)) return { kind: 'scalar', value: node.value, source: node.source ?? '', start, end };
  // A pair where a value should be is placed where the library's positions put it: its value, else its key.
  if (isPair(node)) return other(isNode(node.value) ? node.value.range : isNode(node.key) ? node.key.range : undefined);
  return other(range);
}

function other(range: readonly number[] | null | undefined): YamlOther {
  return { kind: 'other', start: range?.[0] ?? -1, end: range?.[1] ?? -1 };
}
