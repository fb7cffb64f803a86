import { isMap, isScalar, isSeq } from 'yaml';
import { keyText } from './yaml-position.js';

/** JSON data as ajv sees it; objects have no prototype. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * The document as plain data for schema validation. Objects are made without a prototype, so keys such as
 * `__proto__` or `constructor` are ordinary data; aliases (refused earlier) become null and are never expanded.
 */
export function toPlain(doc: { doc: { contents: unknown } }): Plain {
  return plainOf(doc.doc.contents);
}

function plainOf(node: unknown): Plain {
  if (isMap(node)) {
    // Without a prototype there is no __proto__ setter: every key, __proto__ included, is an own data property.
    const out = Object.create(null) as { [key: string]: Plain };
    for (const pair of node.items) out[keyText(pair.key)] = plainOf(pair.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(plainOf);
  if (isScalar(node)) return scalarOf(node.value, node.source);
  return null;
}

/** Values JSON cannot hold (a YAML 1.1 date, binary) are passed on as written, so the schema judges the text. */
function scalarOf(value: unknown, source: string | undefined): Plain {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  return source ?? String(value);
}
