import { createHash } from 'node:crypto';

/**
 * Object names every platform accepts: letters, digits, `_` and `-`, starting with a letter, at most 31
 * characters (the tightest limit among the targets). Longer names keep a readable head and a hash tail.
 */
export const NAME_MAX = 31;

export function safeName(raw: string, max = NAME_MAX): string {
  let name = raw.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `n${name}`;
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${name.slice(0, max - 9).replace(/[-_]+$/, '')}-${hash}`;
}

/** Hands out unique names: a second, different thing asking for a taken name gets a numbered one. */
export interface NameTable {
  claim(key: string, wanted: string): string;
}

export function nameTable(max = NAME_MAX): NameTable {
  const byKey = new Map<string, string>();
  const taken = new Set<string>();
  return {
    claim(key, wanted) {
      const known = byKey.get(key);
      if (known) return known;
      let name = safeName(wanted, max);
      for (let n = 2; taken.has(name); n++) name = safeName(`${wanted}-${n}`, max);
      taken.add(name);
      byKey.set(key, name);
      return name;
    },
  };
}
