import { parseAddress, parsePrefix } from '../../src/net/address.js';
import { numberedLines, type ConfigFile, type ConfigLine, type UnknownLine } from '../reader.js';
import { parseRule, type Rule } from './read-entry.js';
import { decimal } from './read-names.js';

type Family = 4 | 6;
type Direction = 'in' | 'out';

/** One entry of a list, in sequence-number order once read. */
export interface ListEntry {
  seq: number;
  rule: Rule;
  line: ConfigLine;
}

export interface AccessList {
  name: string;
  family: Family;
  header: ConfigLine;
  entries: ListEntry[];
}

export interface Binding {
  list: string;
  line: ConfigLine;
}

export interface Interface {
  name: string;
  header: ConfigLine;
  shutdown?: ConfigLine;
  /** `${family} ${direction}` → the list bound there. */
  groups: Map<string, Binding>;
}

/** A device's configuration as EOS reads it: lists by family and name, interfaces by lower-case name, VLAN names. */
export interface DeviceConfig {
  lists: Map<string, AccessList>;
  interfaces: Map<string, Interface>;
  vlanNames: Map<string, number>;
  unknown: UnknownLine[];
}

export const listKey = (family: Family, name: string) => `${family} ${name}`;
export const groupKey = (family: Family, direction: Direction) => `${family} ${direction}`;

type Section =
  | { kind: 'list'; list: AccessList; standard: boolean; pending: ListEntry[]; last: number; seqs: Map<number, ConfigLine> }
  | { kind: 'interface'; iface: Interface }
  | { kind: 'vlan'; id: number }
  | { kind: 'unknown'; header: string };

/** Reads every file into one device configuration; each line is understood or lands in `unknown` with its reason. */
export function readConfig(files: readonly ConfigFile[]): DeviceConfig {
  const config: DeviceConfig = { lists: new Map(), interfaces: new Map(), vlanNames: new Map(), unknown: [] };
  const lines = files.flatMap((f) => numberedLines(f));
  let section: Section | undefined;
  const close = () => {
    if (section?.kind === 'list') section.list.entries.push(...section.pending.sort((a, b) => a.seq - b.seq));
    section = undefined;
  };
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '' || text.startsWith('!')) continue;
    const words = text.split(/\s+/);
    if (text === 'exit') {
      close();
      continue;
    }
    if (!/^\s/.test(line.text)) {
      close();
      section = topLevel(words, line, config);
      continue;
    }
    const reason = section === undefined ? 'an indented line outside any section' : child(section, words, line, config);
    if (reason) config.unknown.push({ ...line, reason });
  }
  close();
  checkBindings(config);
  const order = new Map(files.map((f, i) => [f.path, i]));
  config.unknown.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line);
  return config;
}

function topLevel(words: string[], line: ConfigLine, config: DeviceConfig): Section | undefined {
  const [w0, w1, w2, w3] = words;
  const unknown = (reason: string): Section => {
    config.unknown.push({ ...line, reason });
    return { kind: 'unknown', header: line.text.trim() };
  };
  if ((w0 === 'ip' || w0 === 'ipv6') && w1 === 'access-list') {
    const standard = w2 === 'standard';
    const name = standard ? w3 : w2;
    if (name === undefined || words.length !== (standard ? 4 : 3)) return unknown('an access list needs one name');
    const family: Family = w0 === 'ip' ? 4 : 6;
    if (config.lists.has(listKey(family, name))) return unknown(`access list ${name} is defined twice; EOS would add these entries to the first`);
    const list: AccessList = { name, family, header: line, entries: [] };
    config.lists.set(listKey(family, name), list);
    return { kind: 'list', list, standard, pending: [], last: 0, seqs: new Map() };
  }
  if (w0 === 'interface' && w1 !== undefined && words.length === 2) {
    const key = w1.toLowerCase();
    const iface = config.interfaces.get(key) ?? { name: w1, header: line, groups: new Map() };
    config.interfaces.set(key, iface);
    return { kind: 'interface', iface };
  }
  if (w0 === 'vlan' && words.length === 2) {
    const id = decimal(w1 ?? '', 4094);
    if (id === undefined || id === 0) return unknown(`"${w1}" is not a VLAN id 1-4094`);
    return { kind: 'vlan', id };
  }
  if (text(words) === 'end' || text(words) === 'ip routing' || text(words) === 'ipv6 unicast-routing') return undefined;
  if (w0 === 'hostname' && words.length === 2) return undefined;
  // VARP's shared MAC: how the pair answers its virtual addresses, not what it filters.
  if (w0 === 'ip' && w1 === 'virtual-router' && w2 === 'mac-address' && words.length === 4) return undefined;
  return unknown('not a command this reader understands');
}

const text = (words: string[]) => words.join(' ');

/** One line inside a section; returns why it is not understood, or undefined. */
function child(section: Section, words: string[], line: ConfigLine, config: DeviceConfig): string | undefined {
  switch (section.kind) {
    case 'unknown':
      return `inside "${section.header}", which is not understood`;
    case 'vlan':
      if (words[0] === 'name' && words.length === 2) {
        config.vlanNames.set(words[1]!, section.id);
        return undefined;
      }
      return 'not a VLAN command this reader understands';
    case 'interface':
      return interfaceCommand(section.iface, words, line);
    case 'list':
      return listCommand(section, words, line);
  }
}

