/**
 * The linux-iptables reader: iptables-restore files (`rules.v4` for iptables, `rules.v6` for ip6tables; a path with
 * `v6` or `ip6` in it is IPv6) read back under iptables(8), iptables-extensions(8) and iptables-restore(8) (issue 15).
 *
 * Semantics:
 * - Only the filter table filters: `*filter` ... `COMMIT`. `:CHAIN POLICY [p:b]` declares a chain (built-in chains
 *   take ACCEPT or DROP, user chains `-`); `-F`, `-X`, `-N`, `-P`, `-A`, `-I [n]` change it as iptables does.
 *   A table without COMMIT is refused whole by iptables-restore: reported, and read as written.
 * - Forwarded packets traverse FORWARD, packets to the router INPUT: rules first to last; LOG (and a rule without
 *   `-j`) goes on; ACCEPT, DROP and REJECT decide; `-j CHAIN` returns at RETURN or the chain's end, `-g CHAIN` does
 *   not; RETURN or the end of a built-in chain applies its policy (ACCEPT unless declared).
 * - The file is loaded with --noflush and cannot hook a chain into INPUT idempotently: a file that adds no rule to
 *   INPUT but defines the chain `wardline-input` is read with INPUT's one rule `-j wardline-input`, as the file's
 *   own comment tells the operator to add (`iptables -I INPUT -j wardline-input`).
 * - `-p 0` and `-p all` are every protocol (the kernel's wildcard); `-s`/`-d` take comma-separated lists (one
 *   kernel rule per address pair: a match on any) of addresses, prefixes and dotted masks; host bits are cleared.
 * - Connection state: a packet the contract calls `established` is ESTABLISHED, a `new` one NEW; neither RELATED,
 *   INVALID, UNTRACKED, SNAT nor DNAT.
 * - ip6tables' `-p` names the upper-layer protocol; bridged traffic never meets FORWARD: `switched` always permits.
 *
 * Syntax understood in rules: `[!] -s|-d|--source|--destination LIST`, `[!] -p PROTO` (name or number), `[!] -i|-o
 * NAME` (`+` suffix = prefix), `-m tcp|udp|sctp|dccp|udplite|icmp|icmp6|multiport|conntrack|state|comment|iprange`,
 * `[!] --dport|--sport P[:P]`, `[!] --dports|--sports|--ports LIST` (multiport, 15 slots), `--tcp-flags MASK COMP`,
 * `--syn`, `--icmp-type` / `--icmpv6-type` (name, type, type/code, any), `--ctstate`, `--state`, `--src-range`,
 * `--dst-range`, `--comment`, `-j ACCEPT|DROP|REJECT|RETURN|LOG|CHAIN`, `-g CHAIN`, `--log-*`, `--reject-with`,
 * `-c P B` and leading `[P:B]` counters, `-4`/`-6`. Anything else (other tables, other matches and targets) is
 * returned in `unknown`; a rule that cannot be read is left out of evaluation.
 *
 * Zone links: a link is read as the name of its interface, found by VLAN id first (an interface a rule names
 * `vlan<ID>` or `<dev>.<ID>`), then the link's `interface` (`*` suffix read as iptables' `+`), then `vlan<ID>`,
 * then the zone's name. The uplink side (undefined) has a name no `-i X` matches; `! -i X` does.
 */
import {
  type ConfigFile,
  type ConfigLine,
  type ConfigReading,
  numberedLines,
  type Reader,
  type ReadVerdict,
  type UnknownLine,
  type WirePacket,
  type ZoneLink,
} from '../reader.js';
import { compileRule, type Packet, type Rule, splitArguments } from './read-rule.js';

interface Chain {
  name: string;
  builtin: boolean;
  policy: 'ACCEPT' | 'DROP';
  policyLine?: ConfigLine;
  rules: { rule: Rule; line: ConfigLine }[];
}

interface FilterTable {
  family: 4 | 6;
  chains: Map<string, Chain>;
}

const BUILTIN = ['INPUT', 'FORWARD', 'OUTPUT'];
const HOOKED_BY_HAND = 'wardline-input';
const MAX_STEPS = 100_000;

