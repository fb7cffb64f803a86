import type { ConfigFile, ConfigLine, UnknownLine } from '../reader.js';
import { numberedLines } from '../reader.js';
import { parseExtended, parseStandard, type AceMatch } from './read-ace.js';
import { readInterfaceLine, type Interface } from './read-interface.js';
import {
  parseNetworkMember,
  parseServiceMember,
  resolveNetworks,
  resolveServices,
  type Family,
  type NetworkGroup,
  type ResolvedNetwork,
  type ServiceGroup,
} from './read-objects.js';

export interface Entry extends AceMatch {
  action: 'permit' | 'deny';
  seq: number;
  line: ConfigLine;
}

export interface AccessList {
  family: Family;
  name: string;
  header: ConfigLine;
  entries: Entry[];
}

export interface MapEntry {
  seq: number;
  header: ConfigLine;
  action: 'drop' | 'forward';
  actionLine?: ConfigLine;
  matches: { family: Family; lists: string[]; line: ConfigLine }[];
}

/** One device's configuration as IOS-XE holds it once every line is entered. */
export interface Device {
  lists: Map<string, AccessList>;
  networks: Map<string, ResolvedNetwork & { family: Family }>;
  services: Map<string, ReturnType<typeof resolveServices> extends Map<string, infer V> ? V : never>;
  interfaces: Interface[];
  vlans: Map<number, { name?: string; line: ConfigLine }>;
  maps: Map<string, MapEntry[]>;
  filters: Map<number, { map: string; line: ConfigLine }>;
  ipv6Routing: boolean;
  unknown: UnknownLine[];
}

export const listKey = (family: Family, name: string) => `${family} ${name}`;

/** Reads a sub-mode line; returns why not when it does not belong there. */
type SubMode = (words: string[], line: ConfigLine, indent: number) => string | undefined;

