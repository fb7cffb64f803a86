import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';

/** The parts of a parsed YAML tree that wardline reads, as plain data, for comparing two parsers. */
export function shapeOf(node: unknown): unknown {
  if (isMap(node) || isSeq(node)) {
    return { kind: isMap(node) ? 'map' : 'seq', flow: Boolean(node.flow), range: node.range, anchor: node.anchor, tag: node.tag, items: node.items.map(shapeOf) };
  }
  if (isPair(node)) return { key: shapeOf(node.key), value: shapeOf(node.value) };
  if (isScalar(node)) {
    return { value: node.value, source: node.source, type: node.type, range: node.range, anchor: node.anchor, tag: node.tag, format: node.format };
  }
  return { other: String(node) };
}

/** What the yaml library makes of `text` with wardline's options, or undefined when it reports anything. */
export function libraryShape(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, schema: 'core', merge: false });
  if (doc.errors.length || doc.warnings.length) return undefined;
  return shapeOf(doc.contents);
}
