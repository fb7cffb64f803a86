import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FirewallProgram, FirewallRule, Program } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { linuxIptablesTarget } from './index.js';

const files = (p: Program) => Object.fromEntries(linuxIptablesTarget.render(p).map((f) => [f.path, f.content]));
const v4 = (p: Program) => files(p)['rules.v4']!;
const v6 = (p: Program) => files(p)['rules.v6']!;

function rule(over: Partial<FirewallRule> = {}): FirewallRule {
  return {
    name: 'pumps-to-server-v4',
    action: 'permit',
    family: 4,
    fromZones: ['ward'],
    toZones: ['transit'],
    src: ['pumps_v4'],
    dst: ['server_v4'],
    services: [{ proto: 6, ports: [{ lo: 443, hi: 443 }] }],
    log: false,
    provenance: { kind: 'flow', id: 'pumps-to-server', file: 'flows.yaml', line: 3 },
    description: 'pumps-to-server: drug library updates',
    ...over,
  };
}

function program(rules: FirewallRule[], over: Partial<FirewallProgram> = {}): FirewallProgram {
  return {
    kind: 'firewall',
    point: 'r1',
    platform: 'linux-iptables',
    objects: [
      { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
      { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.10.22/31'], origin: 'server' },
      { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
      { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128'], origin: 'server' },
    ],
    zones: [
      { name: 'ward', local: true, isolation: false, vlan: 120, gateways: [{ family: 4, address: '10.20.0.1', length: 22 }] },
      { name: 'transit', local: false, isolation: false, gateways: [] },
    ],
    rules,
    gateway: [],
    ...over,
  };
}

/** The rule lines the IR's rules became (not the state rules, comments or table lines). */
const ruleLines = (text: string) => text.split('\n').filter((l) => l.startsWith('-A FORWARD') && !l.includes('conntrack'));

// --- the real tools: `--test` parses and builds the ruleset without committing; it needs CAP_NET_ADMIN.
type ToolResult = { ok: boolean; output: string } | { skipped: string };

async function restoreTest(tool: 'iptables-restore' | 'ip6tables-restore', text: string): Promise<ToolResult> {
  const version = await execa(tool, ['--version'], { reject: false });
  if (version.failed) return { skipped: `${tool} is not installed (apt-get install iptables)` };
  // As root, test directly; otherwise in a user and network namespace of our own, where we hold CAP_NET_ADMIN.
  const root = process.getuid?.() === 0;
  const r = root
    ? await execa(tool, ['--test'], { input: text, reject: false })
    : await execa('unshare', ['-rn', tool, '--test'], { input: text, reject: false });
  const output = `${r.stdout}${r.stderr}`;
  if (!root && (r.exitCode === undefined || /Operation not permitted|Permission denied|unshare failed/.test(output))) {
    return { skipped: `${tool} --test needs root or a user namespace (unshare -rn): ${output.trim() || r.message}` };
  }
  return { ok: r.exitCode === 0, output };
}

/** True when the tool could not run: a visible warning locally, a failure under CI=true. */
function skipped(r: ToolResult): r is { skipped: string } {
  if (!('skipped' in r)) return false;
  expect(process.env.CI, `the iptables check must run in CI: ${r.skipped}`).not.toBe('true');
  console.warn(`SKIPPED iptables check: ${r.skipped}`);
  return true;
}

async function expectRestoreAccepts(p: Program): Promise<void> {
  for (const [tool, text] of [['iptables-restore', v4(p)], ['ip6tables-restore', v6(p)]] as const) {
    const r = await restoreTest(tool, text);
    if (skipped(r)) return;
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  }
}

describe('linux-iptables on the example hospital', () => {
  it('matches the golden files of every linux-iptables point', async () => {
    const programs = await exampleProgram('linux-iptables');
    expect(programs.map((p) => p.point)).toEqual(['biomed-router']);
    for (const p of programs) {
      const rendered = linuxIptablesTarget.render(p);
      expect(rendered.map((f) => f.path)).toEqual(['rules.v4', 'rules.v6']);
      for (const f of rendered) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('passes iptables-restore --test and ip6tables-restore --test', async () => {
    for (const p of await exampleProgram('linux-iptables')) await expectRestoreAccepts(p);
  });

  it('has a check that can fail: iptables-restore refuses a broken file', async () => {
    const r = await restoreTest('iptables-restore', '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n');
    if (skipped(r)) return;
    expect(r.ok).toBe(false);
  });

  it('uses IR names that are safe, and fit nameMax where iptables names things', async () => {
    for (const p of await exampleProgram('linux-iptables')) {
      if (p.kind !== 'firewall') continue;
      for (const name of [...p.objects.map((o) => o.name), ...p.rules.map((r) => r.name)]) {
        expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/);
      }
      // The built-in FORWARD chain and wardline's own input chain: no chain name longer than nameMax is ever declared.
      const chains = [v4(p), v6(p)].flatMap((t) => t.split('\n').filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0]!));
      expect(new Set(chains)).toEqual(new Set(['FORWARD', 'wardline-input']));
      expect(Math.max(...chains.map((c) => c.length))).toBeLessThanOrEqual(linuxIptablesTarget.capabilities.nameMax);
    }
  });

  it('is the same bytes twice, each file ending with COMMIT and a newline', async () => {
    const [p] = await exampleProgram('linux-iptables');
    expect(files(p!)).toEqual(files(p!));
    expect(v4(p!).endsWith('\nCOMMIT\n')).toBe(true);
    expect(v6(p!).endsWith('\nCOMMIT\n')).toBe(true);
  });
});

describe('linux-iptables rules', () => {
  it('spells prefixes inline, state rules first, LOG before a logged verdict, in IR order', () => {
    const text = v4(program([rule(), rule({ name: 'no-ssh-v4', action: 'deny', log: true, services: [{ proto: 6, ports: [{ lo: 22, hi: 22 }] }] })]));
    expect(text).toContain('*filter\n:FORWARD DROP [0:0]\n-F FORWARD\n');
    expect(text.indexOf('--ctstate ESTABLISHED,RELATED -j ACCEPT')).toBeLessThan(text.indexOf('--ctstate INVALID -j DROP'));
    expect(ruleLines(text)).toEqual([
      '-A FORWARD -s 10.20.1.0/24 -d 10.50.10.20/32,10.50.10.22/31 -p tcp --dport 443 -m comment --comment "pumps-to-server: drug library updates" -j ACCEPT',
      '-A FORWARD -s 10.20.1.0/24 -d 10.50.10.20/32,10.50.10.22/31 -p tcp --dport 22 -m comment --comment "pumps-to-server: drug library updates" -j LOG --log-prefix "wl D no-ssh-v4 "',
      '-A FORWARD -s 10.20.1.0/24 -d 10.50.10.20/32,10.50.10.22/31 -p tcp --dport 22 -m comment --comment "pumps-to-server: drug library updates" -j DROP',
    ]);
  });

  it('names the intent and the objects above each rule', () => {
    expect(v4(program([rule()]))).toContain('# pumps-to-server-v4 (ward -> transit): flow pumps-to-server (flows.yaml:3)\n#   pumps_v4 -> server_v4\n-A FORWARD');
  });

  it('puts each family in its own file, IPv6 with ipv6-icmp types', () => {
    const p = program([rule(), rule({ name: 'ping6', family: 6, src: ['pumps_v6'], dst: ['server_v6'], services: [{ proto: 58, icmp: [{ type: 128 }, { type: 1, code: 4 }] }] })]);
    expect(ruleLines(v6(p))).toEqual([
      '-A FORWARD -s fd00:20::/64 -d fd00:50::20/128 -p ipv6-icmp --icmpv6-type echo-request -m comment --comment "pumps-to-server: drug library updates" -j ACCEPT',
      '-A FORWARD -s fd00:20::/64 -d fd00:50::20/128 -p ipv6-icmp --icmpv6-type 1/4 -m comment --comment "pumps-to-server: drug library updates" -j ACCEPT',
    ]);
    expect(ruleLines(v4(p))).toHaveLength(1);
  });

  it('spells ICMP types by name or number and type/code pairs', () => {
    const lines = ruleLines(v4(program([rule({ services: [{ proto: 1, icmp: [{ type: 8 }, { type: 42 }, { type: 3, code: 4 }] }] })])));
    expect(lines.map((l) => l.replace(/^.* -p /, '-p ').replace(/ -m comment.*/, ''))).toEqual([
      '-p icmp --icmp-type echo-request',
      '-p icmp --icmp-type 42',
      '-p icmp --icmp-type 3/4',
    ]);
  });

  it('spells port ranges, multiport up to 15 ports (a range counting two), and whole or unnamed protocols', async () => {
    const ports = [{ lo: 1, hi: 2 }, ...Array.from({ length: 14 }, (_, i) => ({ lo: 10 + i, hi: 10 + i }))];
    const p = program([rule({ src: ['any'], dst: ['any'], services: [{ proto: 17, ports }, { proto: 6, ports: [{ lo: 1024, hi: 65535 }] }, { proto: 'any' }, { proto: 47 }, { proto: 6 }] })]);
    const lines = ruleLines(v4(p));
    expect(lines.map((l) => l.replace(/ -m comment.*/, ''))).toEqual([
      '-A FORWARD -p udp -m multiport --dports 1:2,10,11,12,13,14,15,16,17,18,19,20,21,22',
      '-A FORWARD -p udp --dport 23',
      '-A FORWARD -p tcp --dport 1024:65535',
      '-A FORWARD',
      '-A FORWARD -p 47',
      '-A FORWARD -p tcp',
    ]);
    await expectRestoreAccepts(p);
  });

  it('cuts long prefix lists into arguments iptables-restore takes', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `10.${Math.floor(i / 256) + 100}.${i % 256}.0/24`);
    const p = program([rule({ src: ['many_v4'] })], { objects: [...program([]).objects, { name: 'many_v4', family: 4, prefixes: many, origin: 'many' }] });
    const lines = ruleLines(v4(p));
    expect(lines.length).toBeGreaterThan(1);
    const spelled = lines.flatMap((l) => /-s (\S+)/.exec(l)![1]!.split(','));
    expect(spelled).toEqual(many);
    for (const l of lines) expect(/-s (\S+)/.exec(l)![1]!.length).toBeLessThan(1024);
    await expectRestoreAccepts(p);
  });

  it('makes no rule from an empty address or service list, which matches nothing', () => {
    const p = program([rule({ dst: [] }), rule({ services: [] })], { objects: [...program([]).objects, { name: 'none_v4', family: 4, prefixes: [], origin: 'none' }] });
    expect(ruleLines(v4(p))).toEqual([]);
    expect(ruleLines(v4(program([rule({ src: ['none_v4'] })], { objects: p.objects })))).toEqual([]);
  });

  it('logs only rules that ask for it, with a prefix of at most 29 characters', () => {
    const text = v4(program([rule({ name: 'quiet' }), rule({ name: 'a-very-long-rule-name-of-31-chr', log: true })]));
    expect(ruleLines(text).map((l) => l.endsWith('-j ACCEPT'))).toEqual([true, false, true]);
    const prefix = /--log-prefix "([^"]*)"/.exec(text)![1]!;
    expect(prefix).toBe('wl A a-very-long-rule-name-o ');
    expect(prefix.length).toBe(29);
  });

  it('refuses an unsafe name or an unknown object instead of spelling it', () => {
    expect(() => v4(program([rule({ name: 'x" -j ACCEPT #', log: true })]))).toThrow(/unsafe name/);
    expect(() => v4(program([rule({ src: ['nowhere_v4'] })]))).toThrow(/does not define/);
  });

  it('is deterministic', () => {
    const p = program([rule(), rule({ name: 'b', family: 6, src: ['pumps_v6'], dst: ['any'] })]);
    expect(files(p)).toEqual(files(structuredClone(p)));
  });
});

