import { parsePrefix, prefixContains, type Prefix } from '../../src/net/address.js';

/** A connection one side opens: the device (`from-device`) to `peer`, or `peer` to the device (`to-device`). */
export interface Connection {
  opener: 'from-device' | 'to-device';
  /** The other side's address, as text. */
  peer: string;
  proto: number;
  /** Destination port (TCP, UDP), or ICMP type × 256 + code. */
  port: number;
  /** The opener's source port (ephemeral). */
  sourcePort: number;
}

type Json = Record<string, any>;
interface Packet { towards: 'from-device' | 'to-device'; peer: Prefix; proto: number; sport: number; dport: number; icmp?: [number, number]; opener: string }
/** What each DNS name resolves to, as the MUD manager's resolver answers (addresses as text). A name it lacks matches nothing. */
export type Resolver = Record<string, readonly string[]>;

/**
 * Reads a MUD file as a MUD manager would, independently of the exporter: a packet passes when an ACE of the ACL of its
 * direction matches it (RFC 8519 §4.1; TCP ACEs with direction-initiated only for connections opened that way). A
 * connection passes when its opening packet and its reply (TCP, UDP: ports swapped; ICMP echo: the echo reply) do.
 * An ACE naming a DNS name (RFC 8520 §8) matches the addresses `dns` gives for it.
 */
export function mudAllows(doc: Json, c: Connection, dns: Resolver = {}): boolean {
  const family = c.peer.includes(':') ? 6 : 4;
  const peer = parsePrefix(`${c.peer}/${family === 4 ? 32 : 128}`);
  if ('error' in peer) throw new Error(peer.error);
  const icmpProto = family === 4 ? 1 : 58;
  const echo = family === 4 ? [8, 0] : [128, 129];
  const isIcmp = c.proto === icmpProto;
  const opening: Packet = { towards: c.opener, peer: peer.prefix, proto: c.proto, sport: c.sourcePort, dport: c.port, opener: c.opener, ...(isIcmp ? { icmp: [c.port >> 8, c.port % 256] as [number, number] } : {}) };
  if (!passes(doc, family, opening, dns)) return false;
  const back = c.opener === 'from-device' ? 'to-device' : 'from-device';
  if (c.proto === 6 || c.proto === 17) return passes(doc, family, { ...opening, towards: back, sport: c.port, dport: c.sourcePort }, dns);
  if (isIcmp && c.port >> 8 === echo[0]) return passes(doc, family, { ...opening, towards: back, icmp: [echo[1]!, c.port % 256] }, dns);
  return true;
}

function passes(doc: Json, family: 4 | 6, p: Packet, dns: Resolver): boolean {
  const mud = doc['ietf-mud:mud'];
  const policy = mud[p.towards === 'from-device' ? 'from-device-policy' : 'to-device-policy'];
  const names = new Set<string>((policy?.acls?.['access-list'] ?? []).map((a: Json) => a.name));
  const acls: Json[] = (doc['ietf-access-control-list:acls']?.acl ?? []).filter((a: Json) => names.has(a.name));
  return acls.some((acl) => (acl.aces?.ace ?? []).some((ace: Json) => ace.actions.forwarding === 'accept' && aceMatches(ace.matches, family, p, dns)));
}

function aceMatches(m: Json, family: 4 | 6, p: Packet, dns: Resolver): boolean {
  const l3 = m[family === 4 ? 'ipv4' : 'ipv6'];
  if (!l3 || m[family === 4 ? 'ipv6' : 'ipv4']) return false;
  if (l3.protocol !== undefined && l3.protocol !== p.proto) return false;
  // From the device the peer is the destination; towards it, the source. The device's own side is never named.
  const [peerEnd, ownEnd] = p.towards === 'from-device' ? ['destination', 'source'] : ['source', 'destination'];
  const v = `ipv${family}`;
  if (l3[`${ownEnd}-${v}-network`] !== undefined || l3[`ietf-acldns:${ownEnd === 'source' ? 'src' : 'dst'}-dnsname`] !== undefined) return false;
  const name = l3[`ietf-acldns:${peerEnd === 'source' ? 'src' : 'dst'}-dnsname`];
  if (name !== undefined) {
    const held = (dns[name] ?? []).map((a) => parsePrefix(a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`));
    if (!held.some((h) => !('error' in h) && prefixContains(h.prefix, p.peer))) return false;
  }
  const net = l3[`${peerEnd}-${v}-network`];
  if (net !== undefined) {
    const parsed = parsePrefix(net);
    if ('error' in parsed || !prefixContains(parsed.prefix, p.peer)) return false;
  }
  if (m.tcp) {
    if (p.proto !== 6) return false;
    const d = m.tcp['ietf-mud:direction-initiated'];
    if (d !== undefined && d !== p.opener) return false;
    return portOk(m.tcp['source-port'], p.sport) && portOk(m.tcp['destination-port'], p.dport);
  }
  if (m.udp) return p.proto === 17 && portOk(m.udp['source-port'], p.sport) && portOk(m.udp['destination-port'], p.dport);
  if (m.icmp) return p.icmp !== undefined && (m.icmp.type === undefined || m.icmp.type === p.icmp[0]) && (m.icmp.code === undefined || m.icmp.code === p.icmp[1]);
  return true;
}

function portOk(match: Json | undefined, port: number): boolean {
  if (!match) return true;
  if (match['lower-port'] !== undefined) return match['lower-port'] <= port && port <= match['upper-port'];
  switch (match.operator ?? 'eq') {
    case 'eq': return port === match.port;
    case 'lte': return port <= match.port;
    case 'gte': return port >= match.port;
    case 'neq': return port !== match.port;
  }
  return false;
}
