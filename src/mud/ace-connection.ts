import { formatServiceRange, ICMP, ICMPV6, parseServiceSpec, PORT_LAST, TCP, UDP } from '../net/service.js';
import { acePeer, type Peer } from './ace-peer.js';
import type { Json, JsonObject } from './json-positions.js';
import { identity, type MudAce } from './mud-document.js';

/**
 * What an ACE allows, as wardline says it: a connection opened by the device or by its peer, on services of the
 * side that answers. `reply` marks an ACE that matches only the answers of such a connection (its other half
 * must be another ACE, in the other direction).
 */
export interface Connection {
  initiator: 'device' | 'peer';
  peer: Peer;
  proto: number | 'any';
  /** Inline specs, each a range of the responder's ports (or ICMP type/code). */
  services: string[];
  reply: boolean;
}

const ETHERTYPES: Record<string, string> = { '0x888e': 'EAPOL, 802.1X', '0x0806': 'ARP', '0x88cc': 'LLDP', '0x86dd': 'IPv6', '0x0800': 'IPv4' };
const L4 = new Set(['tcp', 'udp', 'icmp']);
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const refuse = (reason: string) => ({ reason });

export function aceConnection(ace: MudAce): Connection | { reason: string } {
  const forwarding = identity(isObject(ace.actions) ? ace.actions.forwarding : undefined);
  if (forwarding !== 'accept') return refuse(`forwarding ${JSON.stringify(forwarding ?? null)}: only "accept" ACEs are intents (wardline denies by default)`);
  const m = ace.matches;
  const ipKeys = ['ipv4', 'ipv6'].filter((k) => m[k] !== undefined);
  if (ipKeys.length === 0) {
    const eth = m.eth;
    const type = isObject(eth) && typeof eth.ethertype === 'string' ? eth.ethertype.toLowerCase() : undefined;
    const named = type === undefined ? '' : ` (ethertype ${type}${ETHERTYPES[type] ? `, ${ETHERTYPES[type]}` : ''})`;
    return refuse(`an Ethernet ${ace.aclType === 'ethernet-acl-type' || ace.aclType === 'eth-acl-type' ? 'ACL' : 'match'}${named}: wardline intents are IP flows`);
  }
  if (ipKeys.length > 1) return refuse('both ipv4 and ipv6 matches');
  const family = ipKeys[0] === 'ipv4' ? 4 : 6;
  const ip = m[ipKeys[0]!];
  if (!isObject(ip)) return refuse(`the ${ipKeys[0]} match is not an object`);
  for (const key of Object.keys(m)) {
    if (key !== 'ipv4' && key !== 'ipv6' && key !== 'eth' && key !== 'ietf-mud:mud' && !L4.has(key)) return refuse(`the match "${key}" has no counterpart in a wardline flow`);
  }
  if (m.eth !== undefined && !impliedEthernet(m.eth, family, ip)) return refuse('an Ethernet match beside the IP one (other than the ethertype of the family, or the broadcast MAC of a broadcast): wardline matches IP only');
  const peer = acePeer(ip, family, m['ietf-mud:mud'], ace.direction);
  if ('reason' in peer) return peer;
  const l4 = [...L4].filter((k) => m[k] !== undefined);
  if (l4.length > 1) return refuse(`matches ${l4.join(' and ')} at once`);
  const declared = ip.protocol;
  if (declared !== undefined && (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0 || declared > 255)) return refuse(`protocol ${JSON.stringify(declared)} is not a number 0-255`);
  const l4Proto = l4[0] === 'tcp' ? TCP : l4[0] === 'udp' ? UDP : l4[0] === 'icmp' ? (family === 4 ? ICMP : ICMPV6) : undefined;
  if (declared !== undefined && l4Proto !== undefined && declared !== l4Proto) return refuse(`protocol ${declared} with a ${l4[0]} match`);
  const proto: number | 'any' = typeof declared === 'number' ? declared : (l4Proto ?? 'any');
  const sender = ace.direction === 'from-device' ? 'device' : 'peer';
  const receiver = sender === 'device' ? 'peer' : 'device';
  if (proto === 'any') return { initiator: sender, peer, proto, services: ['any'], reply: false };
  if (proto === TCP || proto === UDP) {
    const ports = isObject(m[l4[0] ?? '']) ? (m[l4[0]!] as JsonObject) : (Object.create(null) as JsonObject);
    return portConnection(proto, ports, sender, receiver, peer);
  }
  if (proto === ICMP || proto === ICMPV6) return icmpConnection(proto, m.icmp, sender, receiver, peer);
  // What no filter matches alike everywhere (0, HOPOPT: MLD reports to ff00::/8 carry it; IPv6 extension headers) is refused by check (WL508).
  const generic = parseServiceSpec(`proto/${proto}`);
  if ('error' in generic) return refuse(`${generic.error}; wardline refuses it (WL508)`);
  return { initiator: sender, peer, proto, services: [generic.text], reply: false };
}

