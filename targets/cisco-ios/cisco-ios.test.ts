import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AclLine, AclProgram, AddressObject, Family } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { isolationFixture } from '../../test/support/isolation-fixture.js';
import { ciscoIosTarget } from './index.js';
import { subnetMask } from './prefix.js';

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

/** A one-zone switch whose in-lists hold the given lines, then the default deny. */
function program(lines: AclLine[], extra: Partial<AclProgram> = {}): AclProgram {
  const deny = (family: Family): AclLine => ({ action: 'deny', family, src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } });
  const lists = ([4, 6] as const).map((family) => ({
    name: `ward-in-v${family}`,
    family,
    zone: 'ward',
    direction: 'in' as const,
    lines: [...lines.filter((l) => l.family === family), deny(family)],
  }));
  return {
    kind: 'acl',
    point: 'sw1',
    platform: 'cisco-ios',
    objects,
    interfaces: [
      {
        zone: 'ward',
        vlan: 140,
        vlanName: 'ward',
        gateways: [
          { family: 4, address: '10.20.0.1', length: 22 },
          { family: 6, address: 'fd00:20::1', length: 64 },
        ],
        acls: lists.map((l) => ({ family: l.family, direction: l.direction, name: l.name })),
      },
    ],
    lists,
    ...extra,
  };
}

function render(p: AclProgram): string {
  const files = ciscoIosTarget.render(p);
  expect(files.map((f) => f.path)).toEqual(['config.txt']);
  return files[0]!.content;
}

const entries = (text: string) => text.split('\n').filter((l) => /^ (permit|deny) /.test(l));

describe('cisco-ios golden files', () => {
  it('renders the example hospital as committed', async () => {
    const programs = await exampleProgram('cisco-ios');
    expect(programs.map((p) => p.point)).toEqual(['ward4-sw']);
    for (const p of programs) {
      for (const f of ciscoIosTarget.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('uses names within nameMax made of safe characters only', async () => {
    for (const p of await exampleProgram('cisco-ios')) {
      if (p.kind !== 'acl') throw new Error('switch program expected');
      const names = [...p.objects.map((o) => o.name), ...p.lists.map((l) => l.name), ...p.interfaces.map((i) => i.vlanName)];
      for (const name of names) {
        expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(name.length).toBeLessThanOrEqual(ciscoIosTarget.capabilities.nameMax);
      }
    }
  });
});

describe('cisco-ios syntax', () => {
  it('spells objects with subnet masks and hosts, SVIs with masks and both bindings', () => {
    const text = render(program([]));
    expect(text).toContain('object-group network server_v4\n description server\n host 10.50.10.20\n 10.50.11.0 255.255.255.192\n');
    expect(text).toContain('object-group v6-network pumps_v6\n description pumps\n fd00:20::/64\n');
    expect(text).toContain('object-group v6-network server_v6\n description server\n host fd00:50::20\n');
    expect(text).toContain('vlan 140\n name ward\n');
    expect(text).toContain(' ip address 10.20.0.1 255.255.252.0\n ipv6 address fd00:20::1/64\n ip access-group ward-in-v4 in\n ipv6 traffic-filter ward-in-v6 in\n');
    expect(subnetMask(0)).toBe('0.0.0.0');
    expect(subnetMask(32)).toBe('255.255.255.255');
  });

  it('ends each list with the logged default deny, and adds no line the IR does not have (neighbour discovery is the IR\'s)', () => {
    const text = render(program([]));
    expect(text).toContain('ip access-list extended ward-in-v4\n remark default deny\n deny ip any any log\n');
    const v6 = text.slice(text.indexOf('ipv6 access-list ward-in-v6'));
    expect(entries(v6).slice(0, 1)).toEqual([' deny ipv6 any any log']);
  });

  it('spells services: ports, ranges, ICMP types and codes, any protocol, other protocols, logging', () => {
    const text = render(
      program([
        line(4, { service: { proto: 6, ports: [{ lo: 443, hi: 443 }, { lo: 8000, hi: 8080 }] }, log: true }),
        line(4, { service: { proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] } }),
        line(4, { action: 'deny', service: { proto: 'any' } }),
        line(4, { service: { proto: 47 } }),
        line(6, { service: { proto: 58, icmp: [{ type: 128 }] } }),
        line(6, { service: { proto: 17, ports: [{ lo: 53, hi: 53 }] } }),
      ]),
    );
    expect(entries(text)).toEqual([
      ' permit tcp object-group pumps_v4 object-group server_v4 eq 443 log',
      ' permit tcp object-group pumps_v4 object-group server_v4 range 8000 8080 log',
      ' permit icmp object-group pumps_v4 object-group server_v4 8',
      ' permit icmp object-group pumps_v4 object-group server_v4 3 4',
      ' deny ip object-group pumps_v4 object-group server_v4',
      ' permit 47 object-group pumps_v4 object-group server_v4',
      ' deny ip any any log',
      ' permit icmp object-group pumps_v6 object-group server_v6 128',
      ' permit udp object-group pumps_v6 object-group server_v6 eq 53',
      ' deny ipv6 any any log',
    ]);
  });

  it('spells every kind of reply line, source port first, with the mirrored-port warning', () => {
    const ret = { kind: 'return' as const, id: 'f1', file: 'flows.yaml', line: 3 };
    const text = render(
      program([
        line(4, { reply: { kind: 'tcp-established', srcPorts: [{ lo: 443, hi: 443 }] }, provenance: ret }),
        line(4, { reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 5000, hi: 5010 }] }, provenance: ret }),
        line(4, { reply: { kind: 'icmp-echo-reply', proto: 1 }, provenance: ret }),
        line(4, { reply: { kind: 'reverse-protocol', proto: 'any' }, provenance: ret }),
        line(6, { reply: { kind: 'icmp-echo-reply', proto: 58 }, provenance: ret }),
        line(6, { reply: { kind: 'reverse-protocol', proto: 47 }, provenance: ret }),
      ]),
    );
    expect(entries(text).filter((e) => !/any any/.test(e))).toEqual([
      ' permit tcp object-group pumps_v4 eq 443 object-group server_v4 established',
      ' permit udp object-group pumps_v4 range 5000 5010 object-group server_v4',
      ' permit icmp object-group pumps_v4 object-group server_v4 0',
      ' permit ip object-group pumps_v4 object-group server_v4',
      ' permit icmp object-group pumps_v6 object-group server_v6 129',
      ' permit 47 object-group pumps_v6 object-group server_v6',
    ]);
    expect(text).toContain(' remark replies to flow f1 (flows.yaml:3)\n remark replies matched by mirrored source ports: weaker than connection state\n permit udp');
  });

  it('fails closed on SCTP ports in IPv4 lists and spells them in IPv6 lists', () => {
    const sctp = { proto: 132, ports: [{ lo: 3868, hi: 3868 }] };
    const text = render(program([line(4, { service: sctp }), line(4, { action: 'deny', service: sctp, log: true }), line(6, { service: sctp })]));
    expect(entries(text).filter((e) => /132|sctp/.test(e))).toEqual([
      ' deny 132 object-group pumps_v4 object-group server_v4 log',
      ' permit sctp object-group pumps_v6 object-group server_v6 eq 3868',
    ]);
    expect(text).toContain(' remark NOT RENDERED: protocol 132 ports cannot be matched here; traffic stays denied\n');
  });

  it('never writes protocol 0 in an IPv4 list, which IOS reads as ip (every protocol): a permit is left out, a deny says ip', () => {
    const hopopt = { proto: 0 };
    const reply = { kind: 'reverse-protocol' as const, proto: 0 };
    const text = render(program([line(4, { service: hopopt }), line(4, { reply }), line(4, { action: 'deny', service: hopopt })]));
    expect(entries(text).filter((e) => e.includes('pumps_v4'))).toEqual([' deny ip object-group pumps_v4 object-group server_v4']);
    expect(text.match(/NOT RENDERED: protocol 0 \(IOS reads 0 as ip, every protocol\)/g)).toHaveLength(2);
  });
});

