import { addressKey, parseAddress, parsePrefix, prefixBounds } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigLine } from '../reader.js';
import { parseService, type ServiceTerm } from './read-ace.js';

export type Family = 4 | 6;

/** One address range of a network object group, with the line that puts it there. */
export interface AddressMember {
  lo: bigint;
  hi: bigint;
  line: ConfigLine;
}

interface GroupBody<T> {
  header: ConfigLine;
  members: T[];
  /** Nested `group-object NAME` lines. */
  nested: { name: string; line: ConfigLine }[];
}

export interface NetworkGroup extends GroupBody<AddressMember> {
  family: Family;
}

export interface ServiceGroup extends GroupBody<{ term: ServiceTerm; line: ConfigLine }> {}

/** What a group's members resolve to once its nested groups are flattened. */
export interface ResolvedNetwork {
  set: iv.IntervalSet;
  members: AddressMember[];
}

/**
 * A member line of `object-group network` (`host A`, `A MASK` with a subnet mask, `A /LEN`, `range A B`, `any`) or of
 * `object-group v6-network` (`host X`, `X/LEN`, `range X Y`, `any`). Returns why not, when it is none of these.
 */
export function parseNetworkMember(words: string[], family: Family, line: ConfigLine): AddressMember | string {
  const [first, second, third] = words;
  const address = (text: string | undefined) => {
    const a = text === undefined ? undefined : parseAddress(text);
    return a && a.family === family ? addressKey(family, a.value) : undefined;
  };
  if (words.length === 1 && first === 'any') {
    const bits = family === 4 ? 32n : 128n;
    return { lo: addressKey(family, 0n), hi: addressKey(family, (1n << bits) - 1n), line };
  }
  if (words.length === 2 && first === 'host') {
    const key = address(second);
    return key === undefined ? `"${second}" is not an IPv${family} address` : { lo: key, hi: key, line };
  }
  if (words.length === 3 && first === 'range') {
    const [lo, hi] = [address(second), address(third)];
    if (lo === undefined || hi === undefined || lo > hi) return `range ${second} ${third} is not an IPv${family} range`;
    return { lo, hi, line };
  }
  const prefix = family === 6 ? (words.length === 1 ? first : undefined) : ipv4Prefix(words);
  if (prefix === undefined) return `not a member of an IPv${family} network group`;
  const parsed = parsePrefix(prefix);
  if ('error' in parsed || parsed.prefix.family !== family) return `"${words.join(' ')}" is not an IPv${family} prefix`;
  const [lo, hi] = prefixBounds(parsed.prefix);
  return { lo, hi, line };
}

/** `A 255.255.255.0` or `A /24` as `A/24`: a group takes a subnet mask, never a wildcard. */
function ipv4Prefix(words: string[]): string | undefined {
  const [addr, mask] = words;
  if (words.length !== 2 || addr === undefined || mask === undefined) return undefined;
  if (/^\/[0-9]{1,2}$/.test(mask)) return `${addr}${mask}`;
  const m = parseAddress(mask);
  if (!m || m.family !== 4) return undefined;
  for (let length = 0; length <= 32; length++) {
    if (((0xffffffffn << BigInt(32 - length)) & 0xffffffffn) === m.value) return `${addr}/${length}`;
  }
  return undefined;
}

/** A member line of `object-group service`: `tcp eq 443`, `udp range 1 2`, `tcp-udp eq 53`, `icmp echo`, `gre`. */
export function parseServiceMember(words: string[], line: ConfigLine): { term: ServiceTerm; line: ConfigLine }[] | string {
  const protos = words[0] === 'tcp-udp' ? ['tcp', 'udp'] : [words[0] ?? ''];
  const out: { term: ServiceTerm; line: ConfigLine }[] = [];
  for (const proto of protos) {
    // Read with IPv4 keywords: the reader takes service groups in IPv4 lists only.
    const term = parseService([proto, ...words.slice(1)], 4);
    if (typeof term === 'string') return term;
    out.push({ term, line });
  }
  return out;
}

/** Flattens network groups through their `group-object` lines; a group that nests itself contributes nothing more. */
export function resolveNetworks(groups: ReadonlyMap<string, NetworkGroup>): Map<string, ResolvedNetwork> {
  const resolved = new Map<string, ResolvedNetwork>();
  const visit = (name: string, seen: Set<string>): AddressMember[] => {
    const group = groups.get(name);
    if (!group || seen.has(name)) return [];
    seen.add(name);
    return [...group.members, ...group.nested.flatMap((n) => (groups.get(n.name)?.family === group.family ? visit(n.name, seen) : []))];
  };
  for (const name of groups.keys()) {
    const members = visit(name, new Set());
    resolved.set(name, { members, set: iv.fromIntervals(members.map((m) => [m.lo, m.hi] as const)) });
  }
  return resolved;
}

/** A service group's terms with its nested groups', in line order of each group. */
export function resolveServices(groups: ReadonlyMap<string, ServiceGroup>): Map<string, { term: ServiceTerm; line: ConfigLine }[]> {
  const visit = (name: string, seen: Set<string>): { term: ServiceTerm; line: ConfigLine }[] => {
    const group = groups.get(name);
    if (!group || seen.has(name)) return [];
    seen.add(name);
    return [...group.members, ...group.nested.flatMap((n) => visit(n.name, seen))];
  };
  return new Map([...groups.keys()].map((name) => [name, visit(name, new Set())]));
}