function portConnection(proto: number, l4: JsonObject, sender: Connection['initiator'], receiver: Connection['initiator'], peer: Peer): Connection | { reason: string } {
  const name = proto === TCP ? 'tcp' : 'udp';
  for (const key of Object.keys(l4)) {
    if (key !== 'source-port' && key !== 'destination-port' && key !== 'ietf-mud:direction-initiated') return refuse(`the ${name} match "${key}" has no counterpart in a wardline flow`);
  }
  const src = l4['source-port'] === undefined ? undefined : portRanges(l4['source-port']);
  const dst = l4['destination-port'] === undefined ? undefined : portRanges(l4['destination-port']);
  for (const r of [src, dst]) if (r !== undefined && 'reason' in r) return r;
  const initiated = l4['ietf-mud:direction-initiated'];
  if (initiated !== undefined && initiated !== 'from-device' && initiated !== 'to-device') return refuse(`direction-initiated ${JSON.stringify(initiated)} is neither from-device nor to-device`);
  if (src !== undefined && dst !== undefined) return refuse('both a source and a destination port: a wardline service names the port of the side that answers only');
  const initiator = initiated === undefined ? (src !== undefined ? receiver : sender) : initiated === 'from-device' ? 'device' : 'peer';
  const reply = initiator !== sender;
  // A forward packet goes to the responder's port; a reply comes from it. The other port is the initiator's own.
  const own = reply ? dst : src;
  if (own !== undefined) return refuse(`direction-initiated ${initiated} with a ${reply ? 'destination' : 'source'} port: that is the port of the side that opens the connection, which a wardline service does not name`);
  const ranges = ((reply ? src : dst) ?? { ranges: [[0, PORT_LAST]] as [number, number][] }) as { ranges: [number, number][] };
  return { initiator, peer, proto, services: ranges.ranges.map(([lo, hi]) => formatServiceRange(proto, lo, hi)), reply };
}

/** RFC 8519's port-range-or-operator: eq, neq, lt/lte, gt/gte (eq when absent), or lower-port/upper-port. */
export function portRanges(v: Json): { ranges: [number, number][] } | { reason: string } {
  if (!isObject(v)) return refuse('a port match that is not an object');
  const port = (p: Json | undefined) => (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= PORT_LAST ? p : undefined);
  const keep = (ranges: [number, number][]) => {
    const usable = ranges.map(([lo, hi]) => [Math.max(lo, 1), hi] as [number, number]).filter(([lo, hi]) => lo <= hi);
    return usable.length > 0 ? { ranges: usable } : refuse(`${JSON.stringify(v)} matches only port 0, which no wardline service names`);
  };
  if (v['lower-port'] !== undefined || v['upper-port'] !== undefined) {
    const [lo, hi] = [port(v['lower-port']), port(v['upper-port'])];
    if (lo === undefined || hi === undefined || lo > hi) return refuse(`port range ${JSON.stringify(v)} is not lower-port <= upper-port, both 0-65535`);
    return keep([[lo, hi]]);
  }
  const p = port(v.port);
  if (p === undefined) return refuse(`port ${JSON.stringify(v.port ?? null)} is not a number 0-65535`);
  const op = identity(v.operator) ?? 'eq';
  if (op === 'eq') return keep([[p, p]]);
  if (op === 'neq') return keep([[0, p - 1], [p + 1, PORT_LAST]]);
  if (op === 'lt') return keep([[0, p - 1]]);
  if (op === 'lte') return keep([[0, p]]);
  if (op === 'gt') return keep([[p + 1, PORT_LAST]]);
  if (op === 'gte') return keep([[p, PORT_LAST]]);
  return refuse(`port operator ${JSON.stringify(op)} is none of eq, neq, lt, lte, gt, gte`);
}

const ECHO = { [ICMP]: { request: 8, reply: 0 }, [ICMPV6]: { request: 128, reply: 129 } } as const;

function icmpConnection(proto: 1 | 58, icmp: Json | undefined, sender: Connection['initiator'], receiver: Connection['initiator'], peer: Peer): Connection | { reason: string } {
  const name = proto === ICMP ? 'icmp' : 'icmpv6';
  const o = isObject(icmp) ? icmp : (Object.create(null) as JsonObject);
  for (const key of Object.keys(o)) if (key !== 'type' && key !== 'code') return refuse(`the icmp match "${key}" has no counterpart in a wardline flow`);
  const byte = (b: Json | undefined) => (typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255 ? b : undefined);
  const [type, code] = [byte(o.type), byte(o.code)];
  if ((o.type !== undefined && type === undefined) || (o.code !== undefined && code === undefined)) return refuse('an ICMP type or code that is not a number 0-255');
  if (type === undefined) return code === undefined ? { initiator: sender, peer, proto, services: [`${name}/any`], reply: false } : refuse('an ICMP code without a type');
  // An echo reply answers an echo request the receiver sent: the reply half of that exchange.
  if (type === ECHO[proto].reply && (code === undefined || code === 0)) return { initiator: receiver, peer, proto, services: [`${name}/${ECHO[proto].request}${code === undefined ? '' : '/0'}`], reply: true };
  return { initiator: sender, peer, proto, services: [code === undefined ? `${name}/${type}` : `${name}/${type}/${code}`], reply: false };
}

/** The ethertype of the IP family, and the broadcast MAC with the IPv4 broadcast: nothing the IP match does not already say. */
function impliedEthernet(eth: Json, family: 4 | 6, ip: JsonObject): boolean {
  if (!isObject(eth)) return false;
  for (const [key, value] of Object.entries(eth)) {
    if (key === 'ethertype' && typeof value === 'string' && value.toLowerCase() === (family === 4 ? '0x0800' : '0x86dd')) continue;
    if (key === 'destination-mac-address' && value === 'ff:ff:ff:ff:ff:ff' && family === 4 && ip['destination-ipv4-network'] === '255.255.255.255/32') continue;
    return false;
  }
  return true;
}