function interfaceCommand(iface: Interface, words: string[], line: ConfigLine): string | undefined {
  const t = text(words);
  const [w0, w1, w2, w3] = words;
  if (w0 === 'description' || t === 'no shutdown' || (w0 === 'mtu' && words.length === 2)) return undefined;
  if (t === 'shutdown') {
    iface.shutdown = line;
    return undefined;
  }
  if ((w0 === 'ip' || w0 === 'ipv6') && w1 === 'access-group' && w2 !== undefined && (w3 === 'in' || w3 === 'out') && words.length === 4) {
    const key = groupKey(w0 === 'ip' ? 4 : 6, w3);
    const earlier = iface.groups.get(key);
    iface.groups.set(key, { list: w2, line });
    return earlier ? `a second ${w0} access-group ${w3} on ${iface.name}: EOS binds one list per direction and keeps the last` : undefined;
  }
  // Addresses, first-hop redundancy (VARP, VRRP) and the DHCP relay: where the interface routes, what the gateway
  // answers and forwards, never what it filters.
  if (w0 === 'ip' && w1 === 'address') return ipAddress(words.slice(2)) ? undefined : `"${t}" is not an IPv4 interface address`;
  if (t === 'ipv6 enable') return undefined;
  if (w0 === 'ipv6' && w1 === 'address' && words.length === 3) return isPrefix(w2!, 6) ? undefined : `"${w2}" is not an IPv6 prefix`;
  if ((w0 === 'ip' || w0 === 'ipv6') && w1 === 'virtual-router' && w2 === 'address' && words.length === 4) {
    return isPrefix(w3!, w0 === 'ip' ? 4 : 6) ? undefined : `"${w3}" is not an IPv${w0 === 'ip' ? 4 : 6} address`;
  }
  if (w0 === 'vrrp' && decimal(w1 ?? '', 255) !== undefined && words.length >= 3) return undefined;
  if (w0 === 'ip' && w1 === 'helper-address' && words.length === 3) return isAddress(w2!, 4) ? undefined : `"${w2}" is not an IPv4 address`;
  if (t.startsWith('ipv6 dhcp relay destination ') && words.length === 5) return isAddress(words[4]!, 6) ? undefined : `"${words[4]}" is not an IPv6 address`;
  return 'not an interface command this reader understands';
}

/** `A/LEN`, `A MASK` or `virtual A/LEN`, each optionally `secondary`. */
function ipAddress(rest: string[]): boolean {
  const words = rest.at(-1) === 'secondary' ? rest.slice(0, -1) : rest;
  const [a = '', b] = words[0] === 'virtual' ? words.slice(1) : words;
  const length = words[0] === 'virtual' ? words.length - 1 : words.length;
  if (length === 1) return a.includes('/') && isPrefix(a, 4);
  return length === 2 && words[0] !== 'virtual' && isAddress(a, 4) && isAddress(b!, 4);
}

function isAddress(text: string, family: Family): boolean {
  return parseAddress(text)?.family === family;
}

function isPrefix(text: string, family: Family): boolean {
  const parsed = parsePrefix(text);
  return 'prefix' in parsed && parsed.prefix.family === family;
}

function listCommand(section: Extract<Section, { kind: 'list' }>, words: string[], line: ConfigLine): string | undefined {
  if (text(words) === 'counters per-entry' || text(words) === 'statistics per-entry') return undefined;
  const numbered = decimal(words[0]!, 4294967295);
  // An entry typed without a number goes after the last one, 10 further, as EOS numbers it.
  const seq = numbered ?? section.last + 10;
  const body = numbered === undefined ? words : words.slice(1);
  if (seq === 0) return 'sequence number 0 is not valid';
  const taken = section.seqs.get(seq);
  if (taken) return `sequence number ${seq} is already taken by line ${taken.line}; this entry is not read`;
  if (body[0] !== 'remark') {
    const parsed = parseRule(body, section.list.family, section.standard);
    if ('error' in parsed) return parsed.error;
    section.pending.push({ seq, rule: parsed.rule, line });
  }
  section.seqs.set(seq, line);
  section.last = Math.max(section.last, seq);
  return undefined;
}

/** A binding to a list the files do not define, or of the other family, cannot be judged from them. */
function checkBindings(config: DeviceConfig): void {
  for (const iface of config.interfaces.values()) {
    for (const [key, binding] of iface.groups) {
      const family = Number(key.split(' ')[0]) as Family;
      if (config.lists.has(listKey(family, binding.list))) continue;
      const other = config.lists.has(listKey(family === 4 ? 6 : 4, binding.list));
      const reason = other
        ? `${binding.list} is an IPv${family === 4 ? 6 : 4} list, bound as IPv${family}`
        : `access list ${binding.list} is not defined in these files`;
      config.unknown.push({ ...binding.line, reason });
    }
  }
}
