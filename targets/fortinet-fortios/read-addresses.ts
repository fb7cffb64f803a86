import { addressKey, parseAddress, parsePrefix, prefixBounds, type Family } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigLine, ReadContext, UnknownLine } from '../reader.js';
import type { Block } from './read-syntax.js';
import { badField, one, tableOf, type Entry } from './read-table.js';

/** One piece of an address object: the addresses one line defines. */
interface Leaf {
  set: iv.IntervalSet;
  line: ConfigLine;
}

/** An address or group as resolved: its addresses, and the lines that define each part of them. */
export interface AddressObject {
  set: iv.IntervalSet;
  leaves: Leaf[];
}

/** Address objects of both families by name; the predefined `all` and `none` unless the config defines them. */
export type AddressBook = Record<Family, Map<string, AddressObject>>;

const COSMETIC = ['comment', 'uuid', 'color', 'visibility', 'fabric-object', 'allow-routing', 'associated-interface', 'tags'];
// cache-ttl only bounds how long the FortiGate keeps a resolved address: what the name stands for is the context's.
const ADDRESS = new Set([...COSMETIC, 'subnet', 'type', 'start-ip', 'end-ip', 'fqdn', 'cache-ttl']);
const ADDRESS6 = new Set([...COSMETIC, 'ip6', 'type', 'start-ip', 'end-ip', 'fqdn', 'cache-ttl']);
const GROUP = new Set([...COSMETIC, 'member', 'exclude', 'exclude-member', 'category', 'type']);

const FAMILY_ALL: Record<Family, iv.IntervalSet> = { 4: iv.single(0n, (1n << 32n) - 1n), 6: iv.single(1n << 32n, (1n << 32n) + (1n << 128n) - 1n) };
const keyOf = (text: string, family: Family) => {
  const a = parseAddress(text);
  return a && a.family === family ? addressKey(family, a.value) : undefined;
};

/** `10.0.0.0 255.255.0.0` or `10.0.0.0/16` (FortiOS takes both), the host bits masked off. */
function subnet(values: string[]): iv.IntervalSet | undefined {
  let text = values.join('/');
  if (values.length === 2) {
    const mask = parseAddress(values[1]!);
    if (!mask || mask.family !== 4) return undefined;
    const length = mask.value.toString(2).padStart(32, '0').indexOf('0');
    const len = length < 0 ? 32 : length;
    if (mask.value !== ((1n << 32n) - 1n) - ((1n << BigInt(32 - len)) - 1n)) return undefined;
    text = `${values[0]}/${len}`;
  }
  const p = parsePrefix(text);
  if ('error' in p || p.prefix.family !== 4) return undefined;
  return iv.single(...prefixBounds(p.prefix));
}

function prefix6(values: string[]): iv.IntervalSet | undefined {
  const p = values.length === 1 ? parsePrefix(values[0]!) : undefined;
  if (!p || 'error' in p || p.prefix.family !== 6) return undefined;
  return iv.single(...prefixBounds(p.prefix));
}

/**
 * A `type fqdn` entry: the addresses of its family that the policy says the name stands for (`context.resolve`). The
 * FortiGate resolves it at run time, so without a context, or for a name the policy does not have, it is not read.
 */
function fqdnAddress(entry: Entry, family: Family, unknown: UnknownLine[], context: ReadContext | undefined): AddressObject {
  const nothing: AddressObject = { set: iv.EMPTY, leaves: [] };
  const text = one(entry, 'fqdn');
  if (text === undefined) {
    badField(entry, 'type', 'an fqdn address needs one DNS name in "set fqdn"', unknown);
    return nothing;
  }
  // DNS names are case-insensitive, and a final dot names the same name.
  const name = text.toLowerCase().replace(/\.$/, '');
  const resolved = context?.resolve(name);
  if (!resolved) {
    const why = context ? 'is not a DNS name of the policy' : 'has no policy to say what it stands for';
    badField(entry, 'fqdn', `fqdn address "${name}" resolves on the FortiGate at run time and ${why}: not evaluated`, unknown);
    return nothing;
  }
  const set = iv.intersect(resolved, FAMILY_ALL[family]);
  return { set, leaves: [{ set, line: entry.fields.get('fqdn')!.lines.at(-1)! }] };
}