describe('linux-iptables free text', () => {
  const hostile = `a "quoted" \\" ; -j ACCEPT # not a comment\n\rCOMMIT\u2028\u202e\t$var ' ${'x'.repeat(500)}`;

  it('keeps a hostile description inside one quoted, 255-byte comment', async () => {
    const benign = program([rule()]);
    const p = program([rule({ description: hostile })], { description: hostile, zones: benign.zones.map((z) => ({ ...z, description: hostile })) });
    expect(v4(p).split('\n').length).toBe(v4(benign).split('\n').length);
    const [line] = ruleLines(v4(p));
    const comment = /--comment "([^"]*)"/.exec(line!)![1]!;
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(255);
    expect(comment.endsWith('...')).toBe(true);
    expect(comment.startsWith(`a 'quoted' /' ; -j ACCEPT # not a comment COMMIT $var ' x`)).toBe(true);
    expect(line!.match(/"/g)).toHaveLength(2);
    expect(line!.endsWith('-j ACCEPT')).toBe(true);
    expect(v4(p).split('\n').filter((l) => l === 'COMMIT')).toHaveLength(1);
    for (const l of v4(p).split('\n')) expect(l).not.toMatch(/[\r\u2028\u202e]/);
    await expectRestoreAccepts(p);
  });

  it('keeps a hostile file name in a provenance comment on its line', () => {
    const text = v4(program([rule({ provenance: { kind: 'flow', id: 'f', file: 'x\n-A FORWARD -j ACCEPT\n#.yaml', line: 1 } })]));
    expect(ruleLines(text)).toHaveLength(1);
    expect(text).toContain('# pumps-to-server-v4 (ward -> transit): flow f (x -A FORWARD -j ACCEPT #.yaml:1)');
  });
});
