import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AddressObject, FirewallProgram, FirewallRule, FirewallZone, Program } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { fortinetFortiosTarget } from './index.js';
import { subnet } from './render-addresses.js';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const render = (p: Program) => fortinetFortiosTarget.render(p)[0]!.content;
const commands = (text: string) => text.split('\n').filter((l) => l && !l.trimStart().startsWith('#'));

/** The `set` lines of each policy, by id, in file order. */
function policies(text: string): { id: number; lines: string[] }[] {
  const block = text.slice(text.indexOf('config firewall policy\n'));
  return [...block.matchAll(/^ {4}edit (\d+)\n((?: {8}.*\n)*) {4}next$/gm)].map((m) => ({
    id: Number(m[1]),
    lines: m[2]!.trimEnd().split('\n').map((l) => l.trim()),
  }));
}

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

const ward: FirewallZone = {
  name: 'ward',
  local: true,
  isolation: false,
  vlan: 120,
  gateways: [
    { family: 4, address: '10.20.0.1', length: 22 },
    { family: 6, address: 'fd00:20::1', length: 64 },
  ],
  description: 'Ward devices',
};
const transit: FirewallZone = { name: 'transit', local: false, isolation: false, gateways: [] };

function program(rules: FirewallRule[], over: Partial<FirewallProgram> = {}): FirewallProgram {
  return {
    kind: 'firewall',
    point: 'fw1',
    platform: 'fortinet-fortios',
    objects: [
      { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
      { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.10.22/31'], origin: 'server' },
      { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
      { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128', 'fd00:50::40/127'], origin: 'server' },
    ],
    zones: [ward, transit],
    rules,
    gateway: [],
    ...over,
  };
}

describe('fortinet-fortios on the example hospital', () => {
  it('matches the golden config of every fortinet-fortios point', async () => {
    const programs = await exampleProgram('fortinet-fortios');
    expect(programs.map((p) => p.point)).toEqual(['edge-fw']);
    for (const p of programs) {
      for (const f of fortinetFortiosTarget.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('keeps every rule in IR order as ids 1..n, ending with the logged final denies', async () => {
    const [p] = (await exampleProgram('fortinet-fortios')) as FirewallProgram[];
    const list = policies(render(p!));
    expect(list.map((x) => x.id)).toEqual(p!.rules.map((_, i) => i + 1));
    expect(list.map((x) => x.lines[0])).toEqual(p!.rules.map((r) => `set name "${r.name}"`));
    for (const last of list.slice(-2)) expect(last.lines).toEqual(expect.arrayContaining(['set action deny', 'set logtraffic all']));
  });

  it('isolates the guest Wi-Fi and quarantine VLANs on FortiLink and no other', async () => {
    const [p] = await exampleProgram('fortinet-fortios');
    const text = render(p!);
    expect(text.match(/set switch-controller-access-vlan enable/g)).toHaveLength(2);
    expect(text).toMatch(/edit "vlan900"\n(?: {8}.*\n)* {8}set switch-controller-access-vlan enable\n/);
    expect(text).toMatch(/edit "vlan999"\n(?: {8}.*\n)* {8}set switch-controller-access-vlan enable\n/);
    expect(text).toContain('config system global\n    set allow-traffic-redirect disable\n    set ipv6-allow-traffic-redirect disable\nend\n');
  });

  it('uses IR names within nameMax and generated names FortiOS takes', async () => {
    for (const p of (await exampleProgram('fortinet-fortios')) as FirewallProgram[]) {
      for (const n of [...p.objects.map((o) => o.name), ...p.rules.map((r) => r.name), ...p.zones.map((z) => z.name)]) {
        expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(n.length).toBeLessThanOrEqual(fortinetFortiosTarget.capabilities.nameMax);
      }
      const made = [...render(p).matchAll(/^ {4}edit "([^"]+)"$/gm)].map((m) => m[1]!);
      expect(made.length).toBeGreaterThan(0);
      for (const n of made) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/);
      for (const n of [...render(p).matchAll(/edit "(vlan\d+)"/g)].map((m) => m[1]!)) expect(n.length).toBeLessThanOrEqual(15);
    }
  });

  it('is the same bytes twice, ends with a newline and has no date or version in its header', async () => {
    const [p] = await exampleProgram('fortinet-fortios');
    const text = render(p!);
    expect(render(p!)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    // The script is commands only (FortiOS documents no comment syntax for it): the notes are a file beside it.
    expect(text.split('\n').filter((l) => /^\s*#/.test(l))).toEqual([]);
    const files = fortinetFortiosTarget.render(p!);
    expect(files.map((f) => f.path)).toEqual(['config.txt', 'notes.txt']);
    const header = files[1]!.content.split('\n\n')[0]!;
    expect(header).toContain('edge-fw');
    expect(header).toContain('fortinet-fortios');
    expect(header).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(header).not.toContain(VERSION);
  });
});

describe('fortinet-fortios policies', () => {
  it('spells one policy with zones, addresses, service, action, logging and comments', () => {
    expect(policies(render(program([rule()])))).toEqual([
      {
        id: 1,
        lines: [
          'set name "pumps-to-server-v4"',
          'set srcintf "ward"',
          'set dstintf "transit"',
          'set action accept',
          'set srcaddr "pumps_v4"',
          'set dstaddr "server_v4"',
          'set schedule "always"',
          'set service "tcp-443"',
          'set logtraffic disable',
          'set comments "flow pumps-to-server (flows.yaml:3): drug library updates"',
        ],
      },
    ]);
  });

  it('names each policy\'s intent in its comments and, in order, in the notes beside the script', () => {
    const [config, notes] = fortinetFortiosTarget.render(program([rule()])).map((f) => f.content);
    expect(config).toContain('    edit 1\n        set name "pumps-to-server-v4"\n');
    expect(notes).toContain('Policies in policy order, first match wins (id, name, zones, intent):\n  1 pumps-to-server-v4 (ward -> transit): flow pumps-to-server (flows.yaml:3)\n');
  });

  it('spells IPv6 addresses, groups, policies and gateways', () => {
    const z: FirewallZone = { ...ward, gateways: [...ward.gateways, { family: 6, address: 'fd00:21::1', length: 64 }, { family: 4, address: '10.21.0.1', length: 24 }] };
    const text = render(program([rule({ family: 6, src: ['pumps_v6'], dst: ['server_v6'], services: [{ proto: 58, icmp: [{ type: 128 }] }] })], { zones: [z, transit] }));
    expect(text).toContain('config firewall address6\n    edit "pumps_v6"\n        set ip6 fd00:20::/64\n        set comment "pumps"\n    next\n');
    expect(text).toContain('config firewall addrgrp6\n    edit "server_v6"\n        set member "net-fd00-50--20_128" "net-fd00-50--40_127"\n');
    const [p] = policies(text);
    expect(p!.lines).toEqual(expect.arrayContaining(['set srcaddr6 "pumps_v6"', 'set dstaddr6 "server_v6"', 'set service "icmp6-128"']));
    expect(p!.lines.some((l) => /^set (src|dst)addr /.test(l))).toBe(false);
    expect(text).toContain('        set ip 10.20.0.1 255.255.252.0\n');
    expect(text).toContain('        set secondary-IP enable\n        config secondaryip\n            edit 1\n                set ip 10.21.0.1 255.255.255.0\n');
    expect(text).toContain('        config ipv6\n            set ip6-address fd00:20::1/64\n            config ip6-extra-addr\n                edit fd00:21::1/64\n');
  });

  it('spells masks for every prefix length', () => {
    expect(subnet('0.0.0.0/0')).toBe('0.0.0.0 0.0.0.0');
    expect(subnet('10.50.0.0/20')).toBe('10.50.0.0 255.255.240.0');
    expect(subnet('10.50.10.20/32')).toBe('10.50.10.20 255.255.255.255');
    expect(subnet('192.0.0.0/2')).toBe('192.0.0.0 192.0.0.0');
  });

  it('spells ports, ranges, whole protocols, SCTP, ICMP types and codes and other protocols as custom services', () => {
    const text = render(
      program([
        rule({
          services: [
            { proto: 6, ports: [{ lo: 104, hi: 104 }, { lo: 5000, hi: 5010 }] },
            { proto: 17 },
            { proto: 132, ports: [{ lo: 3868, hi: 3868 }] },
            { proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] },
            { proto: 47 },
          ],
        }),
        rule({ name: 'icmp-any-v4', services: [{ proto: 1 }] }),
      ]),
    );
    expect(text).toContain('    edit "tcp-104_5000-5010"\n        set protocol TCP/UDP/SCTP\n        set tcp-portrange 104 5000-5010\n');
    expect(text).toContain('    edit "udp-0-65535"\n        set protocol TCP/UDP/SCTP\n        set udp-portrange 0-65535\n');
    expect(text).toContain('    edit "sctp-3868"\n        set protocol TCP/UDP/SCTP\n        set sctp-portrange 3868\n');
    expect(text).toContain('    edit "icmp-8"\n        set protocol ICMP\n        set icmptype 8\n    next\n');
    expect(text).toContain('    edit "icmp-3-4"\n        set protocol ICMP\n        set icmptype 3\n        set icmpcode 4\n');
    expect(text).toContain('    edit "ip-47"\n        set protocol IP\n        set protocol-number 47\n');
    expect(text).toContain('    edit "icmp-any"\n        set protocol ICMP\n    next\n');
    const [p] = policies(text);
    expect(p!.lines).toContain('set service "tcp-104_5000-5010" "udp-0-65535" "sctp-3868" "icmp-8" "icmp-3-4" "ip-47"');
  });

  it('uses the predefined ALL and all for any, and logs only what asks for it', () => {
    const deny = rule({ name: 'default-deny-v4', action: 'deny', src: ['any'], dst: ['any'], services: [{ proto: 'any' }], log: true, provenance: { kind: 'default' } });
    const [p] = policies(render(program([deny])));
    expect(p!.lines).toEqual(expect.arrayContaining(['set srcaddr "all"', 'set dstaddr "all"', 'set service "ALL"', 'set action deny', 'set logtraffic all']));
    expect(render(program([deny]))).not.toContain('config firewall service custom');
  });

  it('lists a long address group in chunks: set member, then append member', () => {
    const prefixes = Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`);
    const text = render(program([rule({ dst: ['big_v4'] })], { objects: [...program([]).objects, { name: 'big_v4', family: 4, prefixes, origin: 'big' }] }));
    const block = /edit "big_v4"\n((?: {8}.*\n)*)/.exec(text)![1]!;
    const lines = block.trimEnd().split('\n').map((l) => l.trim());
    expect(lines.map((l) => l.split(' ')[0] + ' ' + l.split(' ')[1])).toEqual(['set member', 'append member', 'append member', 'set comment']);
    expect(block.match(/"net-/g)).toHaveLength(40);
  });

  it('isolates an isolated zone on FortiLink, and refuses one without a VLAN', () => {
    const text = render(program([rule()], { zones: [{ ...ward, isolation: true }, transit] }));
    expect(text).toContain('        set interface "fortilink"\n        set vlanid 120\n');
    expect(text).toContain('set switch-controller-access-vlan enable');
    expect(text).toContain('set allow-traffic-redirect disable');
    const plain = commands(render(program([rule()]))).join('\n');
    expect(plain).not.toContain('switch-controller-access-vlan');
    expect(plain).not.toContain('allow-traffic-redirect');
    expect(() => render(program([rule()], { zones: [{ ...ward, isolation: true, vlan: undefined }, transit] }))).toThrow(/no VLAN/);
  });

  it('puts every zone in a FortiOS zone, transit on the uplink', () => {
    const text = render(program([rule()]));
    expect(text).toContain('config system zone\n    edit "ward"\n        set intrazone deny\n        set interface "vlan120"\n    next\n    edit "transit"\n        set intrazone deny\n        set interface "port1"\n    next\nend\n');
  });

  it('keeps hostile text on its line, inside its quotes and free of FortiOS special characters', () => {
    const evil = 'x" <b>\nend\nconfig firewall policy\nedit 99\nset action accept; # } \r\\ it\'s why? ' + 'y'.repeat(500);
    const p = program([rule({ description: evil, provenance: { kind: 'flow', id: 'f', file: 'a\nend\nconfig system global', line: 1 } })], {
      description: 'fw\nconfig system admin',
      zones: [{ ...ward, description: 'w"\nend\nconfig system admin' }, transit],
    });
    p.objects[0]!.origin = 'o"\rnext\nedit "evil"';
    const text = render(p);
    expect(text).not.toMatch(/^\s*(edit 99|edit "evil"|config system (admin|global\n\s*set admin))/m);
    for (const l of commands(text)) expect((l.replace(/\\./g, '').match(/"/g) ?? []).length % 2).toBe(0);
    // Quotes and backslashes survive, escaped (FortiOS reads \" \' \\ inside a quoted value); < > ? do not.
    const comments = /set comments "((?:[^"\\]|\\.)*)"/.exec(text)![1]!;
    expect(comments).toMatch(/^flow f \(a end config system global:1\): x\\" b end config firewall policy edit 99 set action accept; # } \\\\ it\\'s why y{500}$/);
    expect(text).not.toContain('\r');
    const zoneComment = /set description "((?:[^"\\]|\\.)*)"/.exec(text)![1]!;
    expect(zoneComment.replace(/\\["'\\]/g, '')).not.toMatch(/["'<>\\?]/);
  });

  it('cuts policy comments to 1023 bytes and object comments to 255, on a character boundary', () => {
    const p = program([rule({ description: 'é'.repeat(1000) })]);
    p.objects[0]!.origin = 'o'.repeat(400);
    const text = render(p);
    const comments = /set comments "([^"]*)"/.exec(text)![1]!;
    expect(Buffer.byteLength(comments)).toBeLessThanOrEqual(1023);
    expect(comments).toMatch(/^flow pumps-to-server \(flows\.yaml:3\): é+\.\.\.$/);
    const origin = /edit "pumps_v4"\n.*\n {8}set comment "([^"]*)"/.exec(text)![1]!;
    expect(origin.length).toBe(255);
  });

  it('refuses an unsafe name instead of spelling it', () => {
    expect(() => render(program([rule({ name: 'a" b' })]))).toThrow(/unsafe name/);
    expect(() => render(program([rule({ toZones: ['z'.repeat(36)] })]))).toThrow(/unsafe name/);
  });

  it('is deterministic', () => {
    const p = program([rule(), rule({ name: 'b', services: [{ proto: 1, icmp: [{ type: 0 }] }] })]);
    expect(render(p)).toBe(render(structuredClone(p)));
  });
});

describe('fortinet-fortios DNS names (externals known only by name)', () => {
  const cdn: AddressObject = { name: 'cdn_v4', family: 4, prefixes: [], origin: 'cdn', fqdns: ['portal.cdn-vendor.example'] };
  // In name order, as the compiler lists them.
  const objects = (...more: AddressObject[]) => ({ objects: [...program([]).objects, ...more].sort((a, b) => (a.name < b.name ? -1 : 1)) });
  /** The address and group tables of a config, whole. */
  const addressTables = (text: string) => text.slice(text.indexOf('config firewall address'), text.indexOf('config firewall service custom'));

  it('renders an object that is only a name as that fqdn address, in address or address6, and counts it', () => {
    const p = program([rule({ dst: ['cdn_v4'] }), rule({ name: 'pumps-to-cdn-v6', family: 6, src: ['pumps_v6'], dst: ['cdn_v6'] })], objects(cdn, { ...cdn, name: 'cdn_v6', family: 6 }));
    expect(addressTables(render(p))).toBe(
      [
        'config firewall address',
        '    edit "cdn_v4"',
        '        set type fqdn',
        '        set fqdn "portal.cdn-vendor.example"',
        '        set comment "cdn"',
        '    next',
        '    edit "pumps_v4"',
        '        set subnet 10.20.1.0 255.255.255.0',
        '        set comment "pumps"',
        '    next',
        'end',
        'config firewall address6',
        '    edit "cdn_v6"',
        '        set type fqdn',
        '        set fqdn "portal.cdn-vendor.example"',
        '        set comment "cdn"',
        '    next',
        '    edit "pumps_v6"',
        '        set ip6 fd00:20::/64',
        '        set comment "pumps"',
        '    next',
        'end',
        '',
      ].join('\n'),
    );
    const usage = fortinetFortiosTarget.usage(p);
    expect([usage['firewall-addresses']!.used, usage['firewall-addrgrps']!.used]).toEqual([4, 0]);
    expect(fortinetFortiosTarget.render(p)[1]!.content).toContain('Addresses of type fqdn are hosts the policy knows only by DNS name');
    expect(fortinetFortiosTarget.render(program([rule()]))[1]!.content).not.toContain('type fqdn');
  });

  it('makes names beside prefixes members of an address group: the name\'s own address where there is one, else one per name', () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const mixed: AddressObject = { name: 'mixed_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.10.22/31'], origin: 'used by f1, f2', fqdns: [long, 'portal.cdn-vendor.example', 'z.example'] };
    const p = program([rule({ dst: ['mixed_v4'] }), rule({ name: 'pumps-to-cdn-v4', dst: ['cdn_v4'] })], objects(cdn, mixed));
    const cut = `fqdn-${'a'.repeat(60)}_${'b'.repeat(6)}`;
    expect(addressTables(render(p))).toBe(
      [
        'config firewall address',
        '    edit "cdn_v4"',
        '        set type fqdn',
        '        set fqdn "portal.cdn-vendor.example"',
        '        set comment "cdn"',
        '    next',
        '    edit "pumps_v4"',
        '        set subnet 10.20.1.0 255.255.255.0',
        '        set comment "pumps"',
        '    next',
        '    edit "net-10-50-10-20_32"',
        '        set subnet 10.50.10.20 255.255.255.255',
        '    next',
        '    edit "net-10-50-10-22_31"',
        '        set subnet 10.50.10.22 255.255.255.254',
        '    next',
        `    edit "${cut}"`,
        '        set type fqdn',
        `        set fqdn "${long}"`,
        '    next',
        '    edit "fqdn-z_example"',
        '        set type fqdn',
        '        set fqdn "z.example"',
        '    next',
        'end',
        'config firewall addrgrp',
        '    edit "mixed_v4"',
        `        set member "net-10-50-10-20_32" "net-10-50-10-22_31" "${cut}" "cdn_v4" "fqdn-z_example"`,
        '        set comment "used by f1, f2"',
        '    next',
        'end',
        '',
      ].join('\n'),
    );
    expect(cut).toHaveLength(72);
    const usage = fortinetFortiosTarget.usage(p);
    expect([usage['firewall-addresses']!.used, usage['firewall-addrgrps']!.used]).toEqual([6, 1]);
  });

  it('makes an object of two names, and no prefix, a group of two fqdn addresses', () => {
    const two: AddressObject = { name: 'two_v6', family: 6, prefixes: [], origin: 'two', fqdns: ['a.example', 'b.example'] };
    const text = render(program([rule({ family: 6, src: ['pumps_v6'], dst: ['two_v6'] })], objects(two)));
    expect(text).toContain('    edit "fqdn-a_example"\n        set type fqdn\n        set fqdn "a.example"\n    next\n    edit "fqdn-b_example"\n');
    expect(text).toContain('config firewall addrgrp6\n    edit "two_v6"\n        set member "fqdn-a_example" "fqdn-b_example"\n');
  });

  it('refuses a DNS name it would have to quote, and an object with neither prefix nor name', () => {
    expect(() => render(program([rule({ dst: ['cdn_v4'] })], objects({ ...cdn, fqdns: ['a" b.example'] })))).toThrow(/unsafe DNS name/);
    expect(() => render(program([rule({ dst: ['cdn_v4'] })], objects({ ...cdn, fqdns: undefined })))).toThrow(/no prefixes and no DNS names/);
  });
});
