import { isolationFixture } from '../../test/support/isolation-fixture.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AclLine, AclProgram } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { arubaAoscxTarget as target } from './index.js';

const prov = { kind: 'flow', id: 'f1', file: 'flows.yaml', line: 3 } as const;

function line(extra: Partial<AclLine>): AclLine {
  return { action: 'permit', family: 4, src: 'a_v4', dst: 'b_v4', log: false, provenance: prov, ...extra };
}

function program(lines: AclLine[], extra: Partial<AclProgram> = {}): AclProgram {
  const family = lines[0]?.family ?? 4;
  return {
    kind: 'acl',
    point: 'sw1',
    platform: 'aruba-aoscx',
    objects: [
      { name: 'a_v4', family: 4, prefixes: ['10.0.0.0/24'], origin: 'a' },
      { name: 'b_v6', family: 6, prefixes: ['fd00:1::/64', 'fd00:2::5/128'], origin: 'b' },
    ],
    interfaces: [
      {
        zone: 'z1',
        vlan: 120,
        vlanName: 'z1',
        gateways: [
          { family: 4, address: '10.0.0.1', length: 24 },
          { family: 6, address: 'fd00:20::1', length: 64 },
        ],
        acls: [
          { family, direction: 'in', name: 'z1-in' },
          { family, direction: 'out', name: 'z1-out' },
        ],
      },
    ],
    lists: [{ name: 'z1-in', family, zone: 'z1', direction: 'in', lines }],
    ...extra,
  };
}

function text(p: AclProgram): string {
  const files = target.render(p);
  expect(files.map((f) => f.path)).toEqual(['config.txt']);
  return files[0]!.content;
}

/** The ACEs of the rendered ACL, without comments. */
const aces = (t: string) => t.split('\n').filter((l) => /^ {4}\d+ (permit|deny) /.test(l)).map((l) => l.trim());

