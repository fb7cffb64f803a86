import type { ConfigLine, UnknownLine, WirePacket } from '../reader.js';
import type { Block } from './read-syntax.js';
import { badField, one, tableOf, type Entry } from './read-table.js';

type Range = readonly [lo: number, hi: number];

/** One thing a service matches: a protocol (`any` for IP protocol-number 0), destination/source port pairs or an ICMP type and code. */
interface Clause {
  proto: number | 'any';
  ports?: { dst: Range; src: Range }[];
  icmpType?: number;
  icmpCode?: number;
  line?: ConfigLine;
}

export interface Service {
  clauses: Clause[];
}

export type ServiceBook = Map<string, Service>;

const TCP = 6;
const UDP = 17;
const SCTP = 132;
const ICMP = 1;
const ICMP6 = 58;
const ANY_PORT: Range = [0, 65535];

/** The predefined services of a factory-default FortiOS VDOM that policies commonly name; a config's own definition wins. */
const PREDEFINED: Record<string, Clause[]> = {
  ALL: [{ proto: 'any' }],
  ALL_TCP: [{ proto: TCP, ports: [{ dst: [1, 65535], src: ANY_PORT }] }],
  ALL_UDP: [{ proto: UDP, ports: [{ dst: [1, 65535], src: ANY_PORT }] }],
  ALL_ICMP: [{ proto: ICMP }],
  ALL_ICMP6: [{ proto: ICMP6 }],
  PING: [{ proto: ICMP, icmpType: 8 }],
  HTTP: [{ proto: TCP, ports: [{ dst: [80, 80], src: ANY_PORT }] }],
  HTTPS: [{ proto: TCP, ports: [{ dst: [443, 443], src: ANY_PORT }] }],
  SSH: [{ proto: TCP, ports: [{ dst: [22, 22], src: ANY_PORT }] }],
  TELNET: [{ proto: TCP, ports: [{ dst: [23, 23], src: ANY_PORT }] }],
  DNS: [TCP, UDP].map((proto) => ({ proto, ports: [{ dst: [53, 53] as Range, src: ANY_PORT }] })),
  NTP: [TCP, UDP].map((proto) => ({ proto, ports: [{ dst: [123, 123] as Range, src: ANY_PORT }] })),
  SMTP: [{ proto: TCP, ports: [{ dst: [25, 25], src: ANY_PORT }] }],
  RDP: [{ proto: TCP, ports: [{ dst: [3389, 3389], src: ANY_PORT }] }],
  SYSLOG: [{ proto: UDP, ports: [{ dst: [514, 514], src: ANY_PORT }] }],
};

const COSMETIC = ['comment', 'uuid', 'color', 'visibility', 'category', 'fabric-object', 'proxy'];
const CUSTOM = new Set([...COSMETIC, 'protocol', 'protocol-number', 'tcp-portrange', 'udp-portrange', 'sctp-portrange', 'icmptype', 'icmpcode']);
const GROUP = new Set([...COSMETIC, 'member']);
const NUMBER = /^\d{1,5}$/;

function range(text: string): Range | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= hi && hi <= 65535 ? [lo, hi] : undefined;
}

/** `dst[-hi][:src[-hi]]` entries, separated by spaces: the source range defaults to every port. */
function portEntries(values: string[]): { dst: Range; src: Range }[] | undefined {
  const out: { dst: Range; src: Range }[] = [];
  for (const v of values) {
    const [d, s, extra] = v.split(':');
    const dst = range(d ?? '');
    const src = s === undefined ? ANY_PORT : range(s);
    if (!dst || !src || extra !== undefined) return undefined;
    out.push({ dst, src });
  }
  return out;
}

