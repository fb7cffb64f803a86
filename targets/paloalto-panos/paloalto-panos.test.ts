import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FirewallProgram, FirewallRule, FirewallZone, Program } from '../../src/compile/ir.js';
import { REPO } from '../../test/support/cli.js';
import { exampleProgram } from '../../test/support/compile.js';
import { expectGolden } from '../../test/support/golden.js';
import { paloaltoPanosTarget } from './index.js';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const render = (p: Program) => paloaltoPanosTarget.render(p)[0]!.content;
const notesOf = (p: Program) => paloaltoPanosTarget.render(p)[1]!.content;
const commands = (text: string) => text.split('\n').filter((l) => l);
const ruleLines = (text: string) => text.split('\n').filter((l) => l.startsWith('set rulebase security rules '));
/** The IR name of a rule's device name (`<name>-<hash of its lists>`). */
const irName = (line: string) => line.split(' ')[4]!.replace(/-[0-9a-f]{8}$/, '');

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

function program(rules: FirewallRule[], over: Partial<FirewallProgram> = {}): FirewallProgram {
  return {
    kind: 'firewall',
    point: 'fw1',
    platform: 'paloalto-panos',
    objects: [
      { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
      { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.10.22/31'], origin: 'server' },
      { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
      { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128'], origin: 'server' },
    ],
    zones: [ward, { name: 'transit', local: false, isolation: false, gateways: [] }],
    rules,
    gateway: [],
    ...over,
  };
}

describe('paloalto-panos on the example hospital', () => {
  it('matches the golden config of every paloalto-panos point', async () => {
    const programs = await exampleProgram('paloalto-panos');
    expect(programs.map((p) => p.point)).toEqual(['dc-fw']);
    for (const p of programs) {
      for (const f of paloaltoPanosTarget.render(p)) expectGolden(join(REPO, 'test/golden/example-hospital', p.point, f.path), f.content);
    }
  });

  it('keeps every rule, in IR order, and ends with the logged final denies', async () => {
    const [p] = (await exampleProgram('paloalto-panos')) as FirewallProgram[];
    const names = ruleLines(render(p!)).map(irName);
    expect(names).toEqual(p!.rules.map((r) => r.name));
    expect(ruleLines(render(p!)).slice(-2).every((l) => / action deny .*log-end yes /.test(l))).toBe(true);
  });

  it('uses only names PAN-OS takes: IR names within nameMax, generated ones within 63', async () => {
    for (const p of (await exampleProgram('paloalto-panos')) as FirewallProgram[]) {
      const irNames = [...p.objects.map((o) => o.name), ...p.rules.map((r) => r.name), ...p.zones.map((z) => z.name)];
      for (const n of irNames) {
        expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
        expect(n.length).toBeLessThanOrEqual(paloaltoPanosTarget.capabilities.nameMax);
      }
      const made = [...render(p).matchAll(/^set (?:address|address-group|service|application) (\S+)/gm)].map((m) => m[1]!);
      expect(made.length).toBeGreaterThan(0);
      for (const n of made) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/);
    }
  });

  it('is the same bytes twice, ends with a newline and has no date in its notes', async () => {
    const [p] = await exampleProgram('paloalto-panos');
    const text = render(p!);
    expect(render(p!)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    const header = notesOf(p!).split('\n\n')[0]!;
    expect(header).toContain('dc-fw');
    expect(header).toContain('paloalto-panos');
    expect(header).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(header).not.toContain(VERSION);
  });

  it('writes a loadable config.txt: commands only, every line a set or move; the notes go to notes.txt beside it', async () => {
    const [p] = await exampleProgram('paloalto-panos');
    const files = paloaltoPanosTarget.render(p!);
    expect(files.map((f) => f.path)).toEqual(['config.txt', 'notes.txt']);
    for (const line of files[0]!.content.trimEnd().split('\n')) expect(line).toMatch(/^(set|move) /);
    expect(files[1]!.content).toContain('What wardline owns.');
    expect(files[1]!.content).toMatch(/^ {2}pumps-to-pump-server-v4-[0-9a-f]{8} \(transit -> dc-servers\): flow pumps-to-pump-server \(flows\.yaml:9\)$/m);
  });
});

describe('paloalto-panos rules', () => {
  it('spells zones, addresses, a port service, the action and logging in one rule', () => {
    const [line] = ruleLines(render(program([rule()])));
    expect(line).toMatch(
      new RegExp(
        '^set rulebase security rules pumps-to-server-v4-[0-9a-f]{8} from ward to transit source pumps_v4 destination server_v4-[0-9a-f]{8} ' +
          'source-user any category any application any service tcp-443 action allow log-start no log-end yes tag wardline ' +
          'description "flow pumps-to-server \\(flows\\.yaml:3\\): drug library updates"$',
      ),
    );
  });

  it('deletes nothing: it tags its rules and moves them to the top in order, ending with a final deny from any zone', () => {
    const deny = rule({ name: 'default-deny-v4', action: 'deny', src: ['any'], dst: ['any'], services: [{ proto: 'any' }], provenance: { kind: 'default' }, description: 'default deny: nothing else is allowed' });
    const text = render(program([rule(), rule({ name: 'b-v4', action: 'deny', log: true }), deny]));
    expect(text).not.toMatch(/^delete /m);
    expect(text).toContain('set tag wardline comments ');
    const names = ruleLines(text).map((l) => l.split(' ')[4]!);
    for (const l of ruleLines(text)) expect(l).toContain(' tag wardline description ');
    const moves = text.split('\n').filter((l) => l.startsWith('move '));
    expect(moves).toEqual([
      `move rulebase security rules ${names[0]} top`,
      `move rulebase security rules ${names[1]} after ${names[0]}`,
      `move rulebase security rules ${names[2]} after ${names[1]}`,
    ]);
    expect(text.lastIndexOf('set rulebase')).toBeLessThan(text.indexOf('move rulebase'));
    expect(ruleLines(text)[1]).toContain(' action deny log-start no log-end yes ');
    expect(ruleLines(text)[2]).toContain(' from any to any source 0.0.0.0/0 destination 0.0.0.0/0 ');
    expect(ruleLines(text)[2]).toContain(' description "default deny: nothing else is allowed"');
    expect(notesOf(program([rule()]))).toMatch(/\n {2}pumps-to-server-v4-[0-9a-f]{8} \(ward -> transit\): flow pumps-to-server \(flows\.yaml:3\)\n/);
  });

  it('renames a rule whose lists change, never one whose description or policy line changes (set merges lists)', () => {
    const name = (r: FirewallRule) => ruleLines(render(program([r])))[0]!.split(' ')[4];
    const base = name(rule());
    expect(name(rule({ description: 'pumps-to-server: other words', provenance: { kind: 'flow', id: 'pumps-to-server', file: 'flows.yaml', line: 99 } }))).toBe(base);
    expect(name(rule({ action: 'deny', log: true }))).toBe(base);
    expect(name(rule({ services: [{ proto: 6, ports: [{ lo: 8443, hi: 8443 }] }] }))).not.toBe(base);
    expect(name(rule({ dst: ['pumps_v4'] }))).not.toBe(base);
    expect(name(rule({ toZones: ['ward'] }))).not.toBe(base);
  });

  it('renames an address group whose members change, so set never merges a stale member into it', () => {
    const group = (p: FirewallProgram) => /^set address-group (\S+) /m.exec(render(p))![1];
    const a = program([rule()]);
    const b = program([rule()]);
    b.objects[1]!.prefixes = ['10.50.10.20/32'];
    b.objects.push({ name: 'x', family: 4, prefixes: ['10.50.10.22/31', '10.50.10.99/32'], origin: 'x' });
    b.rules[0]!.dst = ['x'];
    const c = program([rule()]);
    c.objects[1]!.prefixes = ['10.50.10.20/32', '10.50.10.24/31'];
    expect(group(a)).toMatch(/^server_v4-[0-9a-f]{8}$/);
    expect(group(c)).toMatch(/^server_v4-[0-9a-f]{8}$/);
    expect(group(c)).not.toBe(group(a));
    expect(ruleLines(render(c))[0]).toContain(` destination ${group(c)} `);
    expect(group(structuredClone(a))).toBe(group(a));
  });

  it('keeps the session-end traffic log on every allow rule; log: true adds session starts; denies log only when asked', () => {
    const lines = ruleLines(render(program([rule(), rule({ name: 'b-v4', log: true }), rule({ name: 'c-v4', action: 'deny', log: false })])));
    expect(lines[0]).toContain(' action allow log-start no log-end yes ');
    expect(lines[1]).toContain(' action allow log-start yes log-end yes ');
    expect(lines[2]).toContain(' action deny log-start no log-end no ');
  });

  it('makes an address group of per-prefix objects for a multi-prefix object', () => {
    const text = render(program([rule()]));
    expect(text).toContain('set address pumps_v4 ip-netmask 10.20.1.0/24 description "pumps"');
    expect(text).toContain('set address net-10-50-10-20_32 ip-netmask 10.50.10.20/32');
    expect(text).toMatch(/^set address-group server_v4-[0-9a-f]{8} static \[ net-10-50-10-20_32 net-10-50-10-22_31 \] description "server"$/m);
  });

  it('spells an object that is only a DNS name as that fqdn address object, in either family', () => {
    const p = program([rule({ dst: ['vendor_v4'] }), rule({ name: 'p-v6', family: 6, src: ['pumps_v6'], dst: ['vendor_v6'] })]);
    p.objects.push(
      { name: 'vendor_v4', family: 4, prefixes: [], fqdns: ['drug-library.pump-vendor.example'], origin: 'vendor' },
      { name: 'vendor_v6', family: 6, prefixes: [], fqdns: ['drug-library.pump-vendor.example'], origin: 'vendor' },
    );
    const text = render(p);
    expect(text).toContain('set address vendor_v4 fqdn drug-library.pump-vendor.example description "vendor"\n');
    expect(text).toContain('set address vendor_v6 fqdn drug-library.pump-vendor.example description "vendor"\n');
    expect(text).not.toContain('address-group');
    expect(ruleLines(text).map((l) => / destination (\S+) /.exec(l)![1])).toEqual(['vendor_v4', 'vendor_v6']);
    // The notes say the firewall resolves the name itself, once per name.
    expect(notesOf(p).match(/^ {2}drug-library\.pump-vendor\.example$/gm)).toHaveLength(1);
    expect(notesOf(program([rule()]))).not.toContain('fqdn');
    const usage = paloaltoPanosTarget.usage(p);
    expect(usage['address-objects']!.used).toBe(4);
    expect(usage['address-groups']!.used).toBe(0);
  });

  it('makes an address group of ip-netmask and fqdn objects for an object of names and prefixes, reusing an object of one name', () => {
    const p = program([rule({ dst: ['mixed_v4'] }), rule({ name: 'b-v4', dst: ['cdn_v4'] })]);
    p.objects.push(
      { name: 'mixed_v4', family: 4, prefixes: ['203.0.113.0/24'], fqdns: ['a.cdn.example', 'b.cdn.example'], origin: 'used by a, b' },
      { name: 'cdn_v4', family: 4, prefixes: [], fqdns: ['b.cdn.example'], origin: 'cdn' },
    );
    const text = render(p);
    expect(text).toContain('set address cdn_v4 fqdn b.cdn.example description "cdn"\n');
    expect(text).toContain('set address net-203-0-113-0_24 ip-netmask 203.0.113.0/24\n');
    expect(text).toContain('set address fqdn-a_cdn_example fqdn a.cdn.example\n');
    const group = /^set address-group (mixed_v4-[0-9a-f]{8}) static \[ net-203-0-113-0_24 fqdn-a_cdn_example cdn_v4 \] description "used by a, b"$/m.exec(text);
    expect(group).not.toBeNull();
    expect(ruleLines(text)[0]).toContain(` destination ${group![1]} `);
    // Counted as written: every address line (ip-netmask or fqdn) and every group line.
    const usage = paloaltoPanosTarget.usage(p);
    expect(commands(text).filter((l) => l.startsWith('set address ')).length).toBe(usage['address-objects']!.used);
    expect(commands(text).filter((l) => l.startsWith('set address-group ')).length).toBe(usage['address-groups']!.used);
  });

  it('names fqdn members uniquely and within 63 characters, however the DNS names are spelled', () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const p = program([rule({ dst: ['mixed_v4'] })]);
    p.objects.push({ name: 'mixed_v4', family: 4, prefixes: ['203.0.113.0/24'], fqdns: ['a.b.example', 'a_b.example', long, `${long}x`], origin: 'm' });
    const members = [...render(p).matchAll(/^set address (\S+) fqdn (\S+)$/gm)].map((m) => [m[1]!, m[2]!]);
    expect(members.map(([, fqdn]) => fqdn)).toEqual(['a.b.example', 'a_b.example', long, `${long}x`]);
    const names = members.map(([name]) => name);
    expect(names.slice(0, 2)).toEqual(['fqdn-a_b_example', 'fqdn-a_b_example-2']);
    expect(names[2]).toMatch(/^fqdn-a{45}-[0-9a-f]{8}$/);
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(63);
    expect(render(p)).toBe(render(structuredClone(p)));
  });

  it('refuses a DNS name that could end the command, and an IPv6 rule from any to a name (it would match IPv4 packets to it)', () => {
    const bad = program([rule({ dst: ['vendor_v4'] })]);
    bad.objects.push({ name: 'vendor_v4', family: 4, prefixes: [], fqdns: ['a.example description x'], origin: 'vendor' });
    expect(() => render(bad)).toThrow(/unsafe DNS name/);
    const wide = program([rule({ family: 6, src: ['any'], dst: ['vendor_v6'] })]);
    wide.objects.push({ name: 'vendor_v6', family: 6, prefixes: [], fqdns: ['a.example'], origin: 'vendor' });
    expect(() => render(wide)).toThrow(/would also match IPv4/);
    wide.rules[0]!.src = ['pumps_v6'];
    expect(() => render(wide)).not.toThrow();
  });

  it('spells IPv6 objects, the subinterface with both gateways, and IPv6 rules', () => {
    const text = render(program([rule({ name: 'p-v6', family: 6, src: ['pumps_v6'], dst: ['server_v6'] })]));
    expect(text).toContain('set address server_v6 ip-netmask fd00:50::20/128 description "server"');
    expect(text).toContain('set network interface ethernet ethernet1/1 layer3 units ethernet1/1.120 tag 120\n');
    expect(text).toContain('units ethernet1/1.120 ip 10.20.0.1/22\n');
    expect(text).toContain('units ethernet1/1.120 ipv6 enabled yes\n');
    expect(text).toContain('units ethernet1/1.120 ipv6 address fd00:20::1/64\n');
    expect(text).toContain('set zone ward network layer3 ethernet1/1.120\n');
    expect(text).toContain('set zone transit network layer3 ethernet1/2\n');
    expect(text).toContain('set network virtual-router default interface [ ethernet1/1.120 ethernet1/2 ]\n');
    expect(ruleLines(text)[0]).toContain(' source pumps_v6 destination server_v6 ');
  });

  it('enables IPv6 on the subinterface of a zone with IPv6 subnets and no IPv6 gateway address, and only there', () => {
    const zones = (families: (4 | 6)[]) => [{ ...ward, gateways: ward.gateways.filter((g) => g.family === 4), families }, { name: 'transit', local: false, isolation: false, gateways: [] }];
    const dual = render(program([rule()], { zones: zones([4, 6]) }));
    expect(dual).toContain('units ethernet1/1.120 ipv6 enabled yes\n');
    expect(dual).not.toContain(' ipv6 address ');
    expect(render(program([rule()], { zones: zones([4]) }))).not.toContain('ipv6');
  });

  it('spells an IPv4 any as 0.0.0.0/0 and an IPv6 any as any, only for the final deny', () => {
    const deny = (family: 4 | 6) =>
      rule({ name: `default-deny-v${family}`, family, action: 'deny', src: ['any'], dst: ['any'], services: [{ proto: 'any' }], provenance: { kind: 'default' } });
    const [v4, v6] = ruleLines(render(program([deny(4), deny(6)])));
    expect(v4).toContain(' source 0.0.0.0/0 destination 0.0.0.0/0 ');
    expect(v4).toContain(' application any service any ');
    expect(v6).toContain(' source any destination any ');
    const permit = rule({ family: 6, src: ['any'], dst: ['any'] });
    expect(() => render(program([permit]))).toThrow(/would also match IPv4/);
    const wide = program([rule({ family: 6, src: ['any'], dst: ['wide_v6'] })]);
    wide.objects.push({ name: 'wide_v6', family: 6, prefixes: ['::/1'], origin: 'wide' });
    expect(() => render(wide)).toThrow(/would also match IPv4/);
    expect(() => render(program([rule({ family: 6, src: ['any'], dst: ['server_v6'] })]))).not.toThrow();
  });

  it('spells port ranges, several ports and a whole protocol as service objects', () => {
    const text = render(
      program([
        rule({
          services: [
            { proto: 6, ports: [{ lo: 104, hi: 104 }, { lo: 5000, hi: 5010 }] },
            { proto: 17 },
          ],
        }),
      ]),
    );
    expect(text).toContain('set service tcp-104_5000-5010 protocol tcp port 104,5000-5010\n');
    expect(text).toContain('set service udp-0-65535 protocol udp port 0-65535\n');
    expect(ruleLines(text)[0]).toContain(' application any service [ tcp-104_5000-5010 udp-0-65535 ] ');
  });

  it('names a service with a long port list by a hash, within 63 characters', () => {
    const ports = Array.from({ length: 30 }, (_, i) => ({ lo: 10000 + i * 2, hi: 10000 + i * 2 }));
    const text = render(program([rule({ services: [{ proto: 6, ports }] })]));
    const name = /^set service (\S+) protocol tcp port 10000,10002,/m.exec(text)?.[1];
    expect(name).toMatch(/^tcp-ports-[0-9a-f]{12}$/);
  });

  it('matches ICMP types and codes, ICMPv6 and other protocols with custom applications', () => {
    const text = render(
      program([
        rule({ services: [{ proto: 1, icmp: [{ type: 8 }, { type: 3, code: 4 }] }] }),
        rule({ name: 'v6-v6', family: 6, src: ['pumps_v6'], dst: ['server_v6'], services: [{ proto: 58, icmp: [{ type: 128 }] }] }),
        rule({ name: 'gre-v4', services: [{ proto: 47 }, { proto: 1 }] }),
      ]),
    );
    expect(text).toContain('set application wl-icmp-8 default ident-by-icmp-type type 8\n');
    expect(text).toContain('set application wl-icmp-3-4 default ident-by-icmp-type type 3 code 4\n');
    expect(text).toContain('set application wl-icmp6-128 default ident-by-icmp6-type type 128\n');
    expect(text).toContain('set application wl-proto-47 default ident-by-ip-protocol 47\n');
    expect(text).toContain('set application wl-proto-1 default ident-by-ip-protocol 1\n');
    expect(text).toContain('set application wl-icmp-8 category networking subcategory ip-protocol technology network-protocol risk 1 ');
    const [icmp, v6, gre] = ruleLines(text);
    expect(icmp).toContain(' application [ wl-icmp-8 wl-icmp-3-4 ] service application-default ');
    expect(v6).toContain(' application wl-icmp6-128 service application-default ');
    expect(gre).toContain(' application [ wl-proto-47 wl-proto-1 ] service application-default ');
  });

  it('splits a rule mixing ports and ICMP into two adjacent rules, as PAN-OS ANDs application and service', () => {
    const text = render(program([rule({ services: [{ proto: 6, ports: [{ lo: 22, hi: 22 }] }, { proto: 1, icmp: [{ type: 8 }] }] }), rule({ name: 'next-v4' })]));
    const lines = ruleLines(text);
    expect(lines.map(irName)).toEqual(['pumps-to-server-v4', 'pumps-to-server-v4-app', 'next-v4']);
    expect(lines[0]).toContain(' application any service tcp-22 ');
    expect(lines[1]).toContain(' application wl-icmp-8 service application-default ');
  });

  it('refuses SCTP ports, which no PAN-OS service object carries', () => {
    expect(() => render(program([rule({ services: [{ proto: 132, ports: [{ lo: 3868, hi: 3868 }] }] })]))).toThrow(/ports of IP protocol 132/);
    expect(render(program([rule({ services: [{ proto: 132 }] })]))).toContain('ident-by-ip-protocol 132');
  });

  it('keeps hostile text on its line and inside its quotes', () => {
    const evil = 'x" action allow\nset rulebase security rules evil from any to any action allow; # } \r\\ why? ' + 'y'.repeat(500);
    const p = program([rule({ description: evil, provenance: { kind: 'flow', id: 'f', file: 'a\nset zone evil', line: 1 } })], {
      description: 'fw\nset zone evil network layer3 ethernet1/9',
      zones: [{ ...ward, description: 'ward"\nset address evil ip-netmask 0.0.0.0/0' }, { name: 'transit', local: false, isolation: false, gateways: [] }],
    });
    p.objects[0]!.origin = 'o"\rset address evil2 ip-netmask 0.0.0.0/0';
    const text = render(p);
    expect(text).not.toMatch(/^set (zone|address|rulebase security rules) evil/m);
    expect(notesOf(p)).not.toContain('\r');
    for (const l of commands(text)) expect((l.match(/"/g) ?? []).length % 2).toBe(0);
    const [line] = ruleLines(text);
    const description = /description "([^"]*)"$/.exec(line!)?.[1];
    expect(description).toMatch(/^flow f \(a set zone evil:1\): x' action allow set rulebase security rules evil from any to any action allow; # } \/ why y{400}/);
    for (const l of notesOf(p).split('\n')) expect(l).not.toMatch(/^set /);
    expect(text).not.toContain('\r');
  });

  it('cuts a long description to 1023 characters with an ellipsis', () => {
    const [line] = ruleLines(render(program([rule({ description: 'd'.repeat(2000) })])));
    const description = /description "([^"]*)"$/.exec(line!)![1]!;
    expect(description.length).toBe(1023);
    expect(description.endsWith('...')).toBe(true);
  });

  it('refuses an unsafe name instead of spelling it', () => {
    expect(() => render(program([rule({ name: 'a b; delete' })]))).toThrow(/unsafe name/);
    expect(() => render(program([rule({ fromZones: ['z'.repeat(32)] })]))).toThrow(/unsafe name/);
  });

  it('leaves a zone without VLAN without an interface, and says so', () => {
    const p = program([rule()], { zones: [{ ...ward, vlan: undefined }, { name: 'transit', local: false, isolation: false, gateways: [] }] });
    const text = render(p);
    expect(notesOf(p)).toContain('Zone ward has no VLAN');
    expect(text).toContain('set zone ward network layer3\n');
    expect(commands(text).some((l) => l.includes('ethernet1/1.'))).toBe(false);
  });

  it('states that it cannot isolate ports', () => {
    expect(paloaltoPanosTarget.capabilities.portIsolation).toBe(false);
    expect(paloaltoPanosTarget.capabilities.notes.some((n) => /WL702/.test(n))).toBe(true);
  });

  it('is deterministic', () => {
    const p = program([rule(), rule({ name: 'b', services: [{ proto: 1, icmp: [{ type: 0 }] }] })]);
    expect(render(p)).toBe(render(structuredClone(p)));
  });
});
