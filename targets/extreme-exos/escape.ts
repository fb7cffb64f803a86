import { remembered } from '../../src/compile/ir-text.js';
/** Text after `#` on a comment line: one line of printable ASCII, cut to max with `...`. */
export const commentText = remembered(escapeComment);

function escapeComment(text: string, max: number): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3).trimEnd()}...`;
}

export const NAME_MAX = 32;

/**
 * EXOS object names (VLANs, policies) take letters, digits and `_` only, start with a letter, at most 32
 * characters; the IR's `-` becomes `_`, and a name that would then clash with another gets a number.
 */
export function exosNames(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...new Set(names)].sort()) {
    const base = (/^[A-Za-z]/.test(name) ? name : `n${name}`).replace(/[^A-Za-z0-9_]/g, '_').slice(0, NAME_MAX);
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, NAME_MAX - String(n).length - 1)}_${n}`;
    taken.add(candidate);
    out.set(name, candidate);
  }
  return out;
}