const emptyTable = (family: 4 | 6): FilterTable => ({
  family,
  chains: new Map(BUILTIN.map((name) => [name, { name, builtin: true, policy: 'ACCEPT', rules: [] }])),
});

function readFile(file: ConfigFile, unknown: UnknownLine[], names: Set<string>): FilterTable {
  const family = /v6|ip6/i.test(file.path) ? 6 : 4;
  const table = emptyTable(family);
  const unknownAt = (line: ConfigLine, reason: string) => unknown.push({ ...line, reason });
  let inTable: { name: string; line: ConfigLine } | undefined;
  for (const line of numberedLines(file)) {
    const text = line.text.trim();
    if (!text || text.startsWith('#')) continue;
    if (text.startsWith('*')) {
      if (inTable) unknownAt(inTable.line, `table ${inTable.name} has no COMMIT before the next table`);
      inTable = { name: text.slice(1), line };
      if (inTable.name !== 'filter') unknownAt(line, `table ${inTable.name} is not read (only filter filters)`);
      continue;
    }
    if (!inTable) {
      unknownAt(line, 'a line outside any table (*filter ... COMMIT)');
      continue;
    }
    if (text === 'COMMIT') {
      inTable = undefined;
      continue;
    }
    if (inTable.name !== 'filter') {
      unknownAt(line, `table ${inTable.name} is not read (only filter filters)`);
      continue;
    }
    try {
      command(text, line);
    } catch (e) {
      unknownAt(line, (e as Error).message);
    }
  }
  if (inTable) unknownAt(inTable.line, `table ${inTable.name} has no COMMIT: iptables-restore refuses the file`);
  return table;

  function chainNamed(name: string | undefined): Chain {
    const chain = table.chains.get(name ?? '');
    if (!chain) throw new Error(`chain ${name} is not declared`);
    return chain;
  }

  function command(text: string, line: ConfigLine): void {
    const declaration = /^:(\S+)\s+(\S+)(?:\s+\[[0-9]+:[0-9]+\])?$/.exec(text);
    if (declaration) {
      const [, name, policy] = declaration as unknown as [string, string, string];
      const builtin = BUILTIN.includes(name);
      if (builtin ? policy !== 'ACCEPT' && policy !== 'DROP' : policy !== '-') throw new Error(`chain ${name} cannot take policy ${policy}`);
      const chain = table.chains.get(name) ?? { name, builtin, policy: 'ACCEPT', rules: [] };
      if (builtin) Object.assign(chain, { policy, policyLine: line });
      else chain.rules = [];
      table.chains.set(name, chain);
      return;
    }
    let args = splitArguments(text);
    // Counters before the rule: `[packets:bytes] -A ...`.
    if (/^\[[0-9]+:[0-9]+\]$/.test(args[0] ?? '')) args = args.slice(1);
    if (args.includes('-6') || args.includes('--ipv6')) {
      if (family === 4) return;
      args = args.filter((a) => a !== '-6' && a !== '--ipv6');
    }
    if (args.includes('-4') || args.includes('--ipv4')) {
      if (family === 6) return;
      args = args.filter((a) => a !== '-4' && a !== '--ipv4');
    }
    const [verb, name] = args;
    switch (verb) {
      case '-F':
      case '--flush':
        for (const chain of name ? [chainNamed(name)] : table.chains.values()) chain.rules = [];
        return;
      case '-N':
      case '--new-chain':
        if (!name || table.chains.has(name)) throw new Error(`chain ${name} cannot be created`);
        table.chains.set(name, { name, builtin: false, policy: 'ACCEPT', rules: [] });
        return;
      case '-X':
      case '--delete-chain':
        for (const chain of name ? [chainNamed(name)] : [...table.chains.values()]) if (!chain.builtin) table.chains.delete(chain.name);
        return;
      case '-P':
      case '--policy': {
        const chain = chainNamed(name);
        if (!chain.builtin || (args[2] !== 'ACCEPT' && args[2] !== 'DROP') || args.length !== 3) throw new Error('-P takes a built-in chain and ACCEPT or DROP');
        Object.assign(chain, { policy: args[2], policyLine: line });
        return;
      }
      case '-A':
      case '--append':
      case '-I':
      case '--insert': {
        const chain = chainNamed(name);
        const insert = verb === '-I' || verb === '--insert';
        const position = insert && /^[0-9]+$/.test(args[2] ?? '') ? Number(args[2]) : undefined;
        const rest = args.slice(position === undefined ? 2 : 3);
        const rule = compileRule(rest, family, new Set(table.chains.keys()));
        for (let j = 0; j < rest.length - 1; j++) if (rest[j] === '-i' || rest[j] === '-o') names.add(rest[j + 1]!);
        const entry = { rule, line };
        if (!insert) chain.rules.push(entry);
        else chain.rules.splice(Math.max(0, (position ?? 1) - 1), 0, entry);
        return;
      }
      default:
        throw new Error(`command "${verb}" is not read by this reader`);
    }
  }
}

