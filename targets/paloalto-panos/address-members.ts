import { createHash } from 'node:crypto';
import type { AddressObject, Family } from '../../src/compile/ir.js';
import { OBJECT_NAME_MAX } from './escape.js';

/** What one PAN-OS address object holds: a prefix (`ip-netmask`) or a DNS name the device resolves (`fqdn`). */
export interface AddressValue {
  type: 'ip-netmask' | 'fqdn';
  value: string;
}

/** One address object per prefix or DNS name, for the members of objects of several. */
export interface MemberAddress extends AddressValue {
  name: string;
  family: Family;
}

export interface AddressPlan {
  /** Member objects to create, in order of first use. */
  members: MemberAddress[];
  /** For each IR object of several values: the names of its members, prefixes first, in order. */
  groups: Map<string, string[]>;
}

/** What an IR object holds, as address objects: its prefixes, then its DNS names. */
export function addressValues(o: AddressObject): AddressValue[] {
  return [...o.prefixes.map((value) => ({ type: 'ip-netmask' as const, value })), ...(o.fqdns ?? []).map((value) => ({ type: 'fqdn' as const, value }))];
}

/** `net-10-20-1-0_24`, `net-fd00-20--_64`: the prefix, spelled with characters every object name takes. */
export function prefixName(prefix: string): string {
  const [address, length] = prefix.split('/');
  return `net-${address!.replace(/[.:]/g, '-')}_${length}`;
}

// Room for the `-<n>` that tells apart two names spelled alike.
const MEMBER_NAME_MAX = OBJECT_NAME_MAX - 4;

/**
 * `fqdn-portal_cdn-vendor_example`: the DNS name with its dots as underscores (names take no dot); a name too long for
 * that keeps its start and a hash of the whole name.
 */
export function fqdnName(fqdn: string): string {
  const spelled = `fqdn-${fqdn.replace(/\./g, '_')}`;
  if (spelled.length <= MEMBER_NAME_MAX) return spelled;
  return `${spelled.slice(0, MEMBER_NAME_MAX - 9)}-${createHash('sha256').update(fqdn).digest('hex').slice(0, 8)}`;
}

const spelledName = (v: AddressValue) => (v.type === 'fqdn' ? fqdnName(v.value) : prefixName(v.value));

/**
 * Members of objects of several values reuse the IR's object of that one value where there is one, and otherwise get
 * one object per value, shared by every group that holds it. Names never collide with IR names.
 */
export function addressPlan(objects: AddressObject[]): AddressPlan {
  const key = (family: Family, v: AddressValue) => `${family} ${v.type} ${v.value}`;
  const byValue = new Map<string, string>();
  for (const o of objects) {
    const values = addressValues(o);
    if (values.length === 1 && !byValue.has(key(o.family, values[0]!))) byValue.set(key(o.family, values[0]!), o.name);
  }
  const taken = new Set(objects.map((o) => o.name));
  const members: MemberAddress[] = [];
  const groups = new Map<string, string[]>();
  for (const o of objects) {
    const values = addressValues(o);
    if (values.length < 2) continue;
    groups.set(
      o.name,
      values.map((v) => {
        const known = byValue.get(key(o.family, v));
        if (known) return known;
        let name = spelledName(v);
        for (let n = 2; taken.has(name); n++) name = `${spelledName(v)}-${n}`;
        taken.add(name);
        byValue.set(key(o.family, v), name);
        members.push({ name, family: o.family, ...v });
        return name;
      }),
    );
  }
  return { members, groups };
}
