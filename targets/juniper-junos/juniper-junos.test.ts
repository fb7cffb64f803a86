import { isolationFixture } from '../../test/support/isolation-fixture.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AclLine, AclProgram } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { juniperJunosTarget as target } from './index.js';

const prov = { kind: 'flow', id: 'f1', file: 'flows.yaml', line: 3 } as const;

function line(extra: Partial<AclLine>): AclLine {
  return { action: 'permit', family: 4, src: 'a_v4', dst: 'b_v4', log: false, provenance: prov, ...extra };
}

function program(lines: AclLine[], extra: Partial<AclProgram> = {}): AclProgram {
  const family = lines[0]?.family ?? 4;
  return {
    kind: 'acl',
    point: 'sw1',
    platform: 'juniper-junos',
    objects: [
      { name: 'a_v4', family: 4, prefixes: ['10.0.0.0/24'], origin: 'a' },
      { name: 'b_v4', family: 4, prefixes: ['10.1.0.0/24', '10.2.0.5/32'], origin: 'b' },
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
  expect(files.map((f) => f.path)).toEqual(['config.set']);
  return files[0]!.content;
}

const termLines = (t: string) => t.split('\n').filter((l) => l.startsWith('set firewall'));

describe('juniper-junos target', () => {
  it('matches the golden configuration of every Junos point of the example hospital', async () => {
    const programs = await exampleProgram('juniper-junos');
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) {
      for (const f of target.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('renders forward lines with prefix lists, protocol, port ranges, logging and discard', () => {
    const t = text(
      program([
        line({ service: { proto: 6, ports: [{ lo: 443, hi: 443 }, { lo: 8000, hi: 8010 }] } }),
        line({ action: 'deny', src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } }),
      ]),
    );
    const f = 'set firewall family inet filter z1-in term';
    expect(termLines(t)).toEqual([
      `${f} t0010-flow-f1 from source-prefix-list a_v4`,
      `${f} t0010-flow-f1 from destination-prefix-list b_v4`,
      `${f} t0010-flow-f1 from protocol tcp`,
      `${f} t0010-flow-f1 from destination-port 443`,
      `${f} t0010-flow-f1 from destination-port 8000-8010`,
      `${f} t0010-flow-f1 then accept`,
      `${f} t0020-default-deny then count t0020-default-deny`,
      `${f} t0020-default-deny then syslog`,
      `${f} t0020-default-deny then discard`,
    ]);
    expect(t).toContain('# t0010-flow-f1: flow f1 (flows.yaml:3)\n');
    expect(t).toContain('delete firewall family inet filter z1-in\n');
    expect(t).toContain('set policy-options prefix-list b_v4 10.2.0.5/32\n');
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
    const from = (term: string) => termLines(t).filter((l) => l.includes(` ${term} from `)).map((l) => l.split(' from ')[1]);
    expect(from('t0010-flow-f1')).toEqual(['source-prefix-list a_v4', 'destination-prefix-list b_v4', 'protocol tcp', 'source-port 22', 'tcp-established']);
    expect(from('t0020-flow-f1')).toEqual(['source-prefix-list a_v4', 'destination-prefix-list b_v4', 'protocol udp', 'source-port 53', 'source-port 100-200']);
    expect(from('t0030-flow-f1')).toEqual(['source-prefix-list a_v4', 'destination-prefix-list b_v4', 'protocol icmp', 'icmp-type 0']);
    expect(from('t0040-flow-f1')).toEqual(['source-prefix-list a_v4', 'destination-prefix-list b_v4', 'protocol 47']);
    expect(from('t0050-flow-f1')).toEqual(['source-prefix-list a_v4', 'destination-prefix-list b_v4']);
    expect(t).toMatch(/# t0020-flow-f1: .*mirrored source ports, weaker than state\n/);
  });

  it('splits ICMP types with codes into one term each and keeps plain types together', () => {
    const t = text(
      program([
        line({ service: { proto: 1, icmp: [{ type: 8 }, { type: 13 }] } }),
        line({ service: { proto: 1, icmp: [{ type: 3, code: 4 }, { type: 8 }] } }),
      ]),
    );
    const terms = [...new Set(termLines(t).map((l) => l.split(' ')[7]))];
    expect(terms).toEqual(['t0010-flow-f1', 't0020-1-flow-f1', 't0020-2-flow-f1']);
    expect(t).toContain('term t0010-flow-f1 from icmp-type 8\n');
    expect(t).toContain('term t0010-flow-f1 from icmp-type 13\n');
    expect(t).toContain('term t0020-1-flow-f1 from icmp-code 4\n');
    expect(t).not.toContain('term t0020-2-flow-f1 from icmp-code');
  });

  it('renders IPv6 filters with next-header, ICMPv6 echo replies and inet6 bindings', () => {
    const v6 = (x: Partial<AclLine>) => line({ family: 6, src: 'any', dst: 'any', ...x });
    const t = text(
      program([v6({ service: { proto: 6, ports: [{ lo: 443, hi: 443 }] } }), v6({ reply: { kind: 'icmp-echo-reply', proto: 58 } })]),
    );
    expect(t).toContain('set firewall family inet6 filter z1-in term t0010-flow-f1 from next-header tcp\n');
    expect(t).toContain('term t0020-flow-f1 from next-header icmp6\n');
    expect(t).toContain('term t0020-flow-f1 from icmp-type 129\n');
    expect(t).toContain('set interfaces irb unit 120 family inet6 address fd00:20::1/64\n');
    expect(t).toContain('set interfaces irb unit 120 family inet6 filter input z1-in\n');
    expect(t).toContain('set interfaces irb unit 120 family inet6 filter output z1-out\n');
    expect(t).not.toContain('protocol tcp');
  });

  it('binds in lists as input and out lists as output filters on the VLAN IRB unit', () => {
    const t = text(program([line({ service: { proto: 'any' } })]));
    expect(t).toContain('set vlans z1 vlan-id 120\nset vlans z1 l3-interface irb.120\n');
    expect(t).toContain('set interfaces irb unit 120 family inet address 10.0.0.1/24\n');
    expect(t).toContain('set interfaces irb unit 120 family inet filter input z1-in\n');
    expect(t).toContain('set interfaces irb unit 120 family inet filter output z1-out\n');
  });

  it('logs only lines that ask for it', () => {
    const t = text(program([line({ service: { proto: 'any' }, log: false }), line({ service: { proto: 'any' }, log: true })]));
    expect(t).not.toContain('t0010-flow-f1 then syslog');
    expect(t).toContain('t0020-flow-f1 then syslog');
  });

  it('keeps hostile free text inside one comment line or one quoted string', () => {
    const hostile = `x" ; } # \\" \nset system root-authentication plain-text-password\r?${'A'.repeat(500)}`;
    const build = (free: string) => {
      const p = program([line({ service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file: free, line: 1 } })], { description: free });
      p.interfaces[0]!.description = free;
      return text(p);
    };
    const t = build(hostile);
    // As many lines as with harmless text: nothing was added.
    expect(t.split('\n').length).toBe(build('plain').split('\n').length);
    for (const l of t.split('\n')) {
      expect(l === '' || l.startsWith('# ') || l.startsWith('set ') || l.startsWith('delete ')).toBe(true);
      expect(l.length).toBeLessThanOrEqual(300);
      if (l.startsWith('set ') && l.includes(' description ')) expect(l).toMatch(/ description "[^"\\?]*\.\.\."$/);
    }
    expect(t).not.toContain('\r');
    expect(t).not.toMatch(/^set system/m);
  });

  it('uses names within the platform limit and of safe characters', async () => {
    for (const p of await exampleProgram('juniper-junos')) {
      if (p.kind !== 'acl') continue;
      const names = [...p.objects.map((o) => o.name), ...p.lists.map((l) => l.name), ...p.interfaces.map((z) => z.vlanName)];
      for (const n of names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/);
      const terms = termLines(text(p)).map((l) => l.split(' ')[7]!);
      for (const n of terms) expect(n.length).toBeLessThanOrEqual(target.capabilities.nameMax);
    }
  });

  it('is deterministic and ends with a newline', async () => {
    const [p] = await exampleProgram('juniper-junos');
    const a = target.render(p!);
    expect(target.render(p!)).toEqual(a);
    expect(a[0]!.content.endsWith('\n')).toBe(true);
  });

  it('renders port isolation as an ethernet-switching filter on the VLAN, objects written out as addresses', () => {
    const p = program([line({ service: { proto: 'any' } })]);
    const { isolation, objects } = isolationFixture('z1', '10.0.0.0/24', '10.0.0.1/32', 'fd00:20::/64', 'fd00:20::1/128');
    p.interfaces[0]!.isolation = isolation;
    p.objects.push(...objects);
    const out = text(p);
    const f = 'set firewall family ethernet-switching filter z1-isolate';
    expect(out).toContain(
      [
        `${f} term v4-010-gateway from ip-source-address 10.0.0.1/32`,
        `${f} term v4-010-gateway from ip-destination-address 0.0.0.0/0`,
        `${f} term v4-010-gateway then accept`,
      ].join('\n'),
    );
    expect(out).toContain(
      [
        `${f} term v4-030-hosts from ip-source-address 0.0.0.0/32`,
        `${f} term v4-030-hosts from ip-source-address 10.0.0.0/24`,
        `${f} term v4-030-hosts from ip-source-address 169.254.0.0/16`,
        `${f} term v4-030-hosts from ip-destination-address 10.0.0.0/24`,
        `${f} term v4-030-hosts from ip-destination-address 169.254.0.0/16`,
        `${f} term v4-030-hosts from ip-destination-address 224.0.0.0/4`,
        `${f} term v4-030-hosts from ip-destination-address 255.255.255.255/32`,
        `${f} term v4-030-hosts then discard`,
      ].join('\n'),
    );
    expect(out).toContain(`${f} term v6-010-link from next-header icmp6\n${f} term v6-010-link from icmp-type 135\n${f} term v6-010-link from icmp-type 136\n`);
    expect(out).toContain(`${f} term v6-040-hosts from ip6-destination-address fe80::/10\n`);
    expect(out).toMatch(new RegExp(`${f} term other then accept\n`));
    expect(out).toContain('set vlans z1 forwarding-options filter input z1-isolate\n');
    expect(target.capabilities.portIsolation).toBe(true);
  });
});
