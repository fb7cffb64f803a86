import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import type { Program } from '../../src/compile/ir.js';
import { limitFindings } from '../../src/compile/limits.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { CAPACITY_RESOURCES } from '../../src/lang/schema-definitions.js';
import { targets } from '../../targets/registry.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { randomPolicy } from '../sim/random-policy.js';
import { REPO } from '../support/cli.js';
import { diagnose, load, TODAY } from '../support/policy.js';

/** What each target writes, counted from its text the way the device counts it, by resource. */
function counted(program: Program): Record<string, number> {
  const files = targets[program.platform]!.render(program);
  const text = (suffix: string) => files.filter((f) => f.path.endsWith(suffix)).map((f) => f.content).join('\n');
  const lines = (t: string, re: RegExp) => t.split('\n').filter((l) => re.test(l)).length;
  switch (program.platform) {
    case 'extreme-exos':
      return { 'acl-rules-in': lines(text('_in_v4.pol'), /^entry /), 'acl-rules-out': lines(text('_out_v4.pol'), /^entry /) };
    case 'arista-eos': {
      // Rules of lists named <zone>-in-v<f> or <zone>-out-v<f>: one per prefix pair, already expanded.
      const out = { 'acl-entries-in': 0, 'acl-entries-out': 0 };
      let list: 'acl-entries-in' | 'acl-entries-out' | undefined;
      for (const l of text('config.txt').split('\n')) {
        const head = /^ipv?6? access-list \S+-(in|out)-v[46]$/.exec(l);
        if (head) list = head[1] === 'in' ? 'acl-entries-in' : 'acl-entries-out';
        else if (!l.startsWith(' ')) list = undefined;
        else if (list && /^\s+\d+ (permit|deny) /.test(l)) out[list]++;
      }
      return out;
    }
    case 'cisco-ios': {
      // Each ACE once per member of each object group it names.
      const t = text('config.txt');
      const members = new Map<string, number>();
      let group: string | undefined;
      for (const l of t.split('\n')) {
        const head = /^object-group (?:v6-)?network (\S+)$/.exec(l);
        if (head) members.set((group = head[1]!), 0);
        else if (group && l.startsWith(' ') && !l.startsWith(' description')) members.set(group, members.get(group)! + 1);
        else if (!l.startsWith(' ')) group = undefined;
      }
      // The zones' lists, and the lists of the VLAN maps of isolated zones (the same TCAM, README: capacity).
      const zoneLists = new Set(program.kind === 'acl' ? [...program.lists.map((l) => l.name), ...program.interfaces.flatMap((i) => i.isolation?.families.map((f) => f.list) ?? [])] : []);
      let n = 0;
      let list: string | undefined;
      for (const l of t.split('\n')) {
        const head = /^ipv?6? access-list (?:extended )?(\S+)$/.exec(l);
        if (head) list = head[1];
        else if (!l.startsWith(' ')) list = undefined;
        else if (list && zoneLists.has(list) && /^ (permit|deny) /.test(l)) n += [...l.matchAll(/object-group (\S+)/g)].reduce((p, m) => p * members.get(m[1]!)!, 1);
      }
      return { 'acl-entries': n };
    }
    case 'linux-iptables':
      return { rules: lines(text('.v4') + text('.v6'), /^-A /) };
    case 'linux-nftables': {
      let inChain = false;
      let n = 0;
      for (const l of text('.nft').split('\n')) {
        if (/^\tchain \S+ \{$/.test(l)) inChain = true;
        else if (l === '\t}') inChain = false;
        else if (inChain && l.startsWith('\t\t') && !/^\t\t(#|type |$)/.test(l)) n++;
      }
      return { rules: n };
    }
    case 'paloalto-panos': {
      const t = text('config.txt');
      return { 'security-rules': lines(t, /^set rulebase security rules /), 'address-objects': lines(t, /^set address /), 'address-groups': lines(t, /^set address-group /) };
    }
    case 'fortinet-fortios': {
      const out = { 'firewall-policies': 0, 'firewall-addresses': 0, 'firewall-addrgrps': 0 };
      let block: keyof typeof out | undefined;
      for (const l of text('config.txt').split('\n')) {
        if (l === 'config firewall policy') block = 'firewall-policies';
        else if (l === 'config firewall address' || l === 'config firewall address6') block = 'firewall-addresses';
        else if (l === 'config firewall addrgrp' || l === 'config firewall addrgrp6') block = 'firewall-addrgrps';
        else if (l === 'end') block = undefined;
        else if (block && /^ {4}edit /.test(l)) out[block]++;
      }
      return out;
    }
    default:
      return {};
  }
}

async function example() {
  const checked = checkPolicy(await readPolicySources([`${REPO}policies/example-hospital`]), TODAY);
  return { policy: checked.policy, programs: compilePolicy(checked.policy) };
}

describe('capacity: what a point fills, against its budget', () => {
  it("each target's usage is what its text holds, counted the way the device counts it (the example hospital)", async () => {
    const { programs } = await example();
    const platforms = new Set<string>();
    for (const program of programs) {
      const usage = targets[program.platform]!.usage(program);
      const text = counted(program);
      if (Object.keys(text).length === 0) continue;
      platforms.add(program.platform);
      expect(Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.used])), program.point).toEqual(text);
    }
    expect([...platforms].sort()).toEqual(['arista-eos', 'cisco-ios', 'extreme-exos', 'fortinet-fortios', 'linux-iptables', 'linux-nftables', 'paloalto-panos']);
  });

  it('the example hospital fits every default budget', async () => {
    const { policy, programs } = await example();
    for (const program of programs) {
      const target = targets[program.platform]!;
      expect(limitFindings(policy, program, target.capabilities, target.usage(program)), program.point).toEqual([]);
    }
  });

  it('every platform has a budget and a source for each resource, and the schema names every resource', () => {
    const names = new Set<string>();
    for (const target of Object.values(targets)) {
      expect(target.capabilities.capacity.length, target.platform).toBeGreaterThan(0);
      for (const r of target.capabilities.capacity) {
        expect(r.budget).toBeGreaterThan(0);
        expect(r.source.length).toBeGreaterThan(20);
        expect(target.capabilities.notes.some((n) => n.startsWith(`Capacity ${r.name}: `))).toBe(true);
        names.add(r.name);
      }
    }
    expect([...names].sort()).toEqual(CAPACITY_RESOURCES.map(([n]) => n).sort());
  });

  it('compacted lists never fill more of a resource than the rules give them', () => {
    const switches = ['cisco-ios', 'arista-eos', 'juniper-junos', 'aruba-aoscx', 'extreme-exos'];
    fc.assert(
      fc.property(randomPolicy, fc.constantFrom(...switches), ({ yaml }, platform) => {
        const { policy } = loadPolicy([{ path: 'random.yaml', text: yaml.replace('platform: cisco-ios', `platform: ${platform}`) }], { today: TODAY });
        const target = targets[platform]!;
        const loose = compilePolicy(policy, new Set(['ep1']), undefined, { compact: false });
        const tight = compilePolicy(policy, new Set(['ep1']));
        const [a, b] = [target.usage(loose[0]!), target.usage(tight[0]!)];
        for (const [name, use] of Object.entries(b)) expect(use.used, `${platform} ${name}`).toBeLessThanOrEqual(a[name]!.used);
      }),
      { seed: Number(process.env.SEED ?? 20261206), numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('a budget between what the rules give and what compaction leaves is met: check and compile both accept it', async () => {
    const { policy, programs } = await example();
    const loose = compilePolicy(policy, new Set(['ward4-sw']), undefined, { compact: false });
    const [before, after] = [targets['cisco-ios']!.usage(loose[0]!)['acl-entries']!.used, targets['cisco-ios']!.usage(programs.find((p) => p.point === 'ward4-sw')!)['acl-entries']!.used];
    expect(after).toBeLessThan(before);
    const budget = Math.floor((before + after) / 2);
    const sources = await readPolicySources([`${REPO}policies/example-hospital`]);
    const edited = sources.map((f) => (f.path.endsWith('enforcement.yaml') ? { ...f, text: f.text.replace(/(ward4-sw:\s*\{\s*platform: cisco-ios)/, `$1, capacity: { acl-entries: ${budget} }`) } : f));
    expect(edited.find((f) => f.path.endsWith('enforcement.yaml'))!.text).toContain(`capacity: { acl-entries: ${budget} }`);
    const checked = checkPolicy(edited, TODAY);
    expect(checked.findings.filter((d) => d.code.startsWith('WL7'))).toEqual([]);
    // One below what compaction leaves is over, in check as in compile.
    const tight = sources.map((f) => (f.path.endsWith('enforcement.yaml') ? { ...f, text: f.text.replace(/(ward4-sw:\s*\{\s*platform: cisco-ios)/, `$1, capacity: { acl-entries: ${after - 1} }`) } : f));
    const over = checkPolicy(tight, TODAY);
    expect(over.findings.filter((d) => d.code.startsWith('WL7')).map((d) => d.message)).toEqual([expect.stringContaining(`needs ${after} security ACL entries (TCAM, both directions), 1 more than the budget its capacity sets (${after - 1})`)]);
  });

  const TWO = '  a: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: ep }\n  b: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep }\n';
  const policy = (ep: string) => `zones:\n${TWO}flows:\n  - { id: f1, from: a, to: b, services: [https, tcp/8443] }\nenforcement:\n  ep: ${ep}\n`;

  it('a point over a budget its capacity sets is WL711 at the capacity, naming the intents that do not fit', () => {
    const ep = '{ platform: extreme-exos, capacity: { acl-rules-out: 4 } }';
    const found = diagnose(policy(ep)).filter((d) => d.code.startsWith('WL7'));
    expect(found).toHaveLength(1);
    // At the budget (0-based line 7 after the wardline: 1 header), where the fix is written.
    expect(found[0]).toMatchObject({ code: 'WL711', severity: 'error', range: { start: { line: 7, col: `  ep: ${ep}`.indexOf('4 }') } } });
    // EXOS: the flow's entries both ways, and each zone's own-traffic permits on the VLANs.
    expect(found[0]!.message).toBe('"ep" (extreme-exos) needs 37 egress ACL rules, 33 more than the budget its capacity sets (4); what does not fit (largest first, until the rest fits): flow f1 (19), zone a (8), zone b (8)');
    expect(found[0]!.related.map((r) => `${r.range.start.line + 1} ${r.message}`)).toEqual(['6 flow f1 takes 19 of them', '3 zone a takes 8 of them', '4 zone b takes 8 of them']);
  });

  it('the same policy with the budget raised is accepted, and compile records the budget it was given', () => {
    const raised = policy('{ platform: extreme-exos, capacity: { acl-rules-out: 2000 } }');
    expect(diagnose(raised).filter((d) => d.code.startsWith('WL7'))).toEqual([]);
    const { policy: p } = load(raised);
    const [program] = compilePolicy(p);
    const target = targets['extreme-exos']!;
    expect(limitFindings(p, program!, target.capabilities, target.usage(program!))).toEqual([]);
  });

  it('a budget below 1 and a resource the platform does not count are WL712 where they are written', () => {
    const ep = '{ platform: cisco-ios, capacity: { acl-entries: 0 } }';
    expect(diagnose(policy(ep)).filter((d) => d.code === 'WL712').map((d) => `${d.range.start.line + 1}:${d.range.start.col + 1} ${d.message}`)).toEqual([
      `8:${`  ep: ${ep}`.indexOf('0 }') + 1} capacity acl-entries of "ep" is 0; a budget is at least 1`,
    ]);
    expect(diagnose(policy('{ platform: cisco-ios, capacity: { security-rules: 10 } }')).filter((d) => d.code === 'WL712').map((d) => d.message)).toEqual([
      'capacity of "ep" names "security-rules", which cisco-ios does not count',
    ]);
  });

  it('a resource no platform counts is a schema error (WL201)', () => {
    expect(diagnose(policy('{ platform: cisco-ios, capacity: { tcam: 10 } }')).map((d) => d.code)).toContain('WL201');
  });
});