describe('cisco-ios free text', () => {
  const hostile = `a"b;c#d}e\nip access-list extended evil\n permit ip any any\r\n?!|>${'x'.repeat(500)}`;

  it('cannot add a line, whatever the description, origin or file name holds', () => {
    const p = program([line(4, { action: 'deny', service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file: hostile, line: 1 } })], {
      description: hostile,
      objects: objects.map((o) => ({ ...o, origin: hostile })),
    });
    p.interfaces[0]!.description = hostile;
    const text = render(p);
    expect(text).not.toContain('\r');
    expect(text.split('\n').filter((l) => /^(ip|ipv6) access-list/.test(l))).toEqual(['ip access-list extended ward-in-v4', 'ipv6 access-list ward-in-v6']);
    expect(entries(text).filter((e) => e.startsWith(' permit ip'))).toEqual([]);
    for (const l of text.split('\n')) {
      expect(l).toMatch(/^(!( .*)?|end|vlan \d+| name \S+|object-group (network|v6-network) \S+| description [^?!]*| remark [^?!]{1,100}| (permit|deny) .*| host \S+| [0-9a-f.:/]+( [0-9.]+)?|(ip|ipv6) access-list .*|ipv6 unicast-routing|interface Vlan\d+| ip address .*| ipv6 address .*| ip access-group .*| ipv6 traffic-filter .*| no shutdown|)$/);
    }
  });

  it('continues long provenance over several remarks, each within 100 characters', () => {
    const file = `policies/${'deeply-nested/'.repeat(12)}flows.yaml`;
    const text = render(program([line(4, { service: { proto: 'any' }, provenance: { kind: 'flow', id: 'f1', file, line: 9 } })]));
    const lines = text.split('\n');
    const first = lines.indexOf(' remark flow f1');
    const entry = lines.findIndex((l) => l.startsWith(' permit ip object-group'));
    expect(first).toBeGreaterThan(0);
    expect(entry - first).toBeGreaterThan(1);
    expect(lines.slice(first, entry).join('').replace(/ remark /g, '')).toContain('deeply-nested/flows.yaml:9');
    for (const r of text.split('\n').filter((l) => l.startsWith(' remark '))) expect(r.length - ' remark '.length).toBeLessThanOrEqual(100);
  });
});

