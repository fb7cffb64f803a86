import type { YamlNode } from './yaml-node.js';

/** JSON data as ajv sees it; objects have no prototype. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * The document as plain data for schema validation. Objects are made without a prototype, so keys such as
 * `__proto__` or `constructor` are ordinary data.
 */
export function toPlain(doc: { doc: { contents: YamlNode | null } }): Plain {
  return plainOf(doc.doc.contents);
}

function plainOf(node: YamlNode | null): Plain {
  if (node === null) return null;
  switch (node.kind) {
    case 'map': {
      // Without a prototype there is no __proto__ setter: every key, __proto__ included, is an own data property.
      const out = Object.create(null) as { [key: string]: Plain };
      const { names, values } = node;
      for (let i = 0; i < names.length; i++) out[names[i]!] = plainOf(values[i] ?? null);
      return out;
    }
    case 'seq':
      return node.items.map(plainOf);
    case 'scalar':
      return scalarOf(node.value, node.source);
    default:
      return null;
  }
}

/** Values JSON cannot hold (a YAML 1.1 date, binary) are passed on as written, so the schema judges the text. */
function scalarOf(value: unknown, source: string): Plain {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  return source || String(value);
}