function custom(entry: Entry, unknown: UnknownLine[]): Service {
  const protocol = one(entry, 'protocol') ?? 'TCP/UDP/SCTP';
  const clauses: Clause[] = [];
  if (protocol === 'TCP/UDP/SCTP' || protocol === 'TCP/UDP/UDP-Lite/SCTP') {
    for (const [key, proto] of [['tcp-portrange', TCP], ['udp-portrange', UDP], ['sctp-portrange', SCTP]] as const) {
      const field = entry.fields.get(key);
      if (!field) continue;
      const ports = portEntries(field.values);
      if (ports) clauses.push({ proto, ports, line: field.lines.at(-1) });
      else badField(entry, key, 'not a list of port ranges dst[-hi][:src[-hi]] within 0-65535', unknown);
    }
  } else if (protocol === 'ICMP' || protocol === 'ICMP6') {
    const num = (key: string) => {
      const v = one(entry, key);
      if (v !== undefined && (!NUMBER.test(v) || Number(v) > 255)) badField(entry, key, `${key} is not a number 0-255`, unknown);
      return v !== undefined && NUMBER.test(v) && Number(v) <= 255 ? Number(v) : undefined;
    };
    const line = entry.fields.get('icmptype')?.lines.at(-1) ?? entry.fields.get('protocol')?.lines.at(-1);
    clauses.push({ proto: protocol === 'ICMP' ? ICMP : ICMP6, icmpType: num('icmptype'), icmpCode: num('icmpcode'), line });
  } else if (protocol === 'IP') {
    const n = one(entry, 'protocol-number') ?? '0';
    // protocol-number 0 is every IP protocol (the predefined ALL is IP 0).
    if (NUMBER.test(n) && Number(n) <= 255) clauses.push({ proto: Number(n) === 0 ? 'any' : Number(n), line: entry.fields.get('protocol-number')?.lines.at(-1) });
    else badField(entry, 'protocol-number', 'protocol-number is not 0-255', unknown);
  } else {
    badField(entry, 'protocol', `protocol "${protocol}" (a proxy service) is not evaluated`, unknown);
  }
  return { clauses };
}

/** Custom services and service groups by name, groups flattened into their members' clauses; predefined ones beside. */
export function readServices(blocks: readonly Block[], unknown: UnknownLine[]): ServiceBook {
  const book: ServiceBook = new Map(Object.entries(PREDEFINED).map(([name, clauses]) => [name, { clauses }]));
  for (const entry of tableOf(blocks, 'firewall service custom', CUSTOM, unknown)) book.set(entry.name, custom(entry, unknown));
  const groups = new Map(tableOf(blocks, 'firewall service group', GROUP, unknown).map((g) => [g.name, g]));
  const resolving = new Set<string>();
  const resolve = (name: string): Service | undefined => {
    const group = groups.get(name);
    if (!group) return book.get(name);
    if (resolving.has(name)) return undefined;
    resolving.add(name);
    const clauses: Clause[] = [];
    for (const member of group.fields.get('member')?.values ?? []) {
      const got = resolve(member);
      if (got) clauses.push(...got.clauses);
      else badField(group, 'member', `member "${member}" is not a service of this config or a predefined one (or names its group)`, unknown);
    }
    resolving.delete(name);
    return { clauses };
  };
  const resolved = [...groups.keys()].map((name) => [name, resolve(name)!] as const);
  for (const [name, service] of resolved) book.set(name, service);
  return book;
}

const inRange = (r: Range, v: number) => v >= r[0] && v <= r[1];

/** The clause of the service that takes the packet, or undefined. */
export function serviceClause(service: Service, p: WirePacket): Clause | undefined {
  return service.clauses.find((c) => {
    if (c.proto === 'any') return true;
    if (c.proto !== p.proto) return false;
    if (c.ports) return c.ports.some((e) => inRange(e.dst, p.port) && inRange(e.src, p.srcPort));
    if (c.icmpType !== undefined && c.icmpType !== p.port >> 8) return false;
    return c.icmpCode === undefined || c.icmpCode === (p.port & 255);
  });
}
