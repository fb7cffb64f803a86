import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AclLine, AclProgram, AddressObject, Family } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { devicePrograms } from '../../src/compile/devices.js';
import { exampleProgram, loadExample } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { aristaEosTarget } from './index.js';

const objects: AddressObject[] = [
  { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
  { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.11.0/26'], origin: 'server' },
  { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
  { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128'], origin: 'server' },
];

function line(family: Family, rest: Partial<AclLine>): AclLine {
  const src = family === 4 ? 'pumps_v4' : 'pumps_v6';
  const dst = family === 4 ? 'server_v4' : 'server_v6';
  return { action: 'permit', family, src, dst, log: false, provenance: { kind: 'flow', id: 'f1', file: 'flows.yaml', line: 3 }, ...rest };
}

/** A one-zone leaf whose in-lists hold the given lines, then the default deny. */
function program(lines: AclLine[], extra: Partial<AclProgram> = {}): AclProgram {
  const deny = (family: Family): AclLine => ({ action: 'deny', family, src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } });
  const lists = ([4, 6] as const).map((family) => ({
    name: `infra-in-v${family}`,
    family,
    zone: 'infra',
    direction: 'in' as const,
    lines: [...lines.filter((l) => l.family === family), deny(family)],
  }));
  return {
    kind: 'acl',
    point: 'leaf1',
    platform: 'arista-eos',
    objects,
    interfaces: [
      {
        zone: 'infra',
        vlan: 1051,
        vlanName: 'infra',
        gateways: [
          { family: 4, address: '10.51.0.1', length: 24 },
          { family: 6, address: 'fd00:51::1', length: 64 },
        ],
        acls: lists.map((l) => ({ family: l.family, direction: l.direction, name: l.name })),
      },
    ],
    lists,
    ...extra,
  };
}

function render(p: AclProgram): string {
  const files = aristaEosTarget.render(p);
  expect(files.map((f) => f.path)).toEqual(['config.txt']);
  return files[0]!.content;
}

/** The rules of the output without their sequence numbers. */
const rules = (text: string) => text.split('\n').flatMap((l) => /^ {3}\d+ ((permit|deny) .*)$/.exec(l)?.[1] ?? []);

describe('arista-eos golden files', () => {
  it('renders the example hospital as committed', async () => {
    const programs = await exampleProgram('arista-eos');
    expect(programs.map((p) => p.point)).toEqual(['dc-leaf']);
    const policy = (await loadExample()).policy;
    // dc-leaf is a leaf pair: a file per device (compile/devices.ts), as compile writes them.
    for (const p of programs) {
      for (const { device, program } of devicePrograms(policy, p)) {
        for (const f of aristaEosTarget.render(program)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, device ?? '', f.path), f.content);
      }
    }
  });

  it('renders each device of a VARP pair with its own SVI addresses and the zone gateways as virtual addresses', async () => {
    const [p] = await exampleProgram('arista-eos');
    const devices = devicePrograms((await loadExample()).policy, p!);
    expect(devices.map((d) => d.device)).toEqual(['dc-leaf-1', 'dc-leaf-2']);
    const [one, two] = devices.map((d) => aristaEosTarget.render(d.program)[0]!.content);
    const svi = (text: string) => text.slice(text.indexOf('interface Vlan1051'), text.indexOf('!', text.indexOf('interface Vlan1051')));
    expect(svi(one!)).toContain('   ip address 10.51.0.2/24\n   ipv6 enable\n   ipv6 address fd4e:1c2a:7b00:1051::2/64\n   ip virtual-router address 10.51.0.1\n   ipv6 virtual-router address fd4e:1c2a:7b00:1051::1\n');
    expect(svi(two!)).toContain('   ip address 10.51.0.3/24\n');
    expect(one).toContain('\nip virtual-router mac-address 00:1c:73:00:00:99\n');
    // Nothing else differs: the lists are the same on both peers.
    const rest = (text: string) => text.split('\n').filter((l) => !/ip(v6)? address |^! Enforcement point/.test(l));
    expect(rest(one!)).toEqual(rest(two!));
  });

  it('uses names within nameMax made of safe characters only', async () => {
    for (const p of await exampleProgram('arista-eos')) {
      if (p.kind !== 'acl') throw new Error('switch program expected');
      for (const name of [...p.lists.map((l) => l.name), ...p.interfaces.map((i) => i.vlanName)]) {
        expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(name.length).toBeLessThanOrEqual(aristaEosTarget.capabilities.nameMax);
      }
    }
  });
});

describe('arista-eos syntax', () => {
  it('numbers every list entry by tens and expands objects into host and prefix operands', () => {
    const text = render(program([line(4, { service: { proto: 6, ports: [{ lo: 443, hi: 443 }] } })]));
    expect(text).toContain(
      [
        'ip access-list infra-in-v4',
        '   10 remark flow f1 (flows.yaml:3)',
        '   20 remark from pumps_v4 to server_v4',
        '   30 permit tcp 10.20.1.0/24 host 10.50.10.20 eq 443',
        '   40 permit tcp 10.20.1.0/24 10.50.11.0/26 eq 443',
        '   50 remark default deny',
        '   60 deny ip any any log',
      ].join('\n'),
    );
  });

  it('spells VLANs and SVIs with prefix lengths and both address families bound', () => {
    const text = render(program([]));
    expect(text).toContain('vlan 1051\n   name infra\n');
    expect(text).toContain(
      'interface Vlan1051\n   ip address 10.51.0.1/24\n   ipv6 enable\n   ipv6 address fd00:51::1/64\n   ip access-group infra-in-v4 in\n   ipv6 access-group infra-in-v6 in\n   no shutdown\n',
    );
  });

  it('adds no line the IR does not have to lists from the zone (neighbour discovery is the IR\'s)', () => {
    const v6 = render(program([line(6, { action: 'deny', service: { proto: 'any' }, log: true })])).split('ipv6 access-list infra-in-v6')[1]!;
    expect(rules(v6)).toEqual([
      'deny ipv6 fd00:20::/64 host fd00:50::20 log',
      'deny ipv6 any any log',
    ]);
  });

  it('spells services: ports, ranges, ICMP types and codes, any protocol, other protocols, logging', () => {
    const text = render(
      program([
        line(4, { src: 'pumps_v4', dst: 'any', service: { proto: 6, ports: [{ lo: 22, hi: 22 }, { lo: 8000, hi: 8080 }] }, log: true }),
        line(4, { dst: 'any', service: { proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] } }),
        line(4, { dst: 'any', action: 'deny', service: { proto: 'any' } }),
        line(4, { dst: 'any', service: { proto: 47 } }),
        line(6, { service: { proto: 58, icmp: [{ type: 128 }] } }),
      ]),
    );
    expect(rules(text).filter((r) => !/any any/.test(r))).toEqual([
      'permit tcp 10.20.1.0/24 any eq 22 log',
      'permit tcp 10.20.1.0/24 any range 8000 8080 log',
      'permit icmp 10.20.1.0/24 any 8',
      'permit icmp 10.20.1.0/24 any 3 4',
      'deny ip 10.20.1.0/24 any',
      'permit 47 10.20.1.0/24 any',
      'permit icmpv6 fd00:20::/64 host fd00:50::20 128',
    ]);
  });

  it('spells every kind of reply line, source port first, with the mirrored-port warning', () => {
    const ret = { kind: 'return' as const, id: 'f1', file: 'flows.yaml', line: 3 };
    const text = render(
      program([
        line(4, { dst: 'any', reply: { kind: 'tcp-established', srcPorts: [{ lo: 443, hi: 443 }] }, provenance: ret }),
        line(4, { dst: 'any', reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 5000, hi: 5010 }] }, provenance: ret }),
        line(4, { dst: 'any', reply: { kind: 'icmp-echo-reply', proto: 1 }, provenance: ret }),
        line(4, { dst: 'any', reply: { kind: 'reverse-protocol', proto: 'any' }, provenance: ret }),
        line(6, { reply: { kind: 'icmp-echo-reply', proto: 58 }, provenance: ret }),
        line(6, { reply: { kind: 'reverse-protocol', proto: 47 }, provenance: ret }),
      ]),
    );
    expect(rules(text).filter((r) => !/any any/.test(r))).toEqual([
      'permit tcp 10.20.1.0/24 eq 443 any established',
      'permit udp 10.20.1.0/24 range 5000 5010 any',
      'permit icmp 10.20.1.0/24 any 0',
      'permit ip 10.20.1.0/24 any',
      'permit icmpv6 fd00:20::/64 host fd00:50::20 129',
      'permit 47 fd00:20::/64 host fd00:50::20',
    ]);
    expect(text).toMatch(/remark replies to flow f1 \(flows\.yaml:3\)\n.*remark from pumps_v4 to any\n.*remark replies matched by mirrored source ports: weaker than connection state\n.*permit udp/);
  });

  it('fails closed on SCTP ports: a permit is left out, a deny covers all of SCTP', () => {
    const sctp = { proto: 132, ports: [{ lo: 3868, hi: 3868 }] };
    const text = render(program([line(4, { dst: 'any', service: sctp }), line(6, { action: 'deny', service: sctp, log: true })]));
    expect(rules(text).filter((r) => /132/.test(r))).toEqual(['deny 132 fd00:20::/64 host fd00:50::20 log']);
    expect(text).toContain(' remark NOT RENDERED: protocol 132 ports cannot be matched here; traffic stays denied\n');
  });
});