describe('cisco-ios output', () => {
  it('is the same bytes twice, ends with a newline, and carries no date or version', () => {
    const p = program([line(4, { service: { proto: 6, ports: [{ lo: 22, hi: 22 }] } })], { description: 'Ward switch' });
    const first = render(p);
    expect(render(structuredClone(p))).toBe(first);
    expect(first.endsWith('end\n')).toBe(true);
    expect(first).toMatch(/^! Generated by wardline .*\n! Enforcement point: sw1 \(platform cisco-ios/);
    const comments = first.split('\n').filter((l) => l.startsWith('!')).join('\n');
    expect(comments).not.toMatch(/\d{4}-\d{2}-\d{2}|version|\d+\.\d+\.\d+/i);
  });

  it('marks a second IPv4 gateway of a zone secondary, so it does not replace the first', () => {
    const p = program([]);
    p.interfaces[0]!.gateways.push({ family: 4, address: '10.21.0.1', length: 24 });
    const text = render(p);
    expect(text).toContain(' ip address 10.20.0.1 255.255.252.0\n');
    expect(text).toContain(' ip address 10.21.0.1 255.255.255.0 secondary\n');
  });

  it('renders port isolation as a VLAN access map: what isolation keeps is a deny (no match), what it drops a permit', () => {
    expect(ciscoIosTarget.capabilities.portIsolation).toBe(true);
    const p = program([]);
    const vlan = p.interfaces[0]!.vlan;
    const { isolation, objects } = isolationFixture('ward', '10.20.0.0/22', '10.20.0.1/32', 'fd00:20::/64', 'fd00:20::1/128');
    p.interfaces[0]!.isolation = isolation;
    p.objects.push(...objects);
    const text = render(p);
    const block = (head: string) => text.slice(text.indexOf(head)).split('\n').slice(0, 12).join('\n');
    expect(block('ip access-list extended ward-isolate-v4')).toContain(
      ' deny ip object-group iso-gw4 any\n deny ip any object-group iso-gw4\n' +
        ' remark isolation of zone ward (zones.yaml:3): dropped between its hosts (subnets, link-local, broadcast,\n remark multicast)\n' +
        ' permit ip object-group iso-st4 object-group iso-tg4\n',
    );
    expect(block('ipv6 access-list ward-isolate-v6')).toContain(
      ' deny icmp object-group iso-st6 object-group iso-ls6 135\n deny icmp object-group iso-st6 object-group iso-ls6 136\n',
    );
    // The explicit end replaces the implicit nd-na/nd-ns permits, which would drop neighbour discovery the list does not name.
    expect(text).toContain(' permit ipv6 object-group iso-st6 object-group iso-tg6\n remark the rest is not dropped (no implicit nd-na/nd-ns match)\n deny ipv6 any any\nvlan access-map');
    expect(text).toContain('object-group network iso-st4\n description iso-st4\n host 0.0.0.0\n 10.20.0.0 255.255.252.0\n 169.254.0.0 255.255.0.0\n');
    expect(text).toContain(
      'vlan access-map ward-isolate 10\n match ip address ward-isolate-v4\n action drop\n' +
        'vlan access-map ward-isolate 20\n match ipv6 address ward-isolate-v6\n action drop\n' +
        `vlan access-map ward-isolate 30\n action forward\nvlan filter ward-isolate vlan-list ${vlan}\n`,
    );
    // Defined before the SVIs, so nothing binds a map that does not exist yet.
    expect(text.indexOf('vlan filter')).toBeLessThan(text.indexOf('interface Vlan'));
  });
});

describe('cisco-ios IPv6 routing', () => {
  it('turns on ipv6 unicast-routing, once, ahead of the VLANs, when a zone has an IPv6 gateway; not otherwise', async () => {
    const [ward4] = (await exampleProgram('cisco-ios')).filter((p) => p.point === 'ward4-sw');
    const text = ciscoIosTarget.render(ward4!)[0]!.content;
    expect(text.match(/^ipv6 unicast-routing$/gm)).toHaveLength(1);
    expect(text.indexOf('ipv6 unicast-routing')).toBeLessThan(text.indexOf('\nvlan '));
    const v4only = { ...ward4!, interfaces: ward4!.kind === 'acl' ? ward4!.interfaces.map((i) => ({ ...i, gateways: i.gateways.filter((g) => g.family === 4) })) : [] };
    expect(ciscoIosTarget.render(v4only as typeof ward4)[0]!.content).not.toContain('ipv6 unicast-routing');
  });
});
