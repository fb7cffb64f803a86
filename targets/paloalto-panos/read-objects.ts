import { addressKey, parseAddress, parsePrefix, prefixBounds, V4_LAST, V6_FIRST, type Prefix } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { IntervalSet } from '../../src/net/interval-set.js';
import type { ConfigLine, ReadContext } from '../reader.js';
import { attributes, kept, port, portList, single, Unread, value, type Attribute, type PortRange } from './read-syntax.js';

/**
 * Addresses as PAN-OS matches them: interval keys (IPv4 values, IPv6 at 2^32 + value) and IPv4 wildcard masks. An IPv4
 * packet also matches IPv6 addresses at ::a.b.c.d (PAN-OS treats the IPv4 addresses as a subset of the IPv6 ones).
 */
export interface AddressMatch {
  keys: IntervalSet;
  wildcards: { value: bigint; care: bigint }[];
}

export const ANY_ADDRESS: AddressMatch = { keys: iv.single(0n, V6_FIRST + (1n << 128n) - 1n), wildcards: [] };

export function addressMatches(m: AddressMatch, key: bigint): boolean {
  if (iv.contains(m.keys, key)) return true;
  if (key > V4_LAST) return false;
  return iv.contains(m.keys, V6_FIRST + key) || m.wildcards.some((w) => (key & w.care) === (w.value & w.care));
}

export function unionMatch(a: AddressMatch, b: AddressMatch): AddressMatch {
  return { keys: iv.union(a.keys, b.keys), wildcards: [...a.wildcards, ...b.wildcards] };
}

/** An address as a rule or object writes it: `10.1.1.1`, `10.1.0.0/16`, `fd00::/64`, `10.1.1.1-10.1.1.9`. */
export function literalAddress(text: string): AddressMatch | undefined {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const lo = parseAddress(text.slice(0, dash));
    const hi = parseAddress(text.slice(dash + 1));
    if (!lo || !hi || lo.family !== hi.family || lo.value > hi.value) return undefined;
    return { keys: iv.single(addressKey(lo.family, lo.value), addressKey(hi.family, hi.value)), wildcards: [] };
  }
  if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(text)) return undefined;
  const parsed = parsePrefix(text);
  if ('error' in parsed) return undefined;
  const [lo, hi] = prefixBounds((parsed as { prefix: Prefix }).prefix);
  return { keys: iv.single(lo, hi), wildcards: [] };
}

function wildcard(text: string): AddressMatch {
  const [address, mask, extra] = text.split('/');
  const a = address === undefined ? undefined : parseAddress(address);
  const m = mask === undefined ? undefined : parseAddress(mask);
  if (extra !== undefined || a?.family !== 4 || m?.family !== 4) throw new Unread(`"${text}" is not an IPv4 address/wildcard-mask`);
  return { keys: iv.EMPTY, wildcards: [{ value: a.value, care: ~m.value & V4_LAST }] };
}

/** A named object: what it matches, the lines that define it, and why it cannot be read when it cannot. */
export interface Named<T> {
  def?: T;
  lines: ConfigLine[];
  broken?: string;
}

export interface ServiceDef {
  protocol: 'tcp' | 'udp' | 'sctp';
  ports: PortRange[];
  srcPorts?: PortRange[];
}

/** How a custom application is identified: by ICMP (or ICMPv6) type and optional code, or by IP protocol. */
export type AppIdent = { kind: 'icmp'; proto: 1 | 58; type: number; code?: number } | { kind: 'protocol'; proto: number };

export interface Objects {
  addresses: Map<string, Named<AddressMatch>>;
  addressGroups: Map<string, Named<string[]>>;
  services: Map<string, Named<ServiceDef>>;
  serviceGroups: Map<string, Named<string[]>>;
  applications: Map<string, Named<AppIdent>>;
  applicationGroups: Map<string, Named<string[]>>;
  tags: Set<string>;
}

