import type { WirePacket } from '../reader.js';
import { addressMatches, ANY_ADDRESS, literalAddress, unionMatch, type AddressMatch, type AppIdent, type Named, type Objects, type ServiceDef } from './read-objects.js';
import type { RuleDef } from './read-rulebase.js';
import { Unread, type PortRange } from './read-syntax.js';

const TCP = 6;
const UDP = 17;
const SCTP = 132;

/** A rule ready to evaluate: its names resolved to what they match. */
export interface Compiled {
  def: RuleDef;
  from: Set<string> | 'any';
  to: Set<string> | 'any';
  source: AddressMatch;
  destination: AddressMatch;
  traffic: (p: WirePacket) => boolean;
}

/** The predefined services every PAN-OS firewall has (Objects > Services). */
const PREDEFINED_SERVICES: Record<string, ServiceDef> = {
  'service-http': { protocol: 'tcp', ports: [{ lo: 80, hi: 80 }, { lo: 8080, hi: 8080 }] },
  'service-https': { protocol: 'tcp', ports: [{ lo: 443, hi: 443 }] },
};

function usable<T>(kind: string, name: string, e: Named<T>): T {
  if (e.broken !== undefined) throw new Unread(`it names ${kind} ${name}, which the reader could not read (${e.broken})`);
  if (e.def === undefined) throw new Unread(`it names ${kind} ${name}, which says nothing the reader can match`);
  return e.def;
}

/**
 * Expands names through groups: `leaf` gives what a name that is no group stands for. Groups may nest; a group that
 * holds itself is refused, as PAN-OS refuses it.
 */
function expand<T>(names: readonly string[], groups: Map<string, Named<string[]>>, kind: string, leaf: (name: string) => T, seen: string[] = []): T[] {
  return names.flatMap((name) => {
    const group = groups.get(name);
    if (!group) return [leaf(name)];
    if (seen.includes(name)) throw new Unread(`${kind} group ${name} holds itself`);
    return expand(usable(`${kind} group`, name, group), groups, kind, leaf, [...seen, name]);
  });
}

function addresses(names: readonly string[], o: Objects): AddressMatch {
  if (names.includes('any')) return ANY_ADDRESS;
  const leaf = (name: string): AddressMatch => {
    const object = o.addresses.get(name);
    if (object) return usable('address', name, object);
    const literal = literalAddress(name);
    if (!literal) throw new Unread(`it names address "${name}", which is no address, address group or IP address`);
    return literal;
  };
  return expand(names, o.addressGroups, 'address', leaf).reduce(unionMatch);
}

const inRanges = (ranges: readonly PortRange[], v: number) => ranges.some((r) => v >= r.lo && v <= r.hi);

function serviceMatches(s: ServiceDef, p: WirePacket): boolean {
  const proto = s.protocol === 'tcp' ? TCP : s.protocol === 'udp' ? UDP : SCTP;
  return p.proto === proto && inRanges(s.ports, p.port) && (s.srcPorts === undefined || inRanges(s.srcPorts, p.srcPort));
}

function appMatches(a: AppIdent, p: WirePacket): boolean {
  if (a.kind === 'protocol') return p.proto === a.proto;
  return p.proto === a.proto && p.port >> 8 === a.type && (a.code === undefined || (p.port & 255) === a.code);
}

function services(names: readonly string[], o: Objects): ServiceDef[] {
  const leaf = (name: string): ServiceDef => {
    const object = o.services.get(name);
    if (object) {
      const def = usable('service', name, object);
      if (def.ports.length === 0) throw new Unread(`it names service ${name}, which has no port (PAN-OS requires one)`);
      return def;
    }
    const predefined = PREDEFINED_SERVICES[name];
    if (predefined) return predefined;
    throw new Unread(`it names service "${name}", which is no service or service group`);
  };
  return expand(names, o.serviceGroups, 'service', leaf);
}

function applications(names: readonly string[], o: Objects): AppIdent[] {
  const leaf = (name: string): AppIdent => {
    const object = o.applications.get(name);
    if (object) return usable('application', name, object);
    throw new Unread(`it names application "${name}": App-ID identifies predefined applications by content, the reader matches custom applications identified by ICMP type or IP protocol`);
  };
  return expand(names, o.applicationGroups, 'application', leaf);
}

/**
 * Application and service are both matched (PAN-OS ANDs them): `application-default` is an application's own
 * identification (custom applications here have no port), `any` matches everything.
 */
function traffic(appNames: readonly string[], serviceNames: readonly string[], o: Objects): (p: WirePacket) => boolean {
  const anyApp = appNames.includes('any');
  const anyService = serviceNames.includes('any');
  if (anyApp && serviceNames.includes('application-default')) {
    throw new Unread('application any with service application-default: the ports are those of whatever App-ID identifies, which the reader cannot tell');
  }
  const apps = anyApp ? undefined : applications(appNames, o);
  const svcs = anyService || serviceNames.includes('application-default') ? undefined : services(serviceNames, o);
  return (p) => (apps === undefined || apps.some((a) => appMatches(a, p))) && (svcs === undefined || svcs.some((s) => serviceMatches(s, p)));
}

function zones(names: readonly string[], known: ReadonlySet<string>): Set<string> | 'any' {
  if (names.includes('any')) return 'any';
  for (const z of names) if (!known.has(z)) throw new Unread(`it names zone "${z}", which no line defines`);
  return new Set(names);
}

/** A rule's names resolved; an Unread says why the rule cannot be evaluated (PAN-OS would refuse most at commit). */
export function compile(r: RuleDef, o: Objects, knownZones: ReadonlySet<string>): Compiled {
  if (r.broken !== undefined) throw new Unread(`rule ${r.name} is not evaluated: ${r.broken}`);
  const l = r.lists;
  for (const key of ['from', 'to', 'source', 'destination', 'application', 'service'] as const) {
    if (!l[key]) throw new Unread(`rule ${r.name} has no ${key}: PAN-OS refuses to commit it`);
  }
  for (const key of ['source-user', 'category', 'source-hip', 'destination-hip', 'hip-profiles'] as const) {
    const v = l[key];
    if (v && !(v.length === 1 && v[0] === 'any')) throw new Unread(`rule ${r.name} matches ${key} ${v.join(' ')}, which the reader cannot evaluate (it reads any)`);
  }
  const at = (what: () => Compiled): Compiled => {
    try {
      return what();
    } catch (x) {
      if (x instanceof Unread) throw new Unread(`rule ${r.name} is not evaluated: ${x.reason}`);
      throw x;
    }
  };
  return at(() => ({
    def: r,
    from: zones(l.from!, knownZones),
    to: zones(l.to!, knownZones),
    source: addresses(l.source!, o),
    destination: addresses(l.destination!, o),
    traffic: traffic(l.application!, l.service!, o),
  }));
}

/** Whether a compiled rule matches a packet from zone `from` to zone `to`. */
export function ruleMatches(c: Compiled, from: string, to: string, p: WirePacket): boolean {
  const r = c.def;
  if (r.disabled) return false;
  if ((r.type === 'intrazone' && from !== to) || (r.type === 'interzone' && from === to)) return false;
  if (c.from !== 'any' && !c.from.has(from)) return false;
  if (c.to !== 'any' && !c.to.has(to)) return false;
  if (addressMatches(c.source, p.src) === r.negateSource) return false;
  if (addressMatches(c.destination, p.dst) === r.negateDestination) return false;
  return c.traffic(p);
}
