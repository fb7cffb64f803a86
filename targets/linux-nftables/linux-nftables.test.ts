import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FirewallProgram, FirewallRule, Program } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { cutBytes } from './escape.js';
import { linuxNftablesTarget } from './index.js';

const render = (p: Program) => linuxNftablesTarget.render(p)[0]!.content;

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
    platform: 'linux-nftables',
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

/** The nft rule lines of a ruleset (not comments, sets or chain headers). */
const ruleLines = (text: string) => text.split('\n').filter((l) => /^\t\t(ip|ip6|meta) /.test(l));

// --- the real nft: `nft -c` sends the ruleset to the kernel in a transaction it then aborts, so it needs CAP_NET_ADMIN.
type ToolResult = { ok: boolean; output: string } | { skipped: string };

async function nftCheck(text: string): Promise<ToolResult> {
  const version = await execa('nft', ['--version'], { reject: false });
  if (version.failed) return { skipped: 'nft is not installed (apt-get install nftables)' };
  const dir = mkdtempSync(join(tmpdir(), 'wardline-nft-'));
  try {
    const file = join(dir, 'ruleset.nft');
    writeFileSync(file, text);
    // As root, check directly; otherwise in a user and network namespace of our own, where we hold CAP_NET_ADMIN.
    const root = process.getuid?.() === 0;
    const r = root ? await execa('nft', ['-c', '-f', file], { reject: false }) : await execa('unshare', ['-rn', 'nft', '-c', '-f', file], { reject: false });
    const output = `${r.stdout}${r.stderr}`;
    if (!root && (r.exitCode === undefined || /Operation not permitted|Permission denied|unshare failed/.test(output))) {
      return { skipped: `nft -c needs root or a user namespace (unshare -rn): ${output.trim() || r.message}` };
    }
    return { ok: r.exitCode === 0, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when nft could not run: a visible warning locally, a failure under CI=true. */
function skipped(r: ToolResult): r is { skipped: string } {
  if (!('skipped' in r)) return false;
  expect(process.env.CI, `the nft check must run in CI: ${r.skipped}`).not.toBe('true');
  console.warn(`SKIPPED nft -c check: ${r.skipped}`);
  return true;
}

async function expectNftAccepts(text: string): Promise<void> {
  const r = await nftCheck(text);
  if (skipped(r)) return;
  expect(r.output).toBe('');
  expect(r.ok).toBe(true);
}

describe('linux-nftables on the example hospital', () => {
  it('matches the golden ruleset of every linux-nftables point', async () => {
    const programs = await exampleProgram('linux-nftables');
    expect(programs.map((p) => p.point)).toEqual(['lab-router']);
    for (const p of programs) {
      for (const f of linuxNftablesTarget.render(p)) {
        expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
      }
    }
  });

  it('passes nft -c -f', async () => {
    for (const p of await exampleProgram('linux-nftables')) await expectNftAccepts(render(p));
  });

  it('has a check that can fail: nft refuses a broken ruleset', async () => {
    const r = await nftCheck('table inet wardline {\n\tchain forward {\n\t\tip saddr @missing accept\n\t}\n}\n');
    if (skipped(r)) return;
    expect(r.ok).toBe(false);
  });

  it('uses only names nft takes, within nameMax', async () => {
    for (const p of await exampleProgram('linux-nftables')) {
      if (p.kind !== 'firewall') continue;
      for (const name of [...p.objects.map((o) => o.name), ...p.rules.map((r) => r.name)]) {
        expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(name.length).toBeLessThanOrEqual(Math.min(31, linuxNftablesTarget.capabilities.nameMax));
      }
    }
  });

  it('is the same bytes twice and ends with a newline', async () => {
    const [p] = await exampleProgram('linux-nftables');
    expect(render(p!)).toBe(render(p!));
    expect(render(p!).endsWith('}\n')).toBe(true);
  });
});

describe('linux-nftables rules', () => {
  it('spells sets, ports, the state rules and the verdict in IR order', () => {
    const text = render(program([rule(), rule({ name: 'd', action: 'deny', log: true, services: [{ proto: 17, ports: [{ lo: 53, hi: 53 }, { lo: 8000, hi: 8999 }] }] })]));
    expect(text).toContain('\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = {\n\t\t\t10.50.10.20/32,\n\t\t\t10.50.10.22/31\n\t\t}');
    expect(text).toContain('table inet wardline {}\ndelete table inet wardline\n');
    expect(text).toContain('type filter hook forward priority filter; policy drop;');
    expect(ruleLines(text)).toEqual([
      '\t\tip saddr @pumps_v4 ip daddr @server_v4 tcp dport 443 counter accept comment "pumps-to-server: drug library updates"',
      '\t\tip saddr @pumps_v4 ip daddr @server_v4 udp dport { 53, 8000-8999 } counter log prefix "wardline drop d: " drop comment "pumps-to-server: drug library updates"',
    ]);
    expect(text.indexOf('ct state established,related accept')).toBeLessThan(text.indexOf('ct state invalid drop'));
    expect(text.indexOf('ct state invalid drop')).toBeLessThan(text.indexOf('ip saddr @pumps_v4'));
  });

  it('names the intent above each rule', () => {
    const text = render(program([rule()]));
    expect(text).toContain('\t\t# pumps-to-server-v4 (ward -> transit): flow pumps-to-server (flows.yaml:3)\n\t\tip saddr');
  });

  it('spells IPv6 with ip6 and icmpv6 types', () => {
    const text = render(
      program([rule({ family: 6, src: ['pumps_v6'], dst: ['server_v6'], services: [{ proto: 58, icmp: [{ type: 128 }, { type: 1, code: 4 }, { type: 1, code: 3 }] }] })]),
    );
    expect(text).toContain('\tset pumps_v6 {\n\t\ttype ipv6_addr\n\t\tflags interval\n\t\telements = { fd00:20::/64 }\n\t}');
    expect(ruleLines(text)).toEqual([
      '\t\tip6 saddr @pumps_v6 ip6 daddr @server_v6 icmpv6 type echo-request counter accept comment "pumps-to-server: drug library updates"',
      '\t\tip6 saddr @pumps_v6 ip6 daddr @server_v6 icmpv6 type destination-unreachable icmpv6 code { 4, 3 } counter accept comment "pumps-to-server: drug library updates"',
    ]);
  });

  it('spells ICMP types by name or number, types without codes in one set', () => {
    const lines = ruleLines(render(program([rule({ services: [{ proto: 1, icmp: [{ type: 8 }, { type: 0 }, { type: 42 }, { type: 3, code: 4 }] }] })])));
    expect(lines.map((l) => l.replace(/ counter.*/, ''))).toEqual([
      '\t\tip saddr @pumps_v4 ip daddr @server_v4 icmp type { echo-request, echo-reply, 42 }',
      '\t\tip saddr @pumps_v4 ip daddr @server_v4 icmp type destination-unreachable icmp code 4',
    ]);
  });

  it('spells every protocol, a whole protocol and unnamed protocols', () => {
    const lines = ruleLines(render(program([rule({ src: ['any'], dst: ['any'], services: [{ proto: 'any' }, { proto: 47 }, { proto: 6 }, { proto: 1 }] })])));
    expect(lines.map((l) => l.replace(/ counter.*/, ''))).toEqual([
      '\t\tmeta nfproto ipv4',
      '\t\tmeta nfproto ipv4 meta l4proto 47',
      '\t\tmeta nfproto ipv4 meta l4proto tcp',
      '\t\tmeta nfproto ipv4 meta l4proto icmp',
    ]);
  });

  it('leaves out an any side and makes one rule per address object', () => {
    const lines = ruleLines(render(program([rule({ src: ['any'], dst: ['server_v4', 'pumps_v4'] })])));
    expect(lines.map((l) => l.replace(/ tcp.*/, ''))).toEqual(['\t\tip daddr @server_v4', '\t\tip daddr @pumps_v4']);
  });

  it('makes no rule from an empty address or service list, which matches nothing', () => {
    expect(ruleLines(render(program([rule({ src: [] }), rule({ services: [] })])))).toEqual([]);
  });

  it('logs only rules that ask for it', () => {
    const text = render(program([rule({ name: 'quiet' }), rule({ name: 'loud', log: true })]));
    expect(ruleLines(text).map((l) => l.includes(' log prefix '))).toEqual([false, true]);
    expect(text).toContain('log prefix "wardline accept loud: " accept');
  });

  it('refuses an unsafe name instead of spelling it', () => {
    expect(() => render(program([rule({ src: ['x } drop'] })]))).toThrow(/unsafe name/);
  });

  it('is deterministic', () => {
    const p = program([rule(), rule({ name: 'b', family: 6, src: ['pumps_v6'], dst: ['any'] })]);
    expect(render(p)).toBe(render(structuredClone(p)));
  });
});

describe('linux-nftables free text', () => {
  const hostile = `a "quoted" ; drop } { # not a comment\n\rtable inet evil { }\u2028\u202e\t$var \\ ${'x'.repeat(500)}`;

  it('keeps a hostile description inside one quoted, 128-byte comment', async () => {
    const benign = render(program([rule()]));
    const text = render(
      program([rule({ description: hostile })], {
        description: hostile,
        zones: program([]).zones.map((z) => ({ ...z, description: hostile })),
        objects: program([]).objects.map((o) => ({ ...o, origin: hostile })),
      }),
    );
    expect(text.split('\n').length).toBe(benign.split('\n').length);
    const [line] = ruleLines(text);
    const comment = /comment "([^"]*)"$/.exec(line!)![1]!;
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(128);
    expect(comment.endsWith('...')).toBe(true);
    expect(comment.startsWith(`a 'quoted' ; drop } { # not a comment table inet evil { } $var \\ x`)).toBe(true);
    expect(line!.match(/"/g)).toHaveLength(2);
    for (const l of text.split('\n')) expect(l).not.toMatch(/[\r\u2028\u202e]/);
    expect(text.split('\n').filter((l) => l.startsWith('table ')).length).toBe(2);
    await expectNftAccepts(text);
  });

  it('keeps a hostile file name in a provenance comment on its line', () => {
    const text = render(program([rule({ provenance: { kind: 'flow', id: 'f', file: 'x\n\tip saddr 0.0.0.0/0 accept #.yaml', line: 1 } })]));
    expect(ruleLines(text)).toHaveLength(1);
    expect(text).toContain('# pumps-to-server-v4 (ward -> transit): flow f (x ip saddr 0.0.0.0/0 accept #.yaml:1)');
  });

  it('cuts on a character boundary within the byte budget', () => {
    const cut = cutBytes('ü'.repeat(100), 128);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(128);
    expect(cut).toBe(`${'ü'.repeat(62)}...`);
    expect(cutBytes('short', 128)).toBe('short');
  });
});