export function readDevice(files: readonly ConfigFile[]): Device {
  const device: Device = {
    lists: new Map(),
    networks: new Map(),
    services: new Map(),
    interfaces: [],
    vlans: new Map(),
    maps: new Map(),
    filters: new Map(),
    ipv6Routing: false,
    unknown: [],
  };
  const networkGroups = new Map<string, NetworkGroup>();
  const serviceGroups = new Map<string, ServiceGroup>();
  const unknown = (line: ConfigLine, reason: string) => device.unknown.push({ ...line, reason });
  // Entries whose object groups are checked once every group is read (a running config defines them first; a hand edit may not).
  const pending: { list: AccessList; entry: Entry }[] = [];

  const aclMode = (list: AccessList, standard: boolean): SubMode => (words, line) => {
    const seqWords = words[0] === 'sequence' ? 2 : /^[0-9]+$/.test(words[0] ?? '') ? 1 : 0;
    let body = words.slice(seqWords);
    let seq = seqWords === 2 ? Number(words[1]) : seqWords === 1 ? Number(words[0]) : undefined;
    // IPv6 lists show their sequence numbers at the end of each entry.
    if (body.at(-2) === 'sequence' && /^[0-9]+$/.test(body.at(-1)!)) {
      seq = Number(body.at(-1));
      body = body.slice(0, -2);
    }
    const [action, ...rest] = body;
    if (action === 'remark') return undefined;
    if (action !== 'permit' && action !== 'deny') return `not an access list entry (permit, deny or remark)`;
    const match = standard ? parseStandard(rest) : parseExtended(rest, list.family);
    if (typeof match === 'string') return match;
    seq ??= (list.entries.at(-1)?.seq ?? 0) + 10;
    if (list.entries.some((e) => e.seq === seq)) return `sequence number ${seq} is already used in ${list.name}`;
    const entry: Entry = { ...match, action, seq, line };
    list.entries.push(entry);
    list.entries.sort((a, b) => a.seq - b.seq);
    pending.push({ list, entry });
    return undefined;
  };

  const listOf = (family: Family, name: string, header: ConfigLine): AccessList => {
    const key = listKey(family, name);
    const list = device.lists.get(key) ?? { family, name, header, entries: [] };
    device.lists.set(key, list);
    return list;
  };

  const groupMode = (group: NetworkGroup | ServiceGroup, family: Family | 'service'): SubMode => (words, line) => {
    if (words[0] === 'description') return undefined;
    if (words[0] === 'group-object' && words.length === 2) {
      group.nested.push({ name: words[1]!, line });
      return undefined;
    }
    const member = family === 'service' ? parseServiceMember(words, line) : parseNetworkMember(words, family, line);
    if (typeof member === 'string') return member;
    (group.members as unknown[]).push(...(Array.isArray(member) ? member : [member]));
    return undefined;
  };

  const vlanMode = (ids: number[]): SubMode => (words, line) => {
    if (words[0] === 'name' && words.length === 2) {
      for (const id of ids) device.vlans.set(id, { name: words[1], line });
      return undefined;
    }
    return words[0] === 'state' && words[1] === 'active' && words.length === 2 ? undefined : 'not a VLAN setting this reader knows (name)';
  };

  const mapMode = (entry: MapEntry): SubMode => (words, line) => {
    const [verb, kind, what, ...names] = words;
    if (verb === 'match' && (kind === 'ip' || kind === 'ipv6') && what === 'address' && names.length > 0) {
      entry.matches.push({ family: kind === 'ip' ? 4 : 6, lists: names, line });
      return undefined;
    }
    if (verb === 'action' && (kind === 'drop' || kind === 'forward') && (what === undefined || (what === 'log' && names.length === 0))) {
      entry.action = kind;
      entry.actionLine = line;
      return undefined;
    }
    return 'not a VLAN access map clause this reader knows (match ip|ipv6 address, action drop|forward)';
  };

  const topLevel = (words: string[], line: ConfigLine): SubMode | undefined | string => {
    const [a, b, c, d, e] = words;
    if (a === 'end' && words.length === 1) return undefined;
    if (a === 'hostname' && words.length === 2) return undefined;
    if (words.join(' ') === 'ipv6 unicast-routing') return void (device.ipv6Routing = true);
    if (words.join(' ') === 'no ipv6 unicast-routing') return void (device.ipv6Routing = false);
    if (words.join(' ') === 'ip routing') return undefined;
    if (a === 'vlan' && b === 'access-map' && c !== undefined && words.length <= 4) {
      const seq = d === undefined ? 10 : /^[0-9]+$/.test(d) ? Number(d) : NaN;
      if (Number.isNaN(seq)) return `"${d}" is not a sequence number`;
      const entries = device.maps.get(c) ?? [];
      let entry = entries.find((x) => x.seq === seq);
      if (!entry) {
        entry = { seq, header: line, action: 'forward', matches: [] };
        entries.push(entry);
        entries.sort((x, y) => x.seq - y.seq);
      }
      device.maps.set(c, entries);
      return mapMode(entry);
    }
    if (a === 'vlan' && b === 'filter' && c !== undefined && d === 'vlan-list' && e !== undefined && words.length === 5) {
      const ids = vlanIds(e);
      if (!ids) return `"${e}" is not a VLAN list`;
      for (const id of ids) device.filters.set(id, { map: c, line });
      return undefined;
    }
    if (a === 'vlan' && b !== undefined && words.length === 2) {
      const ids = vlanIds(b);
      if (!ids) return `"${b}" is not a VLAN list`;
      for (const id of ids) if (!device.vlans.has(id)) device.vlans.set(id, { line });
      return vlanMode(ids);
    }
    if (a === 'object-group' && (b === 'network' || b === 'v6-network' || b === 'service') && c !== undefined && words.length === 3) {
      if (networkGroups.has(c) || serviceGroups.has(c)) return `object group ${c} is defined twice`;
      const body = { header: line, members: [], nested: [] };
      if (b === 'service') {
        const group: ServiceGroup = body;
        serviceGroups.set(c, group);
        return groupMode(group, 'service');
      }
      const group: NetworkGroup = { ...body, family: b === 'network' ? 4 : 6 };
      networkGroups.set(c, group);
      return groupMode(group, group.family);
    }
    if (a === 'ip' && b === 'access-list' && (c === 'extended' || c === 'standard') && d !== undefined && words.length === 4) {
      return aclMode(listOf(4, d, line), c === 'standard');
    }
    if (a === 'ipv6' && b === 'access-list' && c !== undefined && words.length === 3) return aclMode(listOf(6, c, line), false);
    if (a === 'access-list' && b !== undefined && /^[0-9]+$/.test(b)) {
      const n = Number(b);
      const standard = (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
      if (!standard && !((n >= 100 && n <= 199) || (n >= 2000 && n <= 2699))) return `access list number ${n} is not an IP list`;
      const reason = aclMode(listOf(4, b, line), standard)(words.slice(2), line, 0);
      return reason;
    }
    if (a === 'interface' && words.length >= 2) {
      const iface: Interface = { name: words.slice(1).join(''), header: line, bindings: [], addresses: [] };
      device.interfaces.push(iface);
      return (w, l, indent) => readInterfaceLine(iface, w, l, indent);
    }
    return 'not a command this reader knows';
  };

  for (const file of files) {
    let mode: SubMode | undefined;
    for (const line of numberedLines(file)) {
      const trimmed = line.text.trim();
      if (trimmed === '' || trimmed.startsWith('!')) continue;
      const words = trimmed.split(/\s+/);
      const indent = line.text.length - line.text.trimStart().length;
      if (indent > 0) {
        const reason = mode ? mode(words, line, indent) : 'an indented line outside any block';
        if (reason) unknown(line, reason);
        continue;
      }
      const next = topLevel(words, line);
      if (typeof next === 'string') unknown(line, next);
      mode = typeof next === 'function' ? next : undefined;
    }
  }

  const networks = resolveNetworks(networkGroups);
  for (const [name, resolved] of networks) device.networks.set(name, { ...resolved, family: networkGroups.get(name)!.family });
  device.services = resolveServices(serviceGroups);
  for (const group of [...networkGroups.values(), ...serviceGroups.values()]) {
    for (const n of group.nested) {
      const target = networkGroups.get(n.name) ?? serviceGroups.get(n.name);
      const same = 'family' in group ? networkGroups.get(n.name)?.family === group.family : serviceGroups.has(n.name);
      if (!target || !same) unknown(n.line, `object group ${n.name} is not defined as a group of the same kind`);
    }
  }
  // IOS-XE refuses an entry naming a group it does not have (or of the other family): the device holds no such entry.
  for (const { list, entry } of pending) {
    const missing = entryGroups(entry).find((g) => (g.service ? !device.services.has(g.name) : device.networks.get(g.name)?.family !== list.family));
    if (!missing) continue;
    unknown(entry.line, `object group ${missing.name} is not defined as ${missing.service ? 'a service' : `an IPv${list.family} network`} group`);
    list.entries.splice(list.entries.indexOf(entry), 1);
  }
  for (const [name, entries] of device.maps) {
    for (const m of entries.flatMap((x) => x.matches)) {
      for (const list of m.lists) if (!device.lists.has(listKey(m.family, list))) unknown(m.line, `VLAN access map ${name} matches access list ${list}, which is not defined`);
    }
  }
  device.unknown.sort((x, y) => (x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1));
  return device;
}

function entryGroups(entry: Entry): { name: string; service: boolean }[] {
  const out: { name: string; service: boolean }[] = [];
  for (const term of [entry.src, entry.dst]) if (term.kind === 'group') out.push({ name: term.name, service: false });
  if ('group' in entry.service) out.push({ name: entry.service.group, service: true });
  return out;
}

/** `10`, `10,20-30` or `all`, as `vlan` and `vlan filter ... vlan-list` take them. */
function vlanIds(text: string): number[] | undefined {
  if (text === 'all') return Array.from({ length: 4094 }, (_, i) => i + 1);
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const m = /^([0-9]{1,4})(?:-([0-9]{1,4}))?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    if (lo < 1 || hi > 4094 || lo > hi) return undefined;
    for (let id = lo; id <= hi; id++) ids.push(id);
  }
  return ids;
}
