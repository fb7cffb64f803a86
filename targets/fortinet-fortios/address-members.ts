import type { AddressObject, Family } from '../../src/compile/ir.js';

/** What one FortiOS address holds: a prefix (subnet / ip6) or a DNS name the FortiGate resolves (type fqdn). */
export interface AddressValue {
  kind: 'prefix' | 'fqdn';
  text: string;
}

/** One address object per prefix or name, for the members of groups. */
export interface MemberAddress {
  name: string;
  family: Family;
  value: AddressValue;
}

export interface AddressPlan {
  /** Member objects to create, in order of first use. */
  members: MemberAddress[];
  /** For each IR object of several values: the names of its members, prefixes in order, then names. */
  groups: Map<string, string[]>;
}

/** An IR object's values, each one FortiOS address: its prefixes, then the DNS names it holds. */
export function valuesOf(o: AddressObject): AddressValue[] {
  return [...o.prefixes.map((text) => ({ kind: 'prefix' as const, text })), ...(o.fqdns ?? []).map((text) => ({ kind: 'fqdn' as const, text }))];
}

// Room for a `-<n>` suffix within the 79 characters of an address name.
const FQDN_NAME_MAX = 72;

/**
 * `net-10-20-1-0_24`, `net-fd00-20--_64`: the prefix, spelled with characters every object name takes;
 * `fqdn-portal_cdn-vendor_example`: the DNS name, dots as underscores, cut to fit an address name.
 */
export function memberName(value: AddressValue): string {
  if (value.kind === 'fqdn') return `fqdn-${value.text.replace(/\./g, '_')}`.slice(0, FQDN_NAME_MAX);
  const [address, length] = value.text.split('/');
  return `net-${address!.replace(/[.:]/g, '-')}_${length}`;
}

/**
 * Members of groups reuse the IR's single-value object for the same prefix or name where there is one, and otherwise
 * get one object per prefix or name, shared by every group that holds it. Names never collide with IR names.
 */
export function addressPlan(objects: AddressObject[]): AddressPlan {
  const key = (family: Family, v: AddressValue) => `${family} ${v.kind} ${v.text}`;
  const byValue = new Map<string, string>();
  for (const o of objects) {
    const values = valuesOf(o);
    if (values.length === 1 && !byValue.has(key(o.family, values[0]!))) byValue.set(key(o.family, values[0]!), o.name);
  }
  const taken = new Set(objects.map((o) => o.name));
  const members: MemberAddress[] = [];
  const groups = new Map<string, string[]>();
  for (const o of objects) {
    const values = valuesOf(o);
    if (values.length < 2) continue;
    groups.set(
      o.name,
      values.map((value) => {
        const known = byValue.get(key(o.family, value));
        if (known) return known;
        let name = memberName(value);
        for (let n = 2; taken.has(name); n++) name = `${memberName(value)}-${n}`;
        taken.add(name);
        byValue.set(key(o.family, value), name);
        members.push({ name, family: o.family, value });
        return name;
      }),
    );
  }
  return { members, groups };
}
