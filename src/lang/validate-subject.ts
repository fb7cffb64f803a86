import { quote } from '../model/quoted.js';
import type { Plain } from './load-plain.js';
import type { PathSegment } from './yaml-position.js';

// Keyed by what the file says: Maps, so a key such as `constructor` finds nothing.
const NAMED_SECTIONS = new Map([['zones', 'zone'], ['groups', 'group'], ['services', 'service'], ['enforcement', 'enforcement point']]);
const LIST_SECTIONS = new Map([['flows', 'flow'], ['guardrails', 'guardrail'], ['expect', 'expectation']]);

/** The value at a path of plain data, or undefined. */
export function valueAt(root: Plain, path: readonly PathSegment[]): Plain | undefined {
  let value: Plain | undefined = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value) ? value[Number(segment)] : Object.hasOwn(value, segment) ? value[segment] : undefined;
  }
  return value;
}

/** What a person calls the thing at a path: `zone "ward-a"`, `flow "pumps-out"`, `expectation 3`, `"zones"`. */
export function ownerName(root: Plain, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file';
  const section = String(path[0]);
  if (path.length === 1) return `"${section}"`;
  const key = path[1]!;
  const named = NAMED_SECTIONS.get(section);
  if (named) return `${named} "${key}"`;
  const listed = LIST_SECTIONS.get(section);
  if (!listed) return `"${section}"`;
  const id = valueAt(root, [section, key, 'id']);
  return typeof id === 'string' && id !== '' ? `${listed} "${id}"` : `${listed} ${Number(key) + 1}`;
}

/** The thing at a path with its owner: `"vlan" of zone "ward-a"`, `"never.from[1]" of guardrail "g"`. */
export function subjectName(root: Plain, path: readonly PathSegment[]): string {
  const owned = path.length >= 2 ? 2 : path.length;
  const rest = path.slice(owned);
  const owner = ownerName(root, path.slice(0, owned));
  return rest.length === 0 ? owner : `"${dotted(rest)}" of ${owner}`;
}

export function dotted(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** A value as a message shows it: kind and, for scalars, the value itself (escaped, shortened). */
export function describeValue(value: Plain | undefined): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text (${quote(value)})`;
  if (typeof value === 'number') return `the number ${value}`;
  return `\`${value}\``;
}
