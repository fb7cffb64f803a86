/**
 * The linux-nftables reader: an `nft -f` ruleset read back under nft(8)'s semantics (issue 15).
 *
 * Semantics, from nft(8) and the nftables wiki (Configuring chains, Netfilter hooks):
 * - The file is one transaction: `table F T {}` declares, `delete table F T` removes, `table F T { ... }` adds to a
 *   table; `flush ruleset`, `flush table|chain`, `add|insert rule`, `add chain|set|element` are read the same way.
 * - A packet meets every base chain (`type filter hook H priority P`) of its hook in priority order (file order on a
 *   tie): a drop ends it, an accept sends it on to the next base chain, the chain's policy (accept when unwritten)
 *   decides when no rule does. Forwarded packets meet the hooks prerouting, forward, postrouting; packets to the
 *   router prerouting and input. Tables of family ip see IPv4 only, ip6 IPv6 only, inet both.
 * - Rules match first to last; a rule without a verdict (counter, log) goes on; `jump` returns at the end of the
 *   called chain or at `return`, `goto` does not; `reject` drops.
 * - `ct state`: a packet the contract calls `established` (a reply) is in state established, a `new` one in state new;
 *   neither is related, invalid or untracked.
 * - Expressions carry their protocol dependency as nft adds it: `ip saddr` matches IPv4 packets only (so does
 *   `ip saddr != X`), `tcp dport` TCP only, `icmp type` IPv4 ICMP only, `icmpv6 type` IPv6 ICMPv6 only; `th dport` matches tcp, udp, sctp, dccp, udplite.
 * - Bridged traffic (switched between stations of a VLAN) meets no ip/ip6/inet hook: `switched` always permits.
 *
 * Syntax understood: the above commands and blocks; in sets `type`, `flags`, `auto-merge`, `counter`, `size`,
 * `comment`, `elements = { ... }` (over several lines too); in chains `type filter hook H priority P` (numbers or
 * raw, mangle, dstnat, filter, security, srcnat, with `+ N`/`- N`), `policy accept|drop`, `comment`, and rules of:
 * `ip|ip6 saddr|daddr`, `ip protocol`, `ip6 nexthdr`, `meta l4proto|nfproto|iifname|oifname`, `iifname`, `oifname`
 * (`*` suffix = prefix), `tcp|udp|sctp|dccp|udplite|th dport|sport`, `tcp flags` (bare list = any set; `==`, `!=`,
 * `{ set }`, `& mask == value`, `value / mask`), `icmp|icmpv6 type|code`, `ct state`, each with `==`, `!=` (and
 * `<`, `>`, `<=`, `>=` on one number) against a value, a range `a-b`, a prefix, `{ anonymous set }` or `@named set`;
 * names of protocols, common services and nft's ICMP types and codes; statements `counter`, `log ...`, `comment`;
 * verdicts `accept`, `drop`, `reject [with ...]`, `jump`, `goto`, `return`. Anything else (maps, vmaps, `limit`,
 * `meta mark`, chains of type nat or route, tables of family bridge, netdev or arp) is returned in `unknown`; a
 * rule that cannot be read is left out of evaluation.
 *
 * Zone links: nftables filters by address and interface name, so a link is read as the name of its interface. It is
 * found by VLAN id first (an interface the ruleset names `vlan<ID>` or `<dev>.<ID>`), then the link's `interface`,
 * then `vlan<ID>` (the usual name of a VLAN device), then the zone's name. The device's uplink side (undefined) has
 * a name the ruleset does not know: `iifname "x"` does not match it, `iifname != "x"` does.
 */
import type { ConfigLine, ConfigReading, Reader, ReadVerdict, UnknownLine, WirePacket, ZoneLink } from '../reader.js';
import { compileRule, type CompiledRule, type Packet } from './read-rule.js';
import { IP_FAMILIES, type NftChain, type NftTable, readRuleset } from './read-ruleset.js';

interface Chain {
  table: NftTable;
  chain: NftChain;
  rules: { rule: CompiledRule; line: ConfigLine }[];
}

const HOOKS = new Set(['prerouting', 'input', 'forward', 'output', 'postrouting']);
const FORWARD_PATH = ['prerouting', 'forward', 'postrouting'];
const INPUT_PATH = ['prerouting', 'input'];
/** More rule visits than any ruleset without a loop needs (nft refuses loops when it loads). */
const MAX_STEPS = 100_000;