export function emptyObjects(): Objects {
  return { addresses: new Map(), addressGroups: new Map(), services: new Map(), serviceGroups: new Map(), applications: new Map(), applicationGroups: new Map(), tags: new Set() };
}

/** The object `name` of `map` with this line among its lines; a line it cannot read marks the object broken. */
function within<T>(map: Map<string, Named<T>>, name: string | undefined, line: ConfigLine, read: (e: Named<T>) => void): void {
  if (name === undefined) throw new Unread('the object has no name');
  let e = map.get(name);
  if (!e) map.set(name, (e = { lines: [] }));
  e.lines.push(line);
  try {
    read(e);
  } catch (x) {
    if (x instanceof Unread) e.broken ??= `line ${line.line}: ${x.reason}`;
    throw x;
  }
}

const DESCRIBED: Record<string, Attribute> = { description: kept, tag: kept };

function readAddress(ws: readonly string[], line: ConfigLine, o: Objects, context: ReadContext | undefined): void {
  within(o.addresses, ws[1], line, (e) => readAddressInto(ws, e, context));
}

/**
 * An fqdn object stands for whatever the device resolves its name to, in both families (PAN-OS resolves A and AAAA
 * records): the reader takes that from the policy (`context`), and cannot match a name the policy does not know.
 */
function fqdnMatch(text: string, context: ReadContext | undefined): AddressMatch {
  if (!context) throw new Unread(`fqdn ${text}: the device resolves the name at run time, and the reader was given no policy saying what it stands for`);
  const keys = context.resolve(text.toLowerCase().replace(/\.$/, ''));
  if (!keys) throw new Unread(`fqdn ${text}: the policy has no external with this DNS name, so what the device resolves it to is unknown`);
  return { keys, wildcards: [] };
}

function readAddressInto(ws: readonly string[], e: Named<AddressMatch>, context: ReadContext | undefined): void {
  const set = (text: string): AddressMatch => {
    const m = literalAddress(text);
    if (!m) throw new Unread(`"${text}" is not an address of this type`);
    return m;
  };
  const typed = (parse: (t: string) => AddressMatch): Attribute => (w, at) => {
    e.def = parse(single(w, at, 'an address'));
    return at + 1;
  };
  const fqdn = typed((t) => fqdnMatch(t, context));
  attributes(ws, 2, { ...DESCRIBED, 'ip-netmask': typed((t) => (t.includes('-') ? fail(t) : set(t))), 'ip-range': typed((t) => (t.includes('-') ? set(t) : fail(t))), 'ip-wildcard': typed(wildcard), fqdn }, 'address');
}

function fail(text: string): never {
  throw new Unread(`"${text}" is not an address of this type`);
}

function readMembers(key: string): (ws: readonly string[], line: ConfigLine, map: Map<string, Named<string[]>>) => void {
  return (ws, line, map) => within(map, ws[1], line, (e) => {
    const members: Attribute = (w, at) => {
      const { values, next } = value(w, at);
      // `set` adds members to a group's list (it never removes one).
      e.def = [...new Set([...(e.def ?? []), ...values])];
      return next;
    };
    const dynamic: Attribute = () => {
      throw new Unread('a dynamic group is filled by tags at run time; the reader reads static groups');
    };
    attributes(ws, 2, { ...DESCRIBED, [key]: members, dynamic }, 'group');
  });
}

function readService(ws: readonly string[], line: ConfigLine, o: Objects): void {
  within(o.services, ws[1], line, (e) => readServiceInto(ws, e));
}

