import { addressKey, formatKey, prefixBounds, type Prefix } from '../net/address.js';
import { formatAddressSet } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import type { SourceLoc } from './source.js';
import type { ExternalName, Policy, WrittenPrefix } from './policy.js';

/**
 * Where the simulator keeps the names it cannot resolve. An external known only by its DNS name stands for whatever the
 * name resolves to: an address no other endpoint of the policy names. The model gives it one such address per family,
 * its stand-ins, from blocks no host can have: 240.0.0.0/8 (reserved, RFC 1112: never routed) and 100::/64 (the
 * discard-only prefix, RFC 6666). Both sit away from the start of their family's addresses, so examples of `external`
 * (the first addresses in no zone) keep showing a public address. Every proof then covers the name like any address: `any` and `external` hold it,
 * a literal prefix does not (a rule for 203.0.113.0/24 says nothing of a name), and only a platform with FQDN objects
 * can match it (WL713 elsewhere). Policies may not name addresses in these blocks (WL414).
 */
export const STAND_IN_BLOCKS: readonly Prefix[] = [
  { family: 4, network: 0xf0000000n, length: 8 },
  { family: 6, network: 0x0100n << 112n, length: 64 },
];

/** Where a name's addresses come from: the external's own `addresses:`, `dns:` entries (a --resolve file), or nowhere. */
export type AddressSource = { kind: 'policy' | 'dns'; loc: SourceLoc };

export interface DnsNames {
  /** The externals by name, in name order. */
  all: readonly ExternalName[];
  /** The addresses an external stands for: what the policy says it resolves to, else its two stand-ins. */
  set(name: string): IntervalSet;
  /** True when the policy gives the name's addresses (its own or a `dns:` entry); false: it stands for whatever DNS says. */
  resolved(name: string): boolean;
  /** Where its addresses are written (empty when it has none). */
  sources(name: string): AddressSource[];
  /** The external with this fqdn, lower case without a final dot. */
  byFqdn(fqdn: string): ExternalName | undefined;
  /** The external a stand-in address stands for. */
  standIn(key: bigint): ExternalName | undefined;
  /** Every stand-in address in use, one interval each. */
  standIns: IntervalSet;
  /** An address as answers show it: the name for a stand-in (whatever it resolves to), else the address. */
  keyText(key: bigint): string;
  /** A set as answers show it: its prefixes, and the names of the stand-ins alone in their interval. */
  setText(set: IntervalSet): string;
}

export function buildDnsNames(policy: Policy): DnsNames {
  const all = [...policy.externals.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resolutions = new Map<string, WrittenPrefix[]>();
  for (const r of policy.resolutions) {
    const list = resolutions.get(r.fqdn.value);
    if (list) list.push(...r.addresses);
    else resolutions.set(r.fqdn.value, [...r.addresses]);
  }
  const sets = new Map<string, IntervalSet>();
  const sourcesOf = new Map<string, AddressSource[]>();
  const standIns = new Map<bigint, ExternalName>();
  const byFqdn = new Map<string, ExternalName>();
  all.forEach((e, i) => {
    if (!byFqdn.has(e.fqdn.value)) byFqdn.set(e.fqdn.value, e);
    const dns = resolutions.get(e.fqdn.value) ?? [];
    const written = [...e.addresses, ...dns];
    sourcesOf.set(e.name, [...e.addresses.map((p) => ({ kind: 'policy' as const, loc: p.loc })), ...dns.map((p) => ({ kind: 'dns' as const, loc: p.loc }))]);
    if (written.length > 0) {
      sets.set(e.name, iv.fromIntervals(written.map((p) => prefixBounds(p.prefix))));
      return;
    }
    // Odd offsets, so the stand-ins of two names never join into one range.
    const keys = STAND_IN_BLOCKS.map((b) => addressKey(b.family, b.network + 2n * BigInt(i) + 1n));
    for (const k of keys) standIns.set(k, e);
    sets.set(e.name, iv.fromIntervals(keys.map((k) => [k, k] as [bigint, bigint])));
  });
  const standInSet = iv.fromIntervals([...standIns.keys()].map((k) => [k, k] as [bigint, bigint]));
  return {
    all,
    set: (name) => sets.get(name) ?? iv.EMPTY,
    resolved: (name) => (sourcesOf.get(name)?.length ?? 0) > 0,
    sources: (name) => sourcesOf.get(name) ?? [],
    byFqdn: (fqdn) => byFqdn.get(fqdn),
    standIn: (key) => standIns.get(key),
    standIns: standInSet,
    keyText: (key) => {
      const e = standIns.get(key);
      return e ? e.fqdn.value : formatKey(key);
    },
    setText: (set) => {
      const named = standIns.size === 0 ? [] : set.filter(([lo, hi]) => lo === hi && standIns.has(lo));
      if (named.length === 0) return formatAddressSet(set);
      const fqdns = [...new Set(named.map(([k]) => standIns.get(k)!.fqdn.value))].sort();
      const rest = iv.subtract(set, iv.fromIntervals(named));
      return [...(iv.isEmpty(rest) ? [] : [formatAddressSet(rest)]), ...fqdns].join(', ');
    },
  };
}

/** The blocks of stand-in addresses, as one set. */
export const STAND_IN_SET: IntervalSet = iv.fromIntervals(STAND_IN_BLOCKS.map((b) => prefixBounds(b)));