export const linuxNftablesReader: Reader = {
  read(files) {
    const ruleset = readRuleset(files);
    const unknown: UnknownLine[] = [...ruleset.unknown];
    const chains = new Map<NftChain, Chain>();
    const names = new Set<string>();
    for (const table of ruleset.tables.filter((t) => IP_FAMILIES.has(t.family))) {
      for (const chain of table.chains.values()) {
        if (chain.base && !HOOKS.has(chain.base.hook)) unknown.push({ ...chain.line, reason: `hook ${chain.base.hook} is not read` });
        const rules: Chain['rules'] = [];
        for (const raw of chain.rules) {
          try {
            rules.push({ rule: compileRule(raw.text, table), line: raw.line });
            for (const m of raw.text.matchAll(/(?:iif|oif)name\s+(?:!=\s*|==\s*)?("[^"]*"|\{[^}]*\})/g)) {
              for (const n of m[1]!.replace(/[{}]/g, '').split(',')) names.add(n.trim().replace(/^"(.*)"$/, '$1'));
            }
          } catch (e) {
            unknown.push({ ...raw.line, reason: (e as Error).message });
          }
        }
        chains.set(chain, { table, chain, rules });
      }
    }
    unknown.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    // A line of several statements (`type ...; policy ...;`) is reported once, for its first.
    const reported = unknown.filter((u, i) => i === 0 || u.file !== unknown[i - 1]!.file || u.line !== unknown[i - 1]!.line);
    const bases = [...chains.values()].filter((c) => c.chain.base && HOOKS.has(c.chain.base.hook));
    bases.sort((a, b) => a.chain.base!.priority - b.chain.base!.priority);

    const linkName = (link: ZoneLink): string => {
      if (link.vlan !== undefined) {
        const v = link.vlan;
        const named = [...names].find((n) => n === `vlan${v}` || new RegExp(`^[A-Za-z][A-Za-z0-9_-]*\\.${v}$`).test(n));
        if (named) return named;
      }
      return link.interface ?? (link.vlan !== undefined ? `vlan${link.vlan}` : link.zone);
    };

    const runChain = (start: Chain, k: Packet): ReadVerdict => {
      const stack: { chain: Chain; index: number }[] = [];
      let chain = start;
      let index = 0;
      const where = (c: Chain) => `table ${c.table.family} ${c.table.name} chain ${c.chain.name}`;
      for (let steps = 0; steps < MAX_STEPS; steps++) {
        const entry = chain.rules[index++];
        if (!entry) {
          const back = stack.pop();
          if (back) ({ chain, index } = back);
          else break;
          continue;
        }
        if (!entry.rule.matches.every((m) => m(k))) continue;
        const v = entry.rule.verdict;
        if (!v) continue;
        if (v.kind === 'accept' || v.kind === 'drop') return { action: v.kind === 'accept' ? 'permit' : 'deny', where: where(chain), lines: [entry.line] };
        if (v.kind === 'return') {
          const back = stack.pop();
          if (back) ({ chain, index } = back);
          else break;
          continue;
        }
        const target = chains.get(chain.table.chains.get(v.chain)!)!;
        if (v.kind === 'jump') stack.push({ chain, index });
        chain = target;
        index = 0;
      }
      const base = start.chain.base!;
      return { action: base.policy === 'accept' ? 'permit' : 'deny', where: `${where(start)} policy ${base.policy}`, lines: base.policyLine ? [base.policyLine] : [] };
    };

    const runHooks = (hooks: string[], k: Packet): ReadVerdict => {
      const passed: ReadVerdict[] = [];
      for (const hook of hooks) {
        for (const c of bases) {
          if (c.chain.base!.hook !== hook || !familySees(c.table.family, k.family)) continue;
          const v = runChain(c, k);
          if (v.action === 'deny') return v;
          passed.push(v);
        }
      }
      if (passed.length === 0) return { action: 'permit', where: `no filter chain on hook ${hooks.join(', ')}`, lines: [] };
      if (passed.length === 1) return passed[0]!;
      return { action: 'permit', where: passed.map((v) => v.where).join('; '), lines: passed.flatMap((v) => v.lines) };
    };

    const reading: ConfigReading = {
      forward(p: WirePacket, from, to, state) {
        return runHooks(FORWARD_PATH, { p, family: familyOf(p), iif: from && linkName(from), oif: to && linkName(to), state });
      },
      toDevice(link, p) {
        return runHooks(INPUT_PATH, { p, family: familyOf(p), iif: linkName(link), state: 'new' });
      },
      switched() {
        return { action: 'permit', where: 'switched within the VLAN: no ip, ip6 or inet hook sees it', lines: [] };
      },
      unknown: reported,
    };
    return reading;
  },
};

const familyOf = (p: WirePacket): 4 | 6 => (p.src >= 1n << 32n ? 6 : 4);

function familySees(family: string, packet: 4 | 6): boolean {
  return family === 'inet' || (family === 'ip' && packet === 4) || (family === 'ip6' && packet === 6);
}
