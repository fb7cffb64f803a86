import { isAlias, isCollection, isScalar, parseDocument, visit } from 'yaml';
import { fromLibrary } from '../../src/lang/yaml-node.js';

/** What the yaml library makes of `text` with wardline's options, as wardline's nodes, or undefined when it reports anything. */
export function libraryShape(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, schema: 'core', merge: false });
  if (doc.errors.length || doc.warnings.length) return undefined;
  // Anchors, aliases and tags do not survive the conversion: a reader that missed one must not pass unnoticed.
  const marks: string[] = [];
  visit(doc, (_key, node) => {
    if (isAlias(node)) marks.push(`alias ${node.source}`);
    else if ((isScalar(node) || isCollection(node)) && (node.anchor || node.tag)) marks.push(`anchor ${node.anchor} tag ${node.tag}`);
  });
  return marks.length > 0 ? { marks } : fromLibrary(doc.contents);
}