export const linuxIptablesReader: Reader = {
  read(files) {
    const unknown: UnknownLine[] = [];
    const names = new Set<string>();
    const tables = new Map<4 | 6, FilterTable>();
    for (const file of files) {
      const table = readFile(file, unknown, names);
      if (tables.has(table.family)) unknown.push({ file: file.path, line: 1, text: numberedLines(file)[0]?.text ?? '', reason: `a second IPv${table.family} file` });
      else tables.set(table.family, table);
    }
    unknown.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));

    const linkName = (link: ZoneLink): string => {
      if (link.vlan !== undefined) {
        const v = link.vlan;
        const named = [...names].find((n) => n === `vlan${v}` || new RegExp(`^[A-Za-z][A-Za-z0-9_-]*\\.${v}$`).test(n));
        if (named) return named;
      }
      return link.interface?.replace(/\*$/, '+') ?? (link.vlan !== undefined ? `vlan${link.vlan}` : link.zone);
    };

    const run = (builtin: string, k: Packet): ReadVerdict => {
      const family = k.p.src >= 1n << 32n ? 6 : 4;
      const tool = family === 4 ? 'iptables' : 'ip6tables';
      const table = tables.get(family);
      if (!table) return { action: 'permit', where: `no ${tool} rules file`, lines: [] };
      const start = table.chains.get(builtin)!;
      let rules = start.rules;
      if (builtin === 'INPUT' && rules.length === 0 && table.chains.has(HOOKED_BY_HAND)) {
        rules = [{ rule: { matches: [], target: { kind: 'jump', chain: HOOKED_BY_HAND } }, line: { file: '', line: 0, text: '' } }];
      }
      const stack: { chain: Chain; rules: Chain['rules']; index: number }[] = [];
      let chain = start;
      let index = 0;
      for (let steps = 0; steps < MAX_STEPS; steps++) {
        const entry = rules[index++];
        const back = () => {
          const frame = stack.pop();
          if (frame) ({ chain, rules, index } = frame);
          return frame !== undefined;
        };
        if (!entry) {
          if (back()) continue;
          break;
        }
        if (!entry.rule.matches.every((m) => m(k))) continue;
        const t = entry.rule.target;
        if (!t || t.kind === 'LOG') continue;
        if (t.kind === 'ACCEPT' || t.kind === 'DROP') return { action: t.kind === 'ACCEPT' ? 'permit' : 'deny', where: `${tool} ${chain.name}`, lines: [entry.line] };
        if (t.kind === 'RETURN') {
          if (back()) continue;
          break;
        }
        const target = table.chains.get(t.chain);
        if (!target) continue;
        if (t.kind === 'jump') stack.push({ chain, rules, index });
        chain = target;
        rules = target.rules;
        index = 0;
      }
      return { action: start.policy === 'ACCEPT' ? 'permit' : 'deny', where: `${tool} ${start.name} policy ${start.policy}`, lines: start.policyLine ? [start.policyLine] : [] };
    };

    const reading: ConfigReading = {
      forward(p: WirePacket, from, to, state) {
        return run('FORWARD', { p, iif: from && linkName(from), oif: to && linkName(to), state });
      },
      toDevice(link, p) {
        return run('INPUT', { p, iif: linkName(link), state: 'new' });
      },
      switched() {
        return { action: 'permit', where: 'switched within the VLAN: FORWARD never sees it', lines: [] };
      },
      unknown,
    };
    return reading;
  },
};
