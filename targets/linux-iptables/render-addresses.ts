import type { AddressObject } from '../../src/compile/ir.js';
import { identifier } from './escape.js';

/** iptables-restore refuses an argument of 1024 characters or more; a prefix list stays well under. */
export const ADDRESS_LIST_MAX = 1000;

/**
 * Comma-separated prefix lists for `-s`/`-d`, each short enough for one argument; `['']` for any address, and
 * none for an empty list, which matches nothing.
 */
export type AddressLists = (names: string[]) => string[];

export function addressLists(objects: readonly AddressObject[]): AddressLists {
  const byName = new Map(objects.map((o) => [o.name, o.prefixes]));
  return (names) => {
    if (names.includes('any')) return [''];
    const prefixes = names.flatMap((n) => {
      const list = byName.get(identifier(n));
      if (!list) throw new Error(`linux-iptables: rule names object ${n}, which the program does not define`);
      return list;
    });
    return chunk(prefixes);
  };
}

function chunk(prefixes: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const p of prefixes) {
    if (current && current.length + 1 + p.length > ADDRESS_LIST_MAX) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${p}` : p;
  }
  if (current) out.push(current);
  return out;
}
