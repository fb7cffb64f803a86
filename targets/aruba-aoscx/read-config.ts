import { numberedLines, type ConfigFile, type ConfigLine } from '../reader.js';
import { parseAce, parseAddressMatch, parsePortEntry } from './read-ace.js';
import type { Acl, AddressGroup, Config, Context, Outcome, PortGroup, Svi, Vlan } from './read-model.js';
import { sviContext, vlanContext } from './read-vlans.js';

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
  if (words[0] !== 'no' || words.length !== 2 || !SEQ.test(words[1]!)) return undefined;
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
