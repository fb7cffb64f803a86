import { formatPrefix, type Family } from '../../net/address.js';
import { prefixesOf } from '../../net/address-set.js';
import * as svc from '../../net/service-set.js';
import { ICMP, ICMPV6, PORT_LAST, SCTP, TCP, UDP } from '../../net/service.js';
import type { FlowClass } from './group-flows.js';

/** RFC 8520 §2.1: which side opened the connection a TCP ACE is about. */
export type Direction = 'from-device' | 'to-device';

/** One ACE's `matches` (RFC 8519 §4.1 with the RFC 8520 §2.1 augmentation), as JSON. */
export type Matches = Record<string, Record<string, unknown>>;

/** The ACEs of one family: `from` for the from-device ACL, `to` for the to-device ACL. */
export interface FamilyAces {
  from: Matches[];
  to: Matches[];
  /** What MUD cannot say and so is left out (narrower, never wider): SCTP port ranges. */
  left: string[];
}

/**
 * Connections the device opens (`opens`) and connections opened to it (`opened`) as ACEs: each opening packet in the
 * opener's ACL, and its replies in the other one. TCP replies are exact (`direction-initiated`); UDP replies come from
 * the service's ports (mirrored source ports, as the stateless targets render them); an ICMP echo request gets its echo
 * reply; other protocols have no reply ACE (a MUD manager passes them statefully or not at all).
 */
export function familyAces(family: Family, opens: readonly FlowClass[], opened: readonly FlowClass[]): FamilyAces {
  const out: FamilyAces = { from: [], to: [], left: [] };
  for (const c of opens) classAces(family, c, 'from-device', out.from, out.to, out.left);
  for (const c of opened) classAces(family, c, 'to-device', out.to, out.from, out.left);
  return out;
}

function classAces(family: Family, c: FlowClass, opener: Direction, forward: Matches[], replies: Matches[], left: string[]): void {
  const l3 = family === 4 ? 'ipv4' : 'ipv6';
  // From the device the other side is the destination; towards it, the source.
  const ahead = opener === 'from-device' ? 'destination' : 'source';
  const back = opener === 'from-device' ? 'source' : 'destination';
  // A peer is a prefix (`destination-ipv4-network`) or a DNS name (`ietf-acldns:dst-dnsname`, RFC 8520 §8).
  const peers = [
    ...prefixesOf(c.addresses).map((p) => (end: string) => ({ [`${end}-${l3}-network`]: formatPrefix(p) })),
    ...c.names.map((fqdn) => (end: string) => ({ [`ietf-acldns:${end === 'destination' ? 'dst' : 'src'}-dnsname`]: fqdn })),
  ];
  for (const piece of servicePieces(family, c.services, left)) {
    for (const peer of peers) {
      forward.push({ [l3]: { protocol: piece.proto, ...peer(ahead) }, ...piece.forward(opener) });
      const reply = piece.reply?.(opener);
      if (reply) replies.push({ [l3]: { protocol: piece.replyProto ?? piece.proto, ...peer(back) }, ...reply });
    }
  }
}

interface Piece {
  proto: number;
  forward(opener: Direction): Matches;
  replyProto?: number;
  reply?(opener: Direction): Matches | undefined;
}

const ECHO_REQUEST: Record<Family, [number, number]> = { 4: [8, 0], 6: [128, 129] };

/** The service set as ACE pieces: one per protocol and port range (ICMP: per type, or type and code). */
function servicePieces(family: Family, services: svc.ServiceSet, left: string[]): Piece[] {
  const pieces: Piece[] = [];
  const icmp = family === 4 ? ICMP : ICMPV6;
  for (const { proto, lo, hi } of svc.serviceRanges(services)) {
    if (proto === TCP || proto === UDP) {
      const l4 = proto === TCP ? 'tcp' : 'udp';
      const tagged = (opener: Direction, m: Record<string, unknown>) => ({ [l4]: proto === TCP ? { ...m, 'ietf-mud:direction-initiated': opener } : m });
      const ports = portMatch(lo, hi);
      pieces.push({
        proto,
        forward: (opener) => tagged(opener, ports ? { 'destination-port': ports } : {}),
        reply: (opener) => tagged(opener, ports ? { 'source-port': ports } : {}),
      });
    } else if (proto === icmp) {
      pieces.push(...icmpPieces(proto, lo, hi, ECHO_REQUEST[family]));
    } else if (proto === ICMP || proto === ICMPV6) {
      // The other family's ICMP does not exist between these addresses (the simulator's universe leaves it out).
    } else if (proto === SCTP && (lo !== 0 || hi !== PORT_LAST)) {
      left.push(`sctp/${lo === hi ? lo : `${lo}-${hi}`}: RFC 8519 matches no SCTP ports`);
    } else {
      pieces.push({ proto, forward: () => ({}) });
    }
  }
  return pieces;
}

/** `eq` for one port, a range otherwise, nothing for every port (RFC 8519 §4.1, port-range-or-operator). */
function portMatch(lo: number, hi: number): Record<string, unknown> | undefined {
  if (lo === 0 && hi === PORT_LAST) return undefined;
  return lo === hi ? { operator: 'eq', port: lo } : { 'lower-port': lo, 'upper-port': hi };
}

/** ICMP's port dimension is type × 256 + code (net/service.ts): whole types as a type, the rest code by code. */
function icmpPieces(proto: number, lo: number, hi: number, [request, reply]: [number, number]): Piece[] {
  if (lo === 0 && hi === PORT_LAST) return [{ proto, forward: () => ({}) }];
  const pieces: Piece[] = [];
  for (let x = lo; x <= hi; ) {
    const type = x >> 8;
    const whole = x % 256 === 0 && x + 255 <= hi;
    const code = x % 256;
    const match = whole ? { type } : { type, code };
    const echo = type === request;
    pieces.push({
      proto,
      forward: () => ({ icmp: match }),
      ...(echo ? { replyProto: proto, reply: () => ({ icmp: whole ? { type: reply } : { type: reply, code } }) } : {}),
    });
    x += whole ? 256 : 1;
  }
  return pieces;
}
