import { numberedLines, type ConfigFile, type ConfigLine, type UnknownLine } from '../reader.js';
import { parseAce, parseAddressMatch, parsePortEntry, type AceBody, type AddressMatch, type PortSpec } from './read-ace.js';

export type Family = 4 | 6;

export interface Ace extends AceBody {
  seq: number;
  line: ConfigLine;
}

export interface Acl {
  family: Family;
  name: string;
  /** By sequence number: the device evaluates in that order, whatever order the lines came in. */
  aces: Map<number, Ace>;
}

export interface AddressGroup {
  family: Family;
  entries: Map<number, { match: AddressMatch; line: ConfigLine }>;
}

export interface PortGroup {
  entries: Map<number, { spec: PortSpec; line: ConfigLine }>;
}

/** An `apply access-list` line. */
export interface Binding {
  name: string;
  line: ConfigLine;
}

type PerFamily<T> = { 4?: T; 6?: T };

export interface Vlan {
  id: number;
  name?: string;
  in: PerFamily<Binding>;
  out: PerFamily<Binding>;
}

/** An interface VLAN: whether each family is routed on it, and the routed ACLs. */
export interface Svi {
  vlan: number;
  addresses: { 4: string[]; 6: string[] };
  /** Active-gateway (VSX) and VRRP virtual addresses, kept for the reader's users; they filter nothing. */
  virtual: string[];
  helpers: string[];
  routedIn: PerFamily<Binding>;
  routedOut: PerFamily<Binding>;
}

export interface Config {
  acls: Map<string, Acl>;
  addressGroups: Map<string, AddressGroup>;
  portGroups: Map<string, PortGroup>;
  vlans: Map<number, Vlan>;
  svis: Map<number, Svi>;
  unknown: UnknownLine[];
}

/** What a context makes of a line: done, a reason it is wrong, or not one of its commands (try the enclosing context). */
type Outcome = true | string | undefined;
interface Context {
  handle(words: string[], line: ConfigLine): Outcome;
  /** The context a command of this one opens (`vrrp ...` inside an interface VLAN). */
  opened?: Context;
}

const VLAN_ID = /^(?:[1-9]\d{0,2}|[1-3]\d{3}|40[0-8]\d|409[0-4])$/;
const SEQ = /^[1-9]\d{0,9}$/;

export function emptyConfig(): Config {
  return { acls: new Map(), addressGroups: new Map(), portGroups: new Map(), vlans: new Map(), svis: new Map(), unknown: [] };
}