describe('aruba-aoscx target', () => {
  it('matches the golden configuration of every AOS-CX point of the example hospital', async () => {
    const programs = await exampleProgram('aruba-aoscx');
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) {
      for (const f of target.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('renders one ACE per port range, commented with its provenance, and the logged final deny', () => {
    const t = text(
      program([
        line({ service: { proto: 6, ports: [{ lo: 443, hi: 443 }, { lo: 8000, hi: 8010 }] } }),
        line({ action: 'deny', src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } }),
      ]),
    );
    expect(aces(t)).toEqual(['10 permit tcp a_v4 b_v4 eq 443', '20 permit tcp a_v4 b_v4 range 8000 8010', '30 deny any any any log']);
    expect(t).toContain('    10 comment flow f1 (flows.yaml:3)\n    10 permit tcp');
    expect(t).toContain('    20 comment flow f1 (flows.yaml:3)\n    20 permit tcp');
    expect(t).toContain('    30 comment default deny\n');
    expect(t).toContain('access-list ip z1-in\n');
  });

  it('renders each kind of reply line', () => {
    const t = text(
      program([
        line({ reply: { kind: 'tcp-established', srcPorts: [{ lo: 22, hi: 22 }] } }),
        line({ reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 53, hi: 53 }, { lo: 100, hi: 200 }] } }),
        line({ reply: { kind: 'icmp-echo-reply', proto: 1 } }),
        line({ reply: { kind: 'reverse-protocol', proto: 47 } }),
        line({ reply: { kind: 'reverse-protocol', proto: 'any' } }),
      ]),
    );
    expect(aces(t)).toEqual([
      '10 permit tcp a_v4 eq 22 b_v4 established',
      '20 permit udp a_v4 eq 53 b_v4',
      '30 permit udp a_v4 range 100 200 b_v4',
      '40 permit icmp a_v4 b_v4 icmp-type 0',
      '50 permit 47 a_v4 b_v4',
      '60 permit any a_v4 b_v4',
    ]);
    expect(t).toContain('    20 comment flow f1 (flows.yaml:3); mirrored source ports, weaker than state\n');
  });

  it('renders ICMP types and codes, one ACE each', () => {
    const t = text(program([line({ service: { proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] } }), line({ service: { proto: 1 } })]));
    expect(aces(t)).toEqual(['10 permit icmp a_v4 b_v4 icmp-type 8', '20 permit icmp a_v4 b_v4 icmp-type 3 icmp-code 4', '30 permit icmp a_v4 b_v4']);
  });

  it('renders IPv6 object groups, ACLs with icmpv6 and routed bindings', () => {
    const v6 = (x: Partial<AclLine>) => line({ family: 6, src: 'any', dst: 'b_v6', ...x });
    const t = text(program([v6({ service: { proto: 17, ports: [{ lo: 123, hi: 123 }] } }), v6({ reply: { kind: 'icmp-echo-reply', proto: 58 } })]));
    expect(t).toContain('object-group ipv6 address b_v6\n    10 fd00:1::/64\n    20 fd00:2::5/128\n');
    expect(t).toContain('access-list ipv6 z1-in\n');
    expect(aces(t)).toEqual(['10 permit udp any b_v6 eq 123', '20 permit icmpv6 any b_v6 icmp-type 129']);
    expect(t).toContain('    ipv6 address fd00:20::1/64\n');
    expect(t).toContain('    apply access-list ipv6 z1-in routed-in\n    apply access-list ipv6 z1-out routed-out\n');
  });

  it('binds in lists routed-in and out lists routed-out on the interface VLAN', () => {
    const t = text(program([line({ service: { proto: 'any' } })]));
    expect(t).toContain('vlan 120\n    name z1\ninterface vlan 120\n    ip address 10.0.0.1/24\n');
    expect(t).toContain('    apply access-list ip z1-in routed-in\n    apply access-list ip z1-out routed-out\n');
  });

  it('logs only lines that ask for it', () => {
    const t = text(program([line({ service: { proto: 'any' }, log: false }), line({ service: { proto: 'any' }, log: true })]));
    expect(aces(t)).toEqual(['10 permit any a_v4 b_v4', '20 permit any a_v4 b_v4 log']);
  });

  it('keeps hostile free text inside one comment or description line', () => {
    const hostile = `x" ; } # ! \nno access-list ip z1-in\r?${'A'.repeat(500)}`;
    const build = (free: string) => {
      const p = program([line({ service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file: free, line: 1 } })], { description: free });
      p.interfaces[0]!.description = free;
      return text(p);
    };
    const t = build(hostile);
    expect(t.split('\n').length).toBe(build('plain').split('\n').length);
    expect(t).not.toMatch(/^no /m);
    expect(t).not.toContain('\r');
    expect(t).not.toContain('"');
    expect(t).not.toContain('?');
    const comment = t.split('\n').find((l) => l.includes(' comment '))!;
    expect(comment.length).toBeLessThanOrEqual('    10 comment '.length + target.capabilities.commentMax);
    expect(comment.endsWith('...')).toBe(true);
  });

  it('uses names within the platform limit and of safe characters', async () => {
    for (const p of await exampleProgram('aruba-aoscx')) {
      if (p.kind !== 'acl') continue;
      const names = [...p.objects.map((o) => o.name), ...p.lists.map((l) => l.name), ...p.interfaces.map((z) => z.vlanName)];
      for (const n of names) {
        expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(n.length).toBeLessThanOrEqual(Math.min(31, target.capabilities.nameMax));
      }
    }
  });

  it('is deterministic and ends with a newline', async () => {
    const [p] = await exampleProgram('aruba-aoscx');
    const a = target.render(p!);
    expect(target.render(p!)).toEqual(a);
    expect(a[0]!.content.endsWith('\n')).toBe(true);
  });

  it('renders port isolation as VLAN ACLs applied in on the VLAN, in the IR order, the rest permitted', () => {
    const p = program([line({ service: { proto: 'any' } })]);
    const z = p.interfaces[0]!;
    const { isolation, objects } = isolationFixture('z1', '10.0.0.0/24', '10.0.0.1/32', 'fd00:20::/64', 'fd00:20::1/128');
    z.isolation = isolation;
    p.objects.push(...objects);
    const out = text(p);
    const body = (list: string) => out.slice(out.indexOf(`access-list ${list}`)).split('\n').filter((l) => !l.includes(' comment ')).slice(1, 5).join('\n');
    expect(body('ip z1-isolate-v4')).toBe(
      '    10 permit any iso-gw4 any\n    20 permit any any iso-gw4\n    30 deny any iso-st4 iso-tg4\n    40 permit any any any',
    );
    expect(body('ipv6 z1-isolate-v6')).toContain('    10 permit icmpv6 iso-st6 iso-ls6 icmp-type 135\n    20 permit icmpv6 iso-st6 iso-ls6 icmp-type 136');
    expect(out).toContain('    50 deny any iso-st6 iso-tg6\n    60 permit any any any\n');
    expect(out).toMatch(new RegExp(`vlan ${z.vlan}\\n    name [^\\n]+\\n    apply access-list ip z1-isolate-v4 in\\n    apply access-list ipv6 z1-isolate-v6 in\\n`));
    expect(target.capabilities.portIsolation).toBe(true);
  });
});
