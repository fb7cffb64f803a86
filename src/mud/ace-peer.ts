import { formatPrefix, parsePrefix } from '../net/address.js';
import type { Json, JsonObject } from './json-positions.js';
import type { Direction } from './mud-document.js';

export const ABSTRACTIONS = ['controller', 'my-controller', 'local-networks', 'same-manufacturer', 'manufacturer', 'model'] as const;
export type Abstraction = (typeof ABSTRACTIONS)[number];

/** The other end of an ACE: the device is always the group being imported. */
export type Peer =
  | { kind: 'any'; family: 4 | 6 }
  | { kind: 'network'; prefix: string }
  | { kind: 'dns'; name: string }
  | { kind: 'abstraction'; abstraction: Abstraction; value?: string };

export const peerKey = (p: Peer): string =>
  p.kind === 'any' ? `any/${p.family}` : p.kind === 'network' ? `net ${p.prefix}` : p.kind === 'dns' ? `dns ${p.name}` : `${p.abstraction} ${p.value ?? ''}`;

export const peerText = (p: Peer): string =>
  p.kind === 'any' ? `any IPv${p.family} address` : p.kind === 'network' ? p.prefix : p.kind === 'dns' ? `DNS name ${JSON.stringify(p.name)}` : p.value === undefined ? p.abstraction : `${p.abstraction} ${JSON.stringify(p.value)}`;

const IP_FIELDS = new Set(['protocol', 'destination-ipv4-network', 'source-ipv4-network', 'destination-ipv6-network', 'source-ipv6-network', 'ietf-acldns:dst-dnsname', 'ietf-acldns:src-dnsname']);
/** Addresses that never leave the link: with `local-networks` they say no more than the address does. */
const LINK_SCOPED = ['255.255.255.255/32', '224.0.0.0/4', 'ff00::/8'].map((t) => (parsePrefix(t) as { prefix: { family: number; network: bigint; length: number } }).prefix);

/** The peer an ACE names, from its `ietf-mud:mud` match and its IP fields, or why it cannot be one endpoint. */
export function acePeer(ip: JsonObject, family: 4 | 6, mud: Json | undefined, direction: Direction): Peer | { reason: string } {
  const [peerSide, deviceSide] = direction === 'from-device' ? ['destination', 'source'] : ['source', 'destination'];
  const [peerDns, deviceDns] = direction === 'from-device' ? ['dst', 'src'] : ['src', 'dst'];
  for (const key of Object.keys(ip)) if (!IP_FIELDS.has(key)) return { reason: `the ipv${family} match "${key}" has no counterpart in a wardline flow` };
  for (const key of [`${deviceSide}-ipv${family}-network`, `ietf-acldns:${deviceDns}-dnsname`]) {
    if (ip[key] !== undefined) return { reason: `"${key}" in a ${direction} ACL restricts the device's own address; the imported group is the device, so it has no counterpart` };
  }
  const otherFamily = family === 4 ? 6 : 4;
  if (ip[`${peerSide}-ipv${otherFamily}-network`] !== undefined) return { reason: `an IPv${otherFamily} network in an ipv${family} match` };
  const found: Peer[] = [];
  const network = ip[`${peerSide}-ipv${family}-network`];
  if (network !== undefined) {
    const parsed = typeof network === 'string' ? parsePrefix(network) : { error: 'not a string' };
    if ('error' in parsed || parsed.prefix.family !== family) return { reason: `"${peerSide}-ipv${family}-network" ${JSON.stringify(network)} is not an IPv${family} prefix` };
    found.push({ kind: 'network', prefix: formatPrefix(parsed.prefix) });
  }
  const dns = ip[`ietf-acldns:${peerDns}-dnsname`];
  if (dns !== undefined) {
    if (typeof dns !== 'string' || dns === '') return { reason: `"ietf-acldns:${peerDns}-dnsname" is not a name` };
    found.push({ kind: 'dns', name: dns.toLowerCase().replace(/\.$/, '') });
  }
  if (mud !== undefined) {
    const abstraction = mudAbstraction(mud);
    if ('reason' in abstraction) return abstraction;
    found.push(abstraction);
  }
  if (found.length === 0) return { kind: 'any', family };
  if (found.length === 1) return found[0]!;
  const net = found.find((p) => p.kind === 'network');
  const local = found.find((p) => p.kind === 'abstraction' && p.abstraction === 'local-networks');
  if (found.length === 2 && net && local && linkScoped(net.prefix)) return net;
  return { reason: `it names ${found.map(peerText).join(' and ')} at once, which is their intersection: a wardline endpoint cannot say that` };
}

function mudAbstraction(mud: Json): Peer | { reason: string } {
  const o = typeof mud === 'object' && mud !== null && !Array.isArray(mud) ? mud : undefined;
  const keys = o ? Object.keys(o) : [];
  if (!o || keys.length !== 1) return { reason: `the "ietf-mud:mud" match must name exactly one of ${ABSTRACTIONS.join(', ')}` };
  const key = keys[0]!;
  const abstraction = ABSTRACTIONS.find((a) => a === key);
  if (abstraction === undefined) return { reason: `the "ietf-mud:mud" match "${key}" is none of ${ABSTRACTIONS.join(', ')}` };
  const value = o[key];
  if (abstraction === 'controller' || abstraction === 'manufacturer' || abstraction === 'model') {
    if (typeof value !== 'string' || value === '') return { reason: `"${key}" needs a URI or name` };
    return { kind: 'abstraction', abstraction, value };
  }
  return { kind: 'abstraction', abstraction };
}

function linkScoped(prefix: string): boolean {
  const p = (parsePrefix(prefix) as { prefix: { family: number; network: bigint; length: number } }).prefix;
  return LINK_SCOPED.some((s) => s.family === p.family && p.length >= s.length && p.network >> BigInt((s.family === 4 ? 32 : 128) - s.length) === s.network >> BigInt((s.family === 4 ? 32 : 128) - s.length));
}
