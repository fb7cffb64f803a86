import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AclLine, AclProgram } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { exosNames } from './escape.js';
import { extremeExosTarget as target } from './index.js';
import { subnetOf, subnetWithoutHost } from './ipv4.js';

const prov = { kind: 'flow', id: 'f1', file: 'flows.yaml', line: 3 } as const;

function line(extra: Partial<AclLine>): AclLine {
  return { action: 'permit', family: 4, src: 'a_v4', dst: 'b_v4', log: false, provenance: prov, ...extra };
}

function program(lines: AclLine[], extra: Partial<AclProgram> = {}): AclProgram {
  return {
    kind: 'acl',
    point: 'sw1',
    platform: 'extreme-exos',
    objects: [
      { name: 'a_v4', family: 4, prefixes: ['10.0.0.0/25'], origin: 'a' },
      { name: 'b_v4', family: 4, prefixes: ['10.1.0.0/24', '10.2.0.5/32'], origin: 'b' },
    ],
    interfaces: [
      {
        zone: 'z-1',
        vlan: 120,
        vlanName: 'z-1',
        gateways: [{ family: 4, address: '10.0.0.1', length: 30 }],
        acls: [
          { family: 4, direction: 'in', name: 'z-1-in' },
          { family: 4, direction: 'out', name: 'z-1-out' },
        ],
      },
    ],
    lists: [{ name: 'z-1-in', family: 4, zone: 'z-1', direction: 'in', lines }],
    ...extra,
  };
}

function files(p: AclProgram): Record<string, string> {
  return Object.fromEntries(target.render(p).map((f) => [f.path, f.content]));
}

/** Each entry of a policy file as `name: condition; condition -> action action`. */
function entries(pol: string): string[] {
  const out: string[] = [];
  for (const m of pol.matchAll(/entry (\w+) \{\n {4}if \{\n([^}]*) {4}\} then \{\n([^}]*) {4}\}\n\}/g)) {
    const list = (s: string) => s.split('\n').map((x) => x.trim().replace(/;$/, '')).filter(Boolean);
    out.push(`${m[1]}: ${list(m[2]!).join('; ')} -> ${list(m[3]!).join(' ')}`);
  }
  return out;
}

/** The entries after the zone's own-traffic permits (two for a /30 without its gateway). */
const lineEntries = (pol: string) => entries(pol).slice(2);

