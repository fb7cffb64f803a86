import type { YamlNode } from './yaml-node.js';
import type { PathSegment } from './yaml-position.js';

/** JSON data as ajv sees it; objects have no prototype. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** A number written other than as a plain decimal (0x10, 0o17, 1e2, 120.0, 012, +12, .inf): where, and as written. */
export interface OtherNotation {
  path: PathSegment[];
  source: string;
  value: number;
}

/** How whole numbers are written in a policy: `0`, or digits without a leading zero, maybe negative. */
const PLAIN_DECIMAL = /^(?:0|-?[1-9][0-9]*)$/;

/**
 * The document as plain data for schema validation. Objects are made without a prototype, so keys such as
 * `__proto__` or `constructor` are ordinary data. Numbers in another notation than plain decimal are collected
 * into `notations` when given: YAML reads `vlan: 0x10` as 16, which is rarely what was meant.
 */
export function toPlain(doc: { doc: { contents: YamlNode | null } }, notations?: OtherNotation[]): Plain {
  const path: PathSegment[] = [];
  const plainOf = (node: YamlNode | null): Plain => {
    if (node === null) return null;
    switch (node.kind) {
      case 'map': {
        // Without a prototype there is no __proto__ setter: every key, __proto__ included, is an own data property.
        const out = Object.create(null) as { [key: string]: Plain };
        const { names, values } = node;
        for (let i = 0; i < names.length; i++) {
          path.push(names[i]!);
          out[names[i]!] = plainOf(values[i] ?? null);
          path.pop();
        }
        return out;
      }
      case 'seq':
        return node.items.map((item, i) => {
          path.push(i);
          const plain = plainOf(item);
          path.pop();
          return plain;
        });
      case 'scalar':
        if (notations && typeof node.value === 'number' && !PLAIN_DECIMAL.test(node.source)) {
          notations.push({ path: [...path], source: node.source, value: node.value });
        }
        return scalarOf(node.value, node.source);
      default:
        return null;
    }
  };
  return plainOf(doc.doc.contents);
}

/** Values JSON cannot hold (a YAML 1.1 date, binary) are passed on as written, so the schema judges the text. */
function scalarOf(value: unknown, source: string): Plain {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  return source || String(value);
}