/** Reads every file into one configuration; lines are taken by context as the CLI takes them when pasted. */
export function parseConfig(files: readonly ConfigFile[]): Config {
  const config = emptyConfig();
  for (const file of files) {
    const stack: Context[] = [];
    for (const line of numberedLines(file)) {
      const words = line.text.trim().split(/\s+/).filter((w) => w !== '');
      if (words.length === 0 || words[0]!.startsWith('!')) continue;
      let reason: string | undefined;
      try {
        reason = dispatch(config, stack, words, line);
      } catch (e) {
        reason = `could not read: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (reason !== undefined) config.unknown.push({ ...line, reason });
    }
  }
  config.unknown.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return config;
}

/** Innermost context first, then its enclosing ones, then the global commands (which replace the whole stack). */
function dispatch(config: Config, stack: Context[], words: string[], line: ConfigLine): string | undefined {
  if (words[0] === 'exit') {
    stack.pop();
    return undefined;
  }
  if (words[0] === 'end') {
    stack.length = 0;
    return undefined;
  }
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    const ctx = stack[depth]!;
    const outcome = ctx.handle(words, line);
    if (outcome === undefined) continue;
    stack.length = depth + 1;
    if (ctx.opened) stack.push(ctx.opened);
    ctx.opened = undefined;
    return outcome === true ? undefined : outcome;
  }
  const global = globalCommand(config, words);
  if (typeof global === 'string' || global === undefined) {
    // An unread block: its indented lines are its own, never the previous context's (an ACL bound on a port is not the VLAN's).
    if (!/^\s/.test(line.text)) stack.splice(0, stack.length, unreadBlock(words.join(' ')));
    return global ?? 'unknown command';
  }
  stack.length = 0;
  if (global !== true) stack.push(global);
  return undefined;
}

function unreadBlock(header: string): Context {
  return { handle: (_words, line) => (/^\s/.test(line.text) ? `inside "${header}", which is not read` : undefined) };
}

function globalCommand(config: Config, words: string[]): Context | true | string | undefined {
  const [a, b, c, d] = words;
  if (a === 'configure' || a === 'config' || (a === 'hostname' && words.length === 2)) return true;
  if (a === 'object-group' && (b === 'ip' || b === 'ipv6') && c === 'address' && d && words.length === 4) {
    const family = b === 'ip' ? 4 : 6;
    const existing = config.addressGroups.get(d);
    if (existing && existing.family !== family) return `object group ${d} already exists as IPv${existing.family}`;
    const group = existing ?? { family, entries: new Map() };
    config.addressGroups.set(d, group);
    return addressGroupContext(group);
  }
  if (a === 'object-group' && b === 'port' && c && words.length === 3) {
    const group = config.portGroups.get(c) ?? { entries: new Map() };
    config.portGroups.set(c, group);
    return portGroupContext(group);
  }
  if (a === 'access-list' && (b === 'ip' || b === 'ipv6') && c && words.length === 3) {
    const family = b === 'ip' ? 4 : 6;
    const existing = config.acls.get(c);
    if (existing && existing.family !== family) return `access list ${c} already exists as IPv${existing.family}`;
    const acl = existing ?? { family, name: c, aces: new Map() };
    config.acls.set(c, acl);
    return aclContext(acl);
  }
  if (a === 'no' && b === 'access-list' && (c === 'ip' || c === 'ipv6') && d && words.length === 4) {
    config.acls.delete(d);
    return true;
  }
  if (a === 'vlan' && b && VLAN_ID.test(b) && words.length === 2) return vlanContext(vlanOf(config, Number(b)));
  const sviId = a === 'interface' ? (b === 'vlan' && words.length === 3 ? c : words.length === 2 ? /^vlan(\d+)$/i.exec(b ?? '')?.[1] : undefined) : undefined;
  if (sviId !== undefined && VLAN_ID.test(sviId)) return sviContext(sviOf(config, Number(sviId)));
  if (a === 'interface') return `interface ${words.slice(1).join(' ')}: only interface VLANs are read`;
  return undefined;
}

function vlanOf(config: Config, id: number): Vlan {
  const vlan = config.vlans.get(id) ?? { id, in: {}, out: {} };
  config.vlans.set(id, vlan);
  return vlan;
}

function sviOf(config: Config, id: number): Svi {
  vlanOf(config, id); // an interface VLAN creates its VLAN
  const svi = config.svis.get(id) ?? { vlan: id, addresses: { 4: [], 6: [] }, virtual: [], helpers: [], routedIn: {}, routedOut: {} };
  config.svis.set(id, svi);
  return svi;
}

/** `[seq] rest`: an explicit sequence number, or the next one after the highest (steps of 10, as the CLI numbers). */
function sequenced<T>(entries: Map<number, T>, words: string[]): { seq: number; rest: string[] } {
  if (SEQ.test(words[0]!)) return { seq: Number(words[0]), rest: words.slice(1) };
  const last = Math.max(0, ...entries.keys());
  return { seq: last + 10 - (last % 10), rest: words };
}

/** `no <seq>` removes an entry. */
function removed<T>(entries: Map<number, T>, words: string[]): Outcome {
  if (words[0] !== 'no') return undefined;
  if (words.length !== 2 || !SEQ.test(words[1]!)) return 'only "no <sequence number>" is read in this context';
  entries.delete(Number(words[1]));
  return true;
}

function aclContext(acl: Acl): Context {
  return {
    handle(words, line) {
      const gone = removed(acl.aces, words);
      if (gone !== undefined) return gone;
      if (!SEQ.test(words[0]!) && words[0] !== 'permit' && words[0] !== 'deny' && words[0] !== 'comment') return undefined;
      const { seq, rest } = sequenced(acl.aces, words);
      if (rest[0] === 'comment') return true;
      const body = parseAce(rest, acl.family);
      if (typeof body === 'string') return body;
      acl.aces.set(seq, { ...body, seq, line });
      return true;
    },
  };
}

function addressGroupContext(group: AddressGroup): Context {
  return {
    handle(words, line) {
      const gone = removed(group.entries, words);
      if (gone !== undefined) return gone;
      const { seq, rest } = sequenced(group.entries, words);
      if (rest.length !== 1 || !/[.:]/.test(rest[0]!)) return SEQ.test(words[0]!) ? 'an address group entry is one address or prefix' : undefined;
      const match = parseAddressMatch(rest[0]!, group.family);
      if (typeof match === 'string') return match;
      group.entries.set(seq, { match, line });
      return true;
    },
  };
}

function portGroupContext(group: PortGroup): Context {
  return {
    handle(words, line) {
      const gone = removed(group.entries, words);
      if (gone !== undefined) return gone;
      const { seq, rest } = sequenced(group.entries, words);
      if (!['eq', 'neq', 'gt', 'lt', 'range'].includes(rest[0] ?? '')) return SEQ.test(words[0]!) ? 'a port group entry is eq, neq, gt, lt or range' : undefined;
      const spec = parsePortEntry(rest);
      if (typeof spec === 'string') return spec;
      group.entries.set(seq, { spec, line });
      return true;
    },
  };
}

/** `[no] apply access-list ip|ipv6 NAME DIRECTION`, the directions the context takes mapped to where they bind. */
function applyAcl(words: string[], line: ConfigLine, directions: Record<string, PerFamily<Binding>>): Outcome {
  const no = words[0] === 'no';
  const [apply, list, type, name, direction] = no ? words.slice(1) : words;
  if (apply !== 'apply' || list !== 'access-list') return undefined;
  if (type !== 'ip' && type !== 'ipv6') return `apply access-list ${type ?? ''}: only ip and ipv6 lists are read`;
  const target = directions[direction ?? ''];
  if (!name || !target || words.length !== (no ? 6 : 5)) return `the direction must be one of ${Object.keys(directions).join(', ')}`;
  const family = type === 'ip' ? 4 : 6;
  if (no) delete target[family];
  else target[family] = { name, line };
  return true;
}

const FREE_TEXT = new Set(['name', 'description']);

function vlanContext(vlan: Vlan): Context {
  return {
    handle(words, line) {
      if (FREE_TEXT.has(words[0]!)) {
        if (words[0] === 'name') vlan.name = words.slice(1).join(' ');
        return true;
      }
      if (words[0] === 'vsx-sync' || (words.join(' ') === 'no shutdown' || words.join(' ') === 'shutdown')) return true;
      return applyAcl(words, line, { in: vlan.in, out: vlan.out });
    },
  };
}

const RECOGNISED_SVI = [/^(no )?shutdown$/, /^vrf attach \S+$/, /^ip mtu \d+$/, /^active-gateway (ip|ipv6) mac [0-9a-f:.-]+$/i];

function sviContext(svi: Svi): Context {
  const ctx: Context = {
    handle(words, line) {
      const text = words.join(' ');
      if (words[0] === 'description' || RECOGNISED_SVI.some((r) => r.test(text))) return true;
      const [a, b, c, d, e] = words;
      if ((a === 'ip' || a === 'ipv6') && b === 'address') return sviAddress(svi, a === 'ip' ? 4 : 6, words.slice(2));
      if (a === 'active-gateway' && (b === 'ip' || b === 'ipv6') && c && words.length === 3) return virtualAddress(svi, b === 'ip' ? 4 : 6, c);
      if (a === 'ip' && b === 'helper-address' && c && (words.length === 3 || (words.length === 5 && d === 'vrf'))) return helper(svi, 4, c);
      if (a === 'ipv6' && b === 'helper-address' && c === 'unicast' && d && (words.length === 4 || (words.length === 6 && e === 'vrf'))) return helper(svi, 6, d);
      if (a === 'vrrp' && b && /^\d+$/.test(b) && c === 'address-family' && (d === 'ipv4' || d === 'ipv6') && words.length === 4) {
        ctx.opened = vrrpContext(svi, d === 'ipv4' ? 4 : 6);
        return true;
      }
      return applyAcl(words, line, { 'routed-in': svi.routedIn, 'routed-out': svi.routedOut });
    },
  };
  return ctx;
}

function sviAddress(svi: Svi, family: Family, rest: string[]): Outcome {
  if (family === 6 && (rest.join(' ') === 'autoconfig' || rest.join(' ') === 'link-local')) {
    svi.addresses[6].push(rest.join(' '));
    return true;
  }
  const [prefix, extra] = family === 6 && rest[0] === 'link-local' ? rest.slice(1) : rest;
  if (!prefix || !/\/\d+$/.test(prefix) || (extra !== undefined && !(family === 4 && extra === 'secondary' && rest.length === 2))) {
    return `interface address: expected ${family === 4 ? 'ip address A.B.C.D/len [secondary]' : 'ipv6 address X::Y/len'}`;
  }
  const match = parseAddressMatch(prefix, family);
  if (typeof match === 'string') return match;
  // Without `secondary` an IPv4 address replaces the primary one.
  if (family === 4 && extra === undefined) svi.addresses[4].splice(0, 1, prefix);
  else svi.addresses[family].push(prefix);
  return true;
}

function virtualAddress(svi: Svi, family: Family, text: string): Outcome {
  const match = parseAddressMatch(text, family);
  if (typeof match === 'string' || text.includes('/')) return `active-gateway: "${text}" is not an IPv${family} address`;
  svi.virtual.push(text);
  return true;
}

function helper(svi: Svi, family: Family, text: string): Outcome {
  const match = parseAddressMatch(text, family);
  if (typeof match === 'string' || text.includes('/')) return `helper-address: "${text}" is not an IPv${family} address`;
  svi.helpers.push(text);
  return true;
}

/** `vrrp N address-family ipv4|ipv6`: virtual addresses and the group's settings, none of which filters. */
function vrrpContext(svi: Svi, family: Family): Context {
  return {
    handle(words) {
      const text = words.join(' ');
      if (/^(no )?(shutdown|preempt)$/.test(text) || /^(priority|version) \d+$/.test(text)) return true;
      if (words[0] === 'address' && words[1] && (words.length === 2 || (words.length === 3 && /^(primary|secondary)$/.test(words[2]!)))) {
        return virtualAddress(svi, family, words[1]);
      }
      return undefined;
    },
  };
}