describe('arista-eos free text', () => {
  const hostile = `a"b;c#d}e\nip access-list evil\n   10 permit ip any any\r\n?!|>${'x'.repeat(500)}`;

  it('cannot add a line, whatever the description or file name holds', () => {
    const p = program([line(4, { action: 'deny', service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file: hostile, line: 1 } })], { description: hostile });
    p.interfaces[0]!.description = hostile;
    const text = render(p);
    expect(text).not.toContain('\r');
    expect(text.split('\n').filter((l) => /^(ip|ipv6) access-list/.test(l))).toEqual(['ip access-list infra-in-v4', 'ipv6 access-list infra-in-v6']);
    expect(rules(text).filter((r) => r.startsWith('permit ip'))).toEqual([]);
    for (const l of text.split('\n')) {
      expect(l).toMatch(/^(!( [^?|>]*)?|end|vlan \d+| {3}name \S+|(ip|ipv6) access-list \S+| {3}\d+ remark [^?!|>]{1,100}| {3}\d+ (permit|deny) .*|interface Vlan\d+| {3}description [^?!|>]*| {3}(ip|ipv6) (address|access-group) .*| {3}ipv6 enable| {3}no shutdown|)$/);
    }
  });
});

describe('arista-eos output', () => {
  it('is the same bytes twice, ends with a newline, and carries no date or version', () => {
    const p = program([line(4, { service: { proto: 6, ports: [{ lo: 22, hi: 22 }] } })], { description: 'Leaf pair' });
    const first = render(p);
    expect(render(structuredClone(p))).toBe(first);
    expect(first.endsWith('end\n')).toBe(true);
    expect(first).toMatch(/^! Generated by wardline .*\n! Enforcement point: leaf1 \(platform arista-eos\)\n! Leaf pair\n/);
    const comments = first.split('\n').filter((l) => l.startsWith('!')).join('\n');
    expect(comments).not.toMatch(/\d{4}-\d{2}-\d{2}|version|\d+\.\d+\.\d+/i);
  });

  it('does not claim object groups or port isolation, and says so where a zone asks for isolation', () => {
    expect(aristaEosTarget.capabilities.objectGroups).toBe(false);
    expect(aristaEosTarget.capabilities.portIsolation).toBe(false);
    const p = program([]);
    p.interfaces[0]!.isolation = { name: 'infra-isolate', families: [{ family: 4, list: 'infra-isolate-v4', hosts: ['10.0.0.0/24'], gateways: ['10.0.0.1/32'] }] };
    expect(render(p)).toContain('! zone infra asks for port isolation: not rendered by arista-eos');
    expect(render(p)).not.toContain('object-group');
  });
});