/** One `firewall address` / `address6` entry: ipmask/ipprefix (the default, all addresses when unset), iprange or fqdn. */
function address(entry: Entry, family: Family, unknown: UnknownLine[], context: ReadContext | undefined): AddressObject {
  const type = one(entry, 'type') ?? (family === 4 ? 'ipmask' : 'ipprefix');
  const nothing: AddressObject = { set: iv.EMPTY, leaves: [] };
  if (type === 'fqdn') return fqdnAddress(entry, family, unknown, context);
  if (type === 'iprange') {
    const lo = keyOf(one(entry, 'start-ip') ?? '', family);
    const hi = keyOf(one(entry, 'end-ip') ?? '', family) ?? lo;
    if (lo === undefined || hi === undefined || hi < lo) {
      badField(entry, 'start-ip', 'an iprange address needs start-ip (and end-ip) of its family, in order', unknown);
      return nothing;
    }
    const line = entry.fields.get('start-ip')!.lines.at(-1)!;
    return { set: iv.single(lo, hi), leaves: [{ set: iv.single(lo, hi), line }] };
  }
  if (type !== (family === 4 ? 'ipmask' : 'ipprefix')) {
    badField(entry, 'type', `address type "${type}" is not evaluated (only ${family === 4 ? 'ipmask' : 'ipprefix'}, iprange and fqdn)`, unknown);
    return nothing;
  }
  const key = family === 4 ? 'subnet' : 'ip6';
  const field = entry.fields.get(key);
  if (!field) return { set: FAMILY_ALL[family], leaves: [{ set: FAMILY_ALL[family], line: entry.line }] };
  const set = family === 4 ? subnet(field.values) : prefix6(field.values);
  if (!set) {
    badField(entry, key, `not an IPv${family} ${family === 4 ? 'address and mask' : 'prefix'}`, unknown);
    return nothing;
  }
  return { set, leaves: [{ set, line: field.lines.at(-1)! }] };
}

/**
 * Address objects and groups of both families, each group resolved through its members (nested groups included);
 * `context` says what the DNS names of fqdn addresses stand for.
 */
export function readAddresses(blocks: readonly Block[], unknown: UnknownLine[], context?: ReadContext): AddressBook {
  const book: AddressBook = { 4: new Map(), 6: new Map() };
  for (const family of [4, 6] as const) {
    const suffix = family === 4 ? '' : '6';
    const objects = book[family];
    objects.set('all', { set: FAMILY_ALL[family], leaves: [] });
    objects.set('none', { set: iv.single(...prefixBounds({ family, network: 0n, length: family === 4 ? 32 : 128 })), leaves: [] });
    for (const entry of tableOf(blocks, `firewall address${suffix}`, family === 4 ? ADDRESS : ADDRESS6, unknown)) {
      objects.set(entry.name, address(entry, family, unknown, context));
    }
    const groups = new Map(tableOf(blocks, `firewall addrgrp${suffix}`, GROUP, unknown).map((g) => [g.name, g]));
    const resolving = new Set<string>();
    const resolve = (name: string): AddressObject | undefined => {
      const done = objects.get(name);
      if (done) return done;
      const group = groups.get(name);
      if (!group || resolving.has(name)) return undefined;
      resolving.add(name);
      const part = (key: string) => {
        let set = iv.EMPTY;
        const leaves: Leaf[] = [];
        for (const member of group.fields.get(key)?.values ?? []) {
          const got = resolve(member);
          if (!got) {
            badField(group, key, `member "${member}" is not an IPv${family} address or group of this config (or names itself)`, unknown);
            continue;
          }
          set = iv.union(set, got.set);
          leaves.push(...(got.leaves.length ? got.leaves : [{ set: got.set, line: group.fields.get(key)!.lines[0]! }]));
        }
        return { set, leaves };
      };
      const members = part('member');
      const exclude = one(group, 'exclude') === 'enable' ? part('exclude-member').set : iv.EMPTY;
      const object = { set: iv.subtract(members.set, exclude), leaves: members.leaves };
      objects.set(name, object);
      resolving.delete(name);
      return object;
    };
    for (const name of groups.keys()) resolve(name);
  }
  return book;
}

/** The lines that put `key` in the object: the defining line of each part holding it. */
export function linesHolding(object: AddressObject, key: bigint): ConfigLine[] {
  return object.leaves.filter((l) => iv.contains(l.set, key)).map((l) => l.line);
}
