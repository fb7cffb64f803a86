import type { Position, Range, SourceLoc } from '../model/source.js';
import { NOWHERE } from '../model/source.js';
import type { LineIndex } from './line-index.js';
import { isYamlMap, isYamlSeq, isYamlValue, type YamlNode } from './yaml-node.js';

/** What positioned lookups need of a loaded document. */
export interface PositionedDocument {
  file: string;
  doc: { contents: YamlNode | null };
  lineCounter: LineIndex;
}

export type PathSegment = string | number;

/** `key:` with nothing after it parses as an empty null scalar; positions point at the key instead. */
export function isEmptyScalar(node: unknown): boolean {
  const n = node as YamlNode | null | undefined;
  return n?.kind === 'scalar' && n.value === null && !n.source;
}

/** A 0-based position from a character offset. */
export function positionAt(lineCounter: LineIndex, offset: number): Position {
  return lineCounter.position(offset);
}

export function rangeAt(lineCounter: LineIndex, start: number, end: number): Range {
  return { start: positionAt(lineCounter, start), end: positionAt(lineCounter, Math.max(start, end)) };
}

/** Where a node was written. Unknown nodes sit at 1:1. */
export function locOf(doc: PositionedDocument, node: YamlNode | null | undefined): SourceLoc {
  if (!node || node.start < 0) return { file: doc.file, range: NOWHERE };
  return { file: doc.file, range: rangeAt(doc.lineCounter, node.start, node.end) };
}

/**
 * The node at `path`: in 'key' mode a map entry gives its key scalar, in 'value' mode its value.
 * When the path leaves the document, the closest existing ancestor.
 */
export function nodeAtPath(doc: PositionedDocument, path: readonly PathSegment[], mode: 'key' | 'value'): YamlNode | undefined {
  let node: YamlNode | null = doc.doc.contents;
  let key: YamlNode | undefined;
  for (const segment of path) {
    key = undefined;
    if (isYamlMap(node)) {
      const i = node.names.indexOf(String(segment));
      if (i < 0) break;
      const k = node.keys[i];
      key = isYamlValue(k) ? k : undefined;
      const value = node.values[i];
      // `via:` with nothing after it: the key is the closest thing that exists.
      if (!isYamlValue(value) || isEmptyScalar(value)) {
        node = key ?? node;
        break;
      }
      node = value;
    } else if (isYamlSeq(node) && typeof segment === 'number' && isYamlValue(node.items[segment])) {
      node = node.items[segment]!;
    } else {
      break;
    }
  }
  if (mode === 'key' && key) return key;
  return isYamlValue(node) ? node : undefined;
}