describe('extreme-exos target', () => {
  it('matches the golden files of every EXOS point of the example hospital', async () => {
    const programs = await exampleProgram('extreme-exos');
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) {
      for (const f of target.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('writes one policy per IPv4 list and a script that creates, addresses and binds the VLAN', () => {
    const f = files(program([line({ service: { proto: 'any' } })]));
    expect(Object.keys(f)).toEqual(['z_1_in.pol', 'setup.xsf']);
    expect(f['setup.xsf']).toContain(
      'create vlan z_1 tag 120\nconfigure vlan z_1 ipaddress 10.0.0.1/30\nenable ipforwarding vlan z_1\n' +
        'configure access-list z_1_in vlan z_1 ingress\nconfigure access-list z_1_out vlan z_1 egress\n',
    );
  });

  it('starts each policy with the zone\'s own traffic, leaving out the gateway', () => {
    const pol = files(program([line({ service: { proto: 'any' } })]))['z_1_in.pol']!;
    expect(entries(pol).slice(0, 2)).toEqual([
      'e0001: source-address 10.0.0.0/30; destination-address 10.0.0.0/32 -> permit',
      'e0002: source-address 10.0.0.0/30; destination-address 10.0.0.2/31 -> permit',
    ]);
  });

  it('refuses port isolation: its VLAN policies are IPv4 only, and isolation must stop IPv6 link-local too', () => {
    expect(target.capabilities.portIsolation).toBe(false);
    expect(target.capabilities.notes.some((n) => n.includes('link-local') && n.includes('WL702'))).toBe(true);
  });

  it('expands objects and port ranges, one entry each, and logs and counts the final deny', () => {
    const pol = files(
      program([
        line({ service: { proto: 6, ports: [{ lo: 443, hi: 443 }, { lo: 8000, hi: 8010 }] } }),
        line({ action: 'deny', src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } }),
      ]),
    )['z_1_in.pol']!;
    expect(lineEntries(pol)).toEqual([
      'e0003: source-address 10.0.0.0/25; destination-address 10.1.0.0/24; protocol tcp; destination-port 443 -> permit',
      'e0004: source-address 10.0.0.0/25; destination-address 10.1.0.0/24; protocol tcp; destination-port 8000 - 8010 -> permit',
      'e0005: source-address 10.0.0.0/25; destination-address 10.2.0.5/32; protocol tcp; destination-port 443 -> permit',
      'e0006: source-address 10.0.0.0/25; destination-address 10.2.0.5/32; protocol tcp; destination-port 8000 - 8010 -> permit',
      'e0007: source-address 0.0.0.0/0 -> deny count e0007 mirror-cpu log',
    ]);
    expect(pol).toContain('\n# flow f1 (flows.yaml:3)\nentry e0003 {');
    expect(pol).toContain('\n# default deny\nentry e0007 {');
  });

  it('renders each kind of reply line, TCP replies as one entry per exact flag value the program lists', () => {
    const one = { src: 'a_v4', dst: 'a_v4' };
    const pol = files(
      program(
        [
        line({ ...one, reply: { kind: 'tcp-established', srcPorts: [{ lo: 22, hi: 22 }] } }),
        line({ ...one, reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 100, hi: 200 }] } }),
        line({ ...one, reply: { kind: 'icmp-echo-reply', proto: 1 } }),
        line({ ...one, reply: { kind: 'reverse-protocol', proto: 47 } }),
        line({ src: 'any', dst: 'any', reply: { kind: 'reverse-protocol', proto: 'any' } }),
        ],
        { tcpReplyFlags: [0x04, 0x14, 0x12, 0x10, 0x19] },
      ),
    )['z_1_in.pol']!;
    const a = 'source-address 10.0.0.0/25; destination-address 10.0.0.0/25';
    expect(lineEntries(pol)).toEqual([
      `e0003: ${a}; protocol tcp; source-port 22; tcp-flags RST -> permit`,
      `e0004: ${a}; protocol tcp; source-port 22; tcp-flags 0x14 -> permit`,
      `e0005: ${a}; protocol tcp; source-port 22; tcp-flags SYN_ACK -> permit`,
      `e0006: ${a}; protocol tcp; source-port 22; tcp-flags ACK -> permit`,
      `e0007: ${a}; protocol tcp; source-port 22; tcp-flags 0x19 -> permit`,
      `e0008: ${a}; protocol udp; source-port 100 - 200 -> permit`,
      `e0009: ${a}; protocol icmp; icmp-type 0 -> permit`,
      `e0010: ${a}; protocol 47 -> permit`,
      'e0011: source-address 0.0.0.0/0 -> permit',
    ]);
    expect(pol).toMatch(/# flow f1 \(flows.yaml:3\); replies by mirrored source ports, weaker than state\nentry e0008/);
    expect(pol).toContain('# TCP replies: tcp-flags compares the whole flags field, so one entry per value a reply carries: RST, RST+ACK, SYN+ACK, ACK, FIN+PSH+ACK.');
  });

  it('refuses TCP reply lines of a program that lists no exact flag values (EXOS has no ACK-or-RST match)', () => {
    const p = program([line({ reply: { kind: 'tcp-established', srcPorts: [{ lo: 22, hi: 22 }] } })]);
    expect(() => target.render(p)).toThrow(/exact flag values/);
  });

  it('passes the replies of a TCP stream on the example: SYN+ACK, data, FIN+PSH+ACK and resets, never a bare SYN', async () => {
    const [p] = await exampleProgram('extreme-exos');
    expect(p?.kind === 'acl' && p.tcpReplyFlags).toEqual([0x04, 0x14, 0x12, 0x10, 0x18, 0x11, 0x19]);
    const pol = target.render(p!).find((f) => f.path.endsWith('in_v4.pol'))!.content;
    const flags = new Set([...pol.matchAll(/tcp-flags (\S+);/g)].map((m) => m[1]));
    expect([...flags].sort()).toEqual(['0x11', '0x14', '0x18', '0x19', 'ACK', 'RST', 'SYN_ACK']);
  });

  it('renders ICMP types and codes', () => {
    const pol = files(program([line({ dst: 'a_v4', service: { proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] } })]))['z_1_in.pol']!;
    expect(lineEntries(pol).map((e) => e.split('; ').slice(2).join('; '))).toEqual(['protocol icmp; icmp-type 8 -> permit', 'protocol icmp; icmp-type 3; icmp-code 4 -> permit']);
  });

  it('does not render IPv6 lists, and says so in the script', () => {
    const p = program([line({ service: { proto: 'any' } })]);
    p.lists.push({ name: 'z-1-in-v6', family: 6, zone: 'z-1', direction: 'in', lines: [line({ family: 6, src: 'any', dst: 'any', service: { proto: 'any' } })] });
    p.interfaces[0]!.acls.push({ family: 6, direction: 'in', name: 'z-1-in-v6' });
    p.interfaces[0]!.gateways.push({ family: 6, address: 'fd00::1', length: 64 });
    const f = files(p);
    expect(Object.keys(f)).toEqual(['z_1_in.pol', 'setup.xsf']);
    expect(f['setup.xsf']).not.toContain('z_1_in_v6');
    expect(f['setup.xsf']).not.toContain('fd00::1');
    expect(f['setup.xsf']).toContain('has IPv6, which this target does not render');
    expect(target.capabilities.ipv6).toBe(false);
  });

  it('logs only lines that ask for it, and on ingress copies them to the CPU, where EXOS logs', () => {
    const pol = files(program([line({ dst: 'a_v4', service: { proto: 'any' } }), line({ dst: 'a_v4', service: { proto: 'any' }, log: true })]))['z_1_in.pol']!;
    expect(lineEntries(pol).map((e) => e.split(' -> ')[1])).toEqual(['permit', 'permit count e0004 mirror-cpu log']);
  });

  it('on egress counts logged permits only, and neither counts nor logs denies, and says so', () => {
    const lines = [
      line({ src: 'b_v4', dst: 'a_v4', service: { proto: 'any' }, log: true }),
      line({ action: 'deny', src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } }),
    ];
    const p = program([]);
    p.lists = [{ name: 'z-1-out', family: 4, zone: 'z-1', direction: 'out', lines }];
    const pol = files(p)['z_1_out.pol']!;
    expect(lineEntries(pol).map((e) => e.split(' -> ')[1])).toEqual(['permit count e0003', 'permit count e0004', 'deny']);
    expect(pol).toContain('logged denies neither count nor log');
    expect(pol).not.toMatch(/^ +(mirror-cpu|log);$/m);
  });

  it('keeps hostile free text on comment lines', () => {
    const hostile = `x" ; } entry evil { if { } then { permit; } } \nconfigure access-list evil vlan z_1 ingress\r${'A'.repeat(500)}`;
    const build = (free: string) => {
      const p = program([line({ service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file: free, line: 1 } })], { description: free });
      p.interfaces[0]!.description = free;
      return files(p);
    };
    const bad = build(hostile);
    const good = build('plain');
    for (const path of Object.keys(good)) {
      expect(bad[path]!.split('\n').length).toBe(good[path]!.split('\n').length);
      expect(entries(bad[path]!)).toEqual(entries(good[path]!));
      for (const l of bad[path]!.split('\n')) if (l.includes('evil')) expect(l.startsWith('# ')).toBe(true);
      expect(bad[path]).not.toContain('\r');
    }
  });

  it('maps names to EXOS object names: letters, digits and underscores, at most 32, without clashes', async () => {
    const m = exosNames(['a-b', 'a_b', `x${'-'.repeat(40)}`]);
    expect([...m.values()]).toEqual(['a_b', 'a_b_2', `x${'_'.repeat(31)}`]);
    for (const p of await exampleProgram('extreme-exos')) {
      for (const f of target.render(p)) {
        expect(f.path).toMatch(/^([A-Za-z][A-Za-z0-9_]{0,31}\.pol|setup\.xsf)$/);
        for (const n of f.content.matchAll(/^(?:create vlan|configure access-list) (\S+)/gm)) expect(n[1]).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,31}$/);
      }
    }
  });

  it('computes a subnet and the subnet without its gateway', () => {
    expect(subnetOf('10.45.0.1', 24)).toBe('10.45.0.0/24');
    expect(subnetWithoutHost('10.45.0.1', 24)).toEqual([
      '10.45.0.0/32', '10.45.0.2/31', '10.45.0.4/30', '10.45.0.8/29', '10.45.0.16/28', '10.45.0.32/27', '10.45.0.64/26', '10.45.0.128/25',
    ]);
    expect(subnetWithoutHost('192.168.1.254', 23)[0]).toBe('192.168.0.0/24');
  });

  it('is deterministic and every file ends with a newline', async () => {
    const [p] = await exampleProgram('extreme-exos');
    const a = target.render(p!);
    expect(target.render(p!)).toEqual(a);
    for (const f of a) expect(f.content.endsWith('\n')).toBe(true);
  });
});
