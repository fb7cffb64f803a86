import { keyValue } from '../../src/net/address.js';
import type { ConfigLine, WirePacket } from '../reader.js';
import { addressMatches, type AddressSpec, type PortSpec } from './read-ace.js';
import type { Ace, Acl, Binding, Config, Family } from './read-model.js';

/** What one bound list did to a packet: the ACE that matched (with the object-group entries that made it match). */
export interface Decision {
  action: 'permit' | 'deny';
  where: string;
  lines: ConfigLine[];
}

const ACK_OR_RST = 0x10 | 0x04;

/**
 * Drops what the device would refuse to take: ACEs naming an object group that does not exist or is of the other
 * family, and bindings of lists that do not exist or are of the other family. Each is reported as unknown.
 */
export function checkReferences(config: Config): void {
  const report = (line: ConfigLine, reason: string) => config.unknown.push({ ...line, reason });
  for (const acl of config.acls.values()) {
    for (const [seq, ace] of acl.aces) {
      const problem = [groupProblem(config, ace.src, acl.family), groupProblem(config, ace.dst, acl.family), portGroupProblem(config, ace.srcPort), portGroupProblem(config, ace.dstPort)].find((x) => x);
      if (!problem) continue;
      report(ace.line, problem);
      acl.aces.delete(seq);
    }
  }
  const bindings = [...config.vlans.values()].flatMap((v) => [v.in, v.out]);
  bindings.push(...[...config.svis.values()].flatMap((s) => [s.routedIn, s.routedOut]));
  for (const perFamily of bindings) {
    for (const family of [4, 6] as const) {
      const b = perFamily[family];
      const acl = b && config.acls.get(b.name);
      if (!b || acl?.family === family) continue;
      report(b.line, acl ? `${b.name} is an IPv${acl.family} list` : `access list ${b.name} is not defined`);
      delete perFamily[family];
    }
  }
  config.unknown.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function groupProblem(config: Config, spec: AddressSpec, family: Family): string | undefined {
  if (spec.kind !== 'group') return undefined;
  const group = config.addressGroups.get(spec.name);
  if (!group) return `object group ${spec.name} is not defined`;
  return group.family === family ? undefined : `object group ${spec.name} is IPv${group.family}, the list IPv${family}`;
}

function portGroupProblem(config: Config, spec: PortSpec | undefined): string | undefined {
  return spec?.kind === 'group' && !config.portGroups.has(spec.name) ? `port group ${spec.name} is not defined` : undefined;
}

/** An ACL's entries in sequence order, computed once per list. */
export function orderedAces(config: Config): Map<Acl, Ace[]> {
  return new Map([...config.acls.values()].map((acl) => [acl, [...acl.aces.values()].sort((a, b) => a.seq - b.seq)]));
}

/** First match in sequence order; what no entry matches is denied (the implicit deny ending every AOS-CX ACL). */
export function evaluateAcl(config: Config, ordered: Map<Acl, Ace[]>, binding: Binding, p: WirePacket, where: string): Decision {
  const acl = config.acls.get(binding.name)!;
  const at = `${where} acl ${acl.name}`;
  for (const ace of ordered.get(acl) ?? []) {
    const lines = aceMatch(config, ace, p);
    if (lines) return { action: ace.action, where: `${at} entry ${ace.seq}`, lines: [ace.line, ...lines] };
  }
  return { action: 'deny', where: `${at} implicit deny`, lines: [] };
}

/** The object-group lines that made the ACE match, or undefined when it does not. */
function aceMatch(config: Config, ace: Ace, p: WirePacket): ConfigLine[] | undefined {
  if (ace.proto !== 'any' && ace.proto !== p.proto) return undefined;
  if (ace.established && (p.tcpFlags & ACK_OR_RST) === 0) return undefined;
  if ((p.tcpFlags & ace.flags) !== ace.flags) return undefined;
  if (ace.icmpType !== undefined && ace.icmpType !== p.port >> 8) return undefined;
  if (ace.icmpCode !== undefined && ace.icmpCode !== (p.port & 255)) return undefined;
  const src = addressHit(config, ace.src, p.src);
  const dst = src && addressHit(config, ace.dst, p.dst);
  const srcPort = dst && portHit(config, ace.srcPort, p.srcPort);
  const dstPort = srcPort && portHit(config, ace.dstPort, p.port);
  return dstPort && [...src!, ...dst!, ...srcPort!, ...dstPort];
}

function addressHit(config: Config, spec: AddressSpec, key: bigint): ConfigLine[] | undefined {
  const value = keyValue(key);
  if (spec.kind === 'any') return [];
  if (spec.kind === 'address') return addressMatches(spec.match, value) ? [] : undefined;
  for (const e of config.addressGroups.get(spec.name)!.entries.values()) if (addressMatches(e.match, value)) return [e.line];
  return undefined;
}

function portHit(config: Config, spec: PortSpec | undefined, port: number): ConfigLine[] | undefined {
  if (!spec) return [];
  if (spec.kind === 'ports') return portMatches(spec, port) ? [] : undefined;
  for (const e of config.portGroups.get(spec.name)!.entries.values()) if (e.spec.kind === 'ports' && portMatches(e.spec, port)) return [e.line];
  return undefined;
}

function portMatches(spec: Extract<PortSpec, { kind: 'ports' }>, port: number): boolean {
  switch (spec.op) {
    case 'eq':
      return port === spec.lo;
    case 'neq':
      return port !== spec.lo;
    case 'gt':
      return port > spec.lo;
    case 'lt':
      return port < spec.lo;
    case 'range':
      return port >= spec.lo && port <= spec.hi;
  }
}
