import type { AddressObject, Family } from '../../src/compile/ir.js';

/** One address object per prefix, for the members of multi-prefix groups. */
export interface MemberAddress {
  name: string;
  family: Family;
  prefix: string;
}

export interface AddressPlan {
  /** Member objects to create, in order of first use. */
  members: MemberAddress[];
  /** For each multi-prefix IR object: the names of its members, in prefix order. */
  groups: Map<string, string[]>;
}

/** `net-10-20-1-0_24`, `net-fd00-20--_64`: the prefix, spelled with characters every object name takes. */
export function prefixName(prefix: string): string {
  const [address, length] = prefix.split('/');
  return `net-${address!.replace(/[.:]/g, '-')}_${length}`;
}

/**
 * Members of multi-prefix objects reuse the IR's single-prefix object for the same prefix where there is one, and
 * otherwise get one object per prefix, shared by every group that holds it. Names never collide with IR names.
 */
export function addressPlan(objects: AddressObject[]): AddressPlan {
  const key = (family: Family, prefix: string) => `${family} ${prefix}`;
  const byPrefix = new Map<string, string>();
  for (const o of objects) {
    if (o.prefixes.length === 1 && !byPrefix.has(key(o.family, o.prefixes[0]!))) byPrefix.set(key(o.family, o.prefixes[0]!), o.name);
  }
  const taken = new Set(objects.map((o) => o.name));
  const members: MemberAddress[] = [];
  const groups = new Map<string, string[]>();
  for (const o of objects.filter((x) => x.prefixes.length > 1)) {
    groups.set(
      o.name,
      o.prefixes.map((prefix) => {
        const known = byPrefix.get(key(o.family, prefix));
        if (known) return known;
        let name = prefixName(prefix);
        for (let n = 2; taken.has(name); n++) name = `${prefixName(prefix)}-${n}`;
        taken.add(name);
        byPrefix.set(key(o.family, prefix), name);
        members.push({ name, family: o.family, prefix });
        return name;
      }),
    );
  }
  return { members, groups };
}
