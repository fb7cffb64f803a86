import { keyFamily, type Family } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigLine, UnknownLine, WirePacket } from '../reader.js';
import { linesHolding, type AddressBook } from './read-addresses.js';
import { serviceClause, type ServiceBook } from './read-services.js';
import type { Block } from './read-syntax.js';
import { badField, one, tableOf, type Entry } from './read-table.js';

/** Where a packet enters or leaves: the interface, and the FortiOS zone holding it (either may be unknown). */
export interface Side {
  iface?: string;
  zone?: string;
}

/** One policy (forwarding or local-in), checked at read time; one that cannot be evaluated matches nothing. */
export interface Rule {
  entry: Entry;
  action: 'accept' | 'deny';
  enabled: boolean;
  srcintf: string[];
  dstintf: string[];
  /** Address names per family the policy matches (a consolidated policy may hold both). */
  addr: Partial<Record<Family, { src: string[]; dst: string[]; srcNegate: boolean; dstNegate: boolean; fields: [string, string] }>>;
  services: string[];
  serviceNegate: boolean;
}

const COMMON = ['uuid', 'comments', 'status', 'schedule', 'action', 'service', 'srcaddr', 'dstaddr', 'service-negate', 'srcaddr-negate', 'dstaddr-negate'];
const POLICY = new Set([
  ...COMMON,
  ...['name', 'srcintf', 'dstintf', 'srcaddr6', 'dstaddr6', 'srcaddr6-negate', 'dstaddr6-negate', 'logtraffic', 'logtraffic-start', 'nat', 'global-label'],
]);
const LOCAL_IN = new Set([...COMMON, 'intf', 'ha-mgmt-intf-only']);

type Kind = 'policy' | 'policy6' | 'local-in-policy' | 'local-in-policy6';

function rule(entry: Entry, kind: Kind, addresses: AddressBook, services: ServiceBook, unknown: UnknownLine[]): Rule {
  const list = (key: string) => entry.fields.get(key)?.values ?? [];
  const flag = (key: string) => one(entry, key) === 'enable';
  const localIn = kind.startsWith('local-in');
  // Both lists default to deny (FortiOS CLI reference).
  const action = one(entry, 'action') ?? 'deny';
  const out: Rule = {
    entry,
    action: action === 'accept' ? 'accept' : 'deny',
    enabled: one(entry, 'status') !== 'disable',
    srcintf: localIn ? list('intf') : list('srcintf'),
    dstintf: localIn ? ['any'] : list('dstintf'),
    addr: {},
    services: list('service'),
    serviceNegate: flag('service-negate'),
  };
  if (action !== 'accept' && action !== 'deny') {
    badField(entry, 'action', `action "${action}" is not evaluated (accept or deny)`, unknown);
    out.enabled = false;
  }
  const schedule = one(entry, 'schedule');
  if (schedule !== undefined && schedule !== 'always') {
    badField(entry, 'schedule', `schedule "${schedule}" depends on the time of day: only "always" is evaluated`, unknown);
    out.enabled = false;
  }
  const pairs: [Family, string, string][] =
    kind === 'policy' ? [[4, 'srcaddr', 'dstaddr'], [6, 'srcaddr6', 'dstaddr6']] : [[kind.endsWith('6') ? 6 : 4, 'srcaddr', 'dstaddr']];
  for (const [family, s, d] of pairs) {
    const src = list(s);
    const dst = list(d);
    for (const [key, names] of [[s, src], [d, dst]] as const) {
      for (const n of names) if (!addresses[family].has(n)) badField(entry, key, `"${n}" is not an IPv${family} address or group of this config`, unknown);
    }
    if (src.length && dst.length) out.addr[family] = { src, dst, srcNegate: flag(`${s}-negate`), dstNegate: flag(`${d}-negate`), fields: [s, d] };
  }
  for (const n of out.services) if (!services.has(n)) badField(entry, 'service', `service "${n}" is not defined in this config nor predefined`, unknown);
  return out;
}

/** The forwarding policy list in evaluation order (`firewall policy`, then a legacy `firewall policy6`), and the local-in lists. */
export function readPolicies(blocks: readonly Block[], addresses: AddressBook, services: ServiceBook, unknown: UnknownLine[]) {
  const read = (kind: Kind) => tableOf(blocks, `firewall ${kind}`, kind.startsWith('local-in') ? LOCAL_IN : POLICY, unknown).map((e) => rule(e, kind, addresses, services, unknown));
  return { forward: [...read('policy'), ...read('policy6')], localIn: [...read('local-in-policy'), ...read('local-in-policy6')] };
}

const sideMatches = (names: string[], side: Side) => names.some((n) => n === 'any' || n === side.iface || n === side.zone);

/** The first enabled rule that takes the packet between the two sides, with the lines that decide it. */
export function firstMatch(rules: readonly Rule[], p: WirePacket, from: Side, to: Side, addresses: AddressBook, services: ServiceBook): { rule: Rule; lines: ConfigLine[] } | undefined {
  const family = keyFamily(p.src);
  for (const r of rules) {
    const addr = r.addr[family];
    if (!r.enabled || !addr || !sideMatches(r.srcintf, from) || !sideMatches(r.dstintf, to)) continue;
    const hit = (names: string[], key: bigint, negate: boolean) => {
      const holding = names.map((n) => addresses[family].get(n)).filter((o) => o && iv.contains(o.set, key));
      return holding.length > 0 !== negate ? holding.flatMap((o) => linesHolding(o!, key)) : undefined;
    };
    const srcLines = hit(addr.src, p.src, addr.srcNegate);
    const dstLines = srcLines && hit(addr.dst, p.dst, addr.dstNegate);
    if (!srcLines || !dstLines) continue;
    const clauses = r.services.map((n) => services.get(n)).map((s) => s && serviceClause(s, p)).filter((c) => c !== undefined);
    if (clauses.length > 0 === r.serviceNegate) continue;
    const fields = ['srcintf', 'dstintf', 'intf', ...addr.fields, 'service', 'action'].flatMap((k) => r.entry.fields.get(k)?.lines ?? []);
    const serviceLines = clauses.flatMap((c) => (c.line ? [c.line] : []));
    return { rule: r, lines: sorted([r.entry.line, ...fields, ...srcLines, ...dstLines, ...serviceLines]) };
  }
  return undefined;
}

/** Lines in file and line order, each once. */
export function sorted(lines: ConfigLine[]): ConfigLine[] {
  const seen = new Map(lines.map((l) => [`${l.file}\0${String(l.line).padStart(9, '0')}`, l]));
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}
