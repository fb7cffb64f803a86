import { isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Position, Range, SourceLoc } from '../model/source.js';
import { NOWHERE } from '../model/source.js';

/** What positioned lookups need of a loaded document. */
export interface PositionedDocument {
  file: string;
  doc: { contents: unknown };
  lineCounter: LineCounter;
}

export type PathSegment = string | number;

/** The text a mapping key stands for; the schema, the builder and duplicate detection all compare keys by it. */
export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return isNode(key) ? String(key) : String(key ?? 'null');
}

/** `key:` with nothing after it parses as an empty null scalar; positions point at the key instead. */
export function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && !node.source;
}

/** A 0-based position from a character offset (the LineCounter is 1-based). */
export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, col: col - 1 };
}

export function rangeAt(lineCounter: LineCounter, start: number, end: number): Range {
  return { start: positionAt(lineCounter, start), end: positionAt(lineCounter, Math.max(start, end)) };
}

/** Where a node was written; for a map entry, its key or (default) its value. Unknown nodes sit at 1:1. */
export function locOf(doc: PositionedDocument, node: unknown, which: 'key' | 'value' = 'value'): SourceLoc {
  const target: unknown = isPair(node) ? (which === 'key' ? node.key : (node.value ?? node.key)) : node;
  const range = isNode(target) ? target.range : undefined;
  if (!range) return { file: doc.file, range: NOWHERE };
  return { file: doc.file, range: rangeAt(doc.lineCounter, range[0], range[1]) };
}

/**
 * The node at `path`: in 'key' mode a map entry gives its key scalar, in 'value' mode its value.
 * When the path leaves the document, the closest existing ancestor.
 */
export function nodeAtPath(doc: PositionedDocument, path: readonly PathSegment[], mode: 'key' | 'value'): Node | undefined {
  let node: unknown = doc.doc.contents;
  let key: Node | undefined;
  for (const segment of path) {
    key = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      key = isNode(pair.key) ? pair.key : undefined;
      // `via:` with nothing after it: the key is the closest thing that exists.
      if (!isNode(pair.value) || isEmptyScalar(pair.value)) {
        node = key ?? node;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && isNode(node.items[segment])) {
      node = node.items[segment];
    } else {
      break;
    }
  }
  if (mode === 'key' && key) return key;
  return isNode(node) ? node : undefined;
}
