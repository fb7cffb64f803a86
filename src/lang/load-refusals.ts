import type { Node } from 'yaml';
import { CODES } from '../model/codes.js';
import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { SourceLoc } from '../model/source.js';
import { NOWHERE } from '../model/source.js';
import type { LineIndex } from './line-index.js';
import { yamlLibrary } from './yaml-library.js';
import { libraryKeyText as keyText } from './yaml-node.js';
import { rangeAt, type PathSegment } from './yaml-position.js';

/** A document as the yaml library parsed it (the fast reader gives up on everything refused here). */
export interface LibraryDocument {
  file: string;
  doc: { contents: Node | null };
  lineCounter: LineIndex;
}

/** Enough to find every anchor and alias without flooding the output with a billion-laughs file. */
const MAX_ALIAS_FINDINGS = 10;

const ALIAS_MESSAGE =
  'anchors and aliases are not accepted in wardline policies; write the value out, or define a service or group once and refer to it by name';

/**
 * Anchors, aliases and duplicate keys, found by walking the parsed nodes: nothing is resolved or expanded,
 * so an alias bomb costs no more than its own text.
 */
export function findRefusals(doc: LibraryDocument, text: string): Diagnostic[] {
  const { isAlias, isMap, isNode, isPair, isSeq } = yamlLibrary();
  const aliases: Diagnostic[] = [];
  const duplicates: Diagnostic[] = [];
  // One path, pushed and popped on the way down; copied only into a finding.
  const path: PathSegment[] = [];
  const walk = (node: unknown): void => {
    if (!isNode(node)) return;
    if (isAlias(node)) {
      aliases.push(refuse(`alias *${node.source}`, locOf(doc, node), [...path]));
      return;
    }
    if (node.anchor) aliases.push(refuse(`anchor &${node.anchor}`, anchorLoc(doc, node, text), [...path]));
    if (isMap(node)) {
      const seen = new Map<string, unknown>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, pair.key);
        else duplicates.push(duplicate(doc, key, first, pair.key, [...path]));
        walk(pair.key);
        path.push(key);
        walk(pair.value);
        path.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    } else if (isPair(node)) {
      walk(node.value);
    }
  };
  walk(doc.doc.contents);
  return [...duplicates, ...aliases.slice(0, MAX_ALIAS_FINDINGS)];
}

function refuse(what: string, at: SourceLoc, path: PathSegment[]): Diagnostic {
  return diagnostic('WL104', CODES.WL104.severity, `${what}: ${ALIAS_MESSAGE}`, at, {
    hint: 'Repeat the value where it is needed, or give it a name under "services" or "groups" and use the name.',
    path,
  });
}

/** The node's range starts after its `&name`; point at the anchor itself. */
function anchorLoc(doc: LibraryDocument, node: Node, text: string): SourceLoc {
  const start = node.range?.[0] ?? 0;
  const at = text.lastIndexOf(`&${node.anchor}`, start);
  if (at < 0) return locOf(doc, node);
  return { file: doc.file, range: rangeAt(doc.lineCounter, at, at + 1 + (node.anchor?.length ?? 0)) };
}

function duplicate(doc: LibraryDocument, key: string, first: unknown, second: unknown, path: PathSegment[]): Diagnostic {
  const where = path.length === 0 ? 'at the top level' : `in "${path.join('.')}"`;
  const firstLoc = locOf(doc, first);
  return diagnostic('WL103', CODES.WL103.severity, `duplicate key "${key}" ${where}; the first is on line ${firstLoc.range.start.line + 1}`, locOf(doc, second), {
    hint: 'A mapping holds each key once: remove one of them, merge them, or rename one.',
    related: [related(`first "${key}" here`, firstLoc)],
    path: [...path, key],
  });
}

/** Where a library node was written. */
function locOf(doc: LibraryDocument, node: unknown): SourceLoc {
  const range = yamlLibrary().isNode(node) ? node.range : undefined;
  if (!range) return { file: doc.file, range: NOWHERE };
  return { file: doc.file, range: rangeAt(doc.lineCounter, range[0], range[1]) };
}