function readServiceInto(ws: readonly string[], e: Named<ServiceDef>): void {
  const protocol: Attribute = (w, at) => {
    const name = w[at];
    if (name !== 'tcp' && name !== 'udp' && name !== 'sctp') throw new Unread(`service protocol "${name ?? ''}": PAN-OS services are tcp, udp or sctp`);
    const def: ServiceDef = e.def?.protocol === name ? e.def : { protocol: name, ports: [] };
    e.def = def;
    const override: Attribute = (x, i) => {
      if (x[i] === 'no') return i + 1;
      if (x[i] !== 'yes') throw new Unread('override takes yes or no');
      let j = i + 1;
      while (['timeout', 'halfclose-timeout', 'timewait-timeout'].includes(x[j] ?? '')) {
        port(x[j + 1] ?? '');
        j += 2;
      }
      return j;
    };
    let i = at + 1;
    const sub: Record<string, Attribute> = {
      port: (x, j) => ((def.ports = portList(single(x, j, 'port'))), j + 1),
      'source-port': (x, j) => ((def.srcPorts = portList(single(x, j, 'source-port'))), j + 1),
      override,
    };
    while (i < w.length && Object.hasOwn(sub, w[i]!)) i = sub[w[i]!]!(w, i + 1);
    return i;
  };
  attributes(ws, 2, { ...DESCRIBED, protocol }, 'service');
}

const APP_KEPT = ['category', 'subcategory', 'technology', 'risk', 'description', 'tag', 'timeout', 'tcp-timeout', 'udp-timeout', 'parent-app'];

function readApplication(ws: readonly string[], line: ConfigLine, o: Objects): void {
  within(o.applications, ws[1], line, (e) => readApplicationInto(ws, e));
}

function readApplicationInto(ws: readonly string[], e: Named<AppIdent>): void {
  const number = (text: string | undefined, max: number, what: string): number => {
    if (!/^\d{1,3}$/.test(text ?? '') || Number(text) > max) throw new Unread(`${what} "${text ?? ''}" is not a number 0-${max}`);
    return Number(text);
  };
  const icmp = (proto: 1 | 58): Attribute => (w, at) => {
    if (w[at] !== 'type') throw new Unread('an ICMP identification starts with "type"');
    const type = number(w[at + 1], 255, 'ICMP type');
    if (w[at + 2] !== 'code') {
      e.def = { kind: 'icmp', proto, type };
      return at + 2;
    }
    e.def = { kind: 'icmp', proto, type, code: number(w[at + 3], 255, 'ICMP code') };
    return at + 4;
  };
  const ident: Record<string, Attribute> = {
    'ident-by-icmp-type': icmp(1),
    'ident-by-icmp6-type': icmp(58),
    'ident-by-ip-protocol': (w, at) => ((e.def = { kind: 'protocol', proto: number(w[at], 255, 'IP protocol') }), at + 1),
  };
  const byDefault: Attribute = (w, at) => {
    const how = w[at] ?? '';
    if (!Object.hasOwn(ident, how)) throw new Unread(`application default "${how}": the reader identifies custom applications by ICMP type or IP protocol only`);
    return ident[how]!(w, at + 1);
  };
  attributes(ws, 2, { ...Object.fromEntries(APP_KEPT.map((k) => [k, kept])), default: byDefault }, 'application');
}

function readTag(ws: readonly string[], o: Objects): void {
  if (ws[1] === undefined) throw new Unread('the tag has no name');
  o.tags.add(ws[1]);
  attributes(ws, 2, { color: kept, comments: kept }, 'tag');
}

/** Reads an object command (`set address ...` and the like) into `o`; false when the command is not one. */
export function readObject(ws: readonly string[], line: ConfigLine, o: Objects, context?: ReadContext): boolean {
  switch (ws[0]) {
    case 'address':
      readAddress(ws, line, o, context);
      return true;
    case 'address-group':
      readMembers('static')(ws, line, o.addressGroups);
      return true;
    case 'service':
      readService(ws, line, o);
      return true;
    case 'service-group':
      readMembers('members')(ws, line, o.serviceGroups);
      return true;
    case 'application':
      readApplication(ws, line, o);
      return true;
    case 'application-group':
      readMembers('members')(ws, line, o.applicationGroups);
      return true;
    case 'tag':
      readTag(ws, o);
      return true;
    default:
      return false;
  }
}
