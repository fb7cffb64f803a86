import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import type { FirewallProgram, FirewallRule } from '../../src/compile/ir.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { addressKey, formatKey, keyFamily, parseAddress } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText, type TextValidation } from '../../src/verify/text-validation.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { paloaltoPanosTarget } from './index.js';
import { paloaltoPanosReader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const SYN = 0x02;
const tcp = (src: string, dst: string, port: number, srcPort = 40000): WirePacket => ({ src: key(src), dst: key(dst), proto: 6, port, srcPort, tcpFlags: SYN });
const udp = (src: string, dst: string, port: number): WirePacket => ({ src: key(src), dst: key(dst), proto: 17, port, srcPort: 40000, tcpFlags: 0 });
const icmp = (src: string, dst: string, type: number, code = 0, proto = 1): WirePacket => ({ src: key(src), dst: key(dst), proto, port: type * 256 + code, srcPort: 0, tcpFlags: 0 });

const ward: ZoneLink = { zone: 'ward', vlan: 120 };
const read = (text: string, path = 'config.txt') => paloaltoPanosReader.read([{ path, text }]);

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
    description: 'drug library updates',
    ...over,
  };
}
const deny = (family: 4 | 6): FirewallRule =>
  rule({ name: `default-deny-v${family}`, family, action: 'deny', src: ['any'], dst: ['any'], services: [{ proto: 'any' }], provenance: { kind: 'default' }, description: 'default deny' });

/** A small firewall: ward (VLAN 120, both families, DHCP relay) and transit, rules in the order given. */
function rendered(rules: FirewallRule[]): string {
  const program: FirewallProgram = {
    kind: 'firewall',
    point: 'fw1',
    platform: 'paloalto-panos',
    objects: [
      { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
      { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.10.22/31'], origin: 'server' },
      { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
      { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128'], origin: 'server' },
    ],
    zones: [
      {
        name: 'ward',
        zone: 'ward',
        local: true,
        isolation: false,
        vlan: 120,
        gateways: [
          { family: 4, address: '10.20.0.1', length: 16 },
          { family: 6, address: 'fd00:20::1', length: 64 },
        ],
        dhcpRelay: [{ family: 4, servers: ['10.50.0.5'], serverZones: [undefined] }],
      },
      { name: 'transit', local: false, isolation: false, gateways: [] },
    ],
    rules,
    gateway: [],
  };
  return paloaltoPanosTarget.render(program)[0]!.content;
}

const verdict = (r: ConfigReading, p: WirePacket, from: ZoneLink | undefined, to: ZoneLink | undefined, state: 'new' | 'established' = 'new') => r.forward(p, from, to, state).action;
const lineOf = (text: string, pattern: string) => text.split('\n').findIndex((l) => l.includes(pattern)) + 1;

describe('paloalto-panos reader on rendered configs', () => {
  const text = rendered([
    rule({ name: 'no-ssh-v4', action: 'deny', src: ['pumps_v4'], dst: ['server_v4'], services: [{ proto: 6, ports: [{ lo: 22, hi: 22 }] }] }),
    rule({ name: 'all-tcp-v4', services: [{ proto: 6 }] }),
    rule({ name: 'p-v6', family: 6, src: ['pumps_v6'], dst: ['server_v6'], services: [{ proto: 6, ports: [{ lo: 443, hi: 443 }] }, { proto: 58, icmp: [{ type: 128 }] }] }),
    deny(4),
    deny(6),
  ]);
  const r = read(text);

  it('reads everything wardline writes', () => {
    expect(r.unknown).toEqual([]);
  });

  it('takes the first matching rule, in the order the moves give', () => {
    const ssh = r.forward(tcp('10.20.1.5', '10.50.10.20', 22), ward, undefined, 'new');
    expect(ssh.action).toBe('deny');
    expect(ssh.where).toMatch(/^rule no-ssh-v4-[0-9a-f]{8} \(from ward to transit, deny\)$/);
    expect(ssh.lines).toEqual([{ file: 'config.txt', line: lineOf(text, 'rules no-ssh-v4-'), text: text.split('\n')[lineOf(text, 'rules no-ssh-v4-') - 1] }]);
    expect(verdict(r, tcp('10.20.1.5', '10.50.10.20', 23), ward, undefined)).toBe('permit');
    // Moving the permit above the deny (a semantic edit) changes the verdict.
    const name = (prefix: string) => new RegExp(`rules (${prefix}-[0-9a-f]{8}) `).exec(text)![1]!;
    const moved = read(`${text}move rulebase security rules ${name('all-tcp-v4')} top\n`);
    expect(moved.unknown).toEqual([]);
    expect(verdict(moved, tcp('10.20.1.5', '10.50.10.20', 22), ward, undefined)).toBe('permit');
  });

  it('matches an address group by every member, and nothing beside them', () => {
    expect(verdict(r, tcp('10.20.1.5', '10.50.10.23', 443), ward, undefined)).toBe('permit');
    expect(verdict(r, tcp('10.20.1.5', '10.50.10.21', 443), ward, undefined)).toBe('deny');
    expect(verdict(r, tcp('10.20.2.5', '10.50.10.20', 443), ward, undefined)).toBe('deny');
  });

  it('reads IPv6 rules, and ICMPv6 by a custom application in the rule split from the ports', () => {
    expect(verdict(r, tcp('fd00:20::5', 'fd00:50::20', 443), ward, undefined)).toBe('permit');
    expect(verdict(r, tcp('fd00:20::5', 'fd00:50::20', 80), ward, undefined)).toBe('deny');
    expect(verdict(r, icmp('fd00:20::5', 'fd00:50::20', 128, 0, 58), ward, undefined)).toBe('permit');
    expect(verdict(r, icmp('fd00:20::5', 'fd00:50::20', 129, 0, 58), ward, undefined)).toBe('deny');
    expect(verdict(r, tcp('fd00:21::5', 'fd00:50::20', 443), ward, undefined)).toBe('deny');
  });

  it('passes replies by session, and only by session', () => {
    const reply = tcp('10.50.10.20', '10.20.1.5', 40000, 443);
    expect(r.forward(reply, undefined, ward, 'established')).toMatchObject({ action: 'permit', lines: [] });
    expect(verdict(r, reply, undefined, ward, 'new')).toBe('deny');
  });

  it('denies by the final deny, and by interzone-default where no rule matches', () => {
    expect(r.forward(udp('10.20.1.5', '10.50.10.20', 53), ward, undefined, 'new').where).toMatch(/^rule default-deny-v4-/);
    const bare = read('set zone a network layer3 ethernet1/3\nset zone b network layer3 ethernet1/4\n');
    expect(bare.forward(udp('10.0.0.1', '10.0.0.2', 53), { zone: 'a' }, { zone: 'b' }, 'new')).toEqual({ action: 'deny', where: 'interzone-default (from a to b, deny)', lines: [] });
    expect(bare.forward(udp('10.0.0.1', '10.0.0.2', 53), { zone: 'a' }, { zone: 'a' }, 'new').action).toBe('permit');
  });

  it('answers on the ward link only the DHCP relay and neighbour discovery', () => {
    const relay = r.toDevice(ward, udp('0.0.0.0', '255.255.255.255', 67));
    expect(relay.action).toBe('permit');
    expect(relay.lines.map((l) => l.text)).toEqual(['set network dhcp interface ethernet1/1.120 relay ip enabled yes', 'set network dhcp interface ethernet1/1.120 relay ip server 10.50.0.5']);
    expect(read(text.replace(/^.* relay ip server .*$/m, '')).toDevice(ward, udp('0.0.0.0', '255.255.255.255', 67)).action).toBe('deny');
    expect(r.toDevice(ward, icmp('fe80::1', 'ff02::1:ff00:1', 135, 0, 58)).action).toBe('permit');
    expect(r.toDevice(ward, icmp('10.20.1.5', '10.20.0.1', 8)).action).toBe('deny');
    expect(r.toDevice(ward, tcp('10.20.1.5', '10.20.0.1', 22)).action).toBe('deny');
    expect(r.toDevice(ward, udp('fe80::1', 'ff02::1:2', 547)).action).toBe('deny');
    expect(r.switched(ward, tcp('10.20.1.5', '10.20.1.6', 22))).toMatchObject({ action: 'permit', lines: [] });
  });

  it('finds zones by VLAN, then interface, then name, and the uplink by its untagged interface', () => {
    const p = tcp('10.20.1.5', '10.50.10.20', 443);
    expect(verdict(r, p, { zone: 'other-name', vlan: 120 }, undefined)).toBe('permit');
    expect(verdict(r, p, { zone: 'other-name', interface: 'ethernet1/1.120' }, undefined)).toBe('permit');
    expect(verdict(r, p, { zone: 'ward' }, undefined)).toBe('permit');
    expect(r.forward(p, { zone: 'nowhere', vlan: 999 }, undefined, 'new')).toMatchObject({ action: 'deny', lines: [] });
  });

  it('changes no verdict for cosmetic edits: descriptions, member order, quoting, spaces', () => {
    const cosmetic = text
      .replace(/description "[^"]*"/g, 'description "edited by hand"')
      .replace(/static \[ (\S+) (\S+) \]/g, 'static [ $2 $1 ]')
      .replace(/ source-user any /g, '  source-user   any ');
    expect(cosmetic).not.toBe(text);
    const edited = read(cosmetic);
    expect(edited.unknown).toEqual([]);
    const packets = [
      tcp('10.20.1.5', '10.50.10.20', 22),
      tcp('10.20.1.5', '10.50.10.23', 8443),
      tcp('10.20.1.5', '10.50.10.21', 443),
      tcp('fd00:20::5', 'fd00:50::20', 443),
      icmp('fd00:20::5', 'fd00:50::20', 128, 0, 58),
      udp('10.20.1.5', '10.50.10.20', 53),
    ];
    for (const p of packets) expect(edited.forward(p, ward, undefined, 'new').action).toBe(r.forward(p, ward, undefined, 'new').action);
  });
});

describe('paloalto-panos reader on hand-written commands', () => {
  const base = [
    'set network interface ethernet ethernet1/1 layer3 units ethernet1/1.10 tag 10',
    'set network interface ethernet ethernet1/1 layer3 units ethernet1/1.10 ip 10.1.0.1/24',
    'set zone inside network layer3 ethernet1/1.10',
    'set network interface ethernet ethernet1/2 layer3 ip 192.0.2.1/30',
    'set zone outside network layer3 ethernet1/2',
  ];
  const inside: ZoneLink = { zone: 'inside', vlan: 10 };

  it('reports each line it does not understand with file, line and reason, and evaluates the rest', () => {
    const r = read([...base, 'set rulebase nat rules n1 from inside', 'set address fq fqdn example.org', 'set rulebase security rules r1 from inside to outside source fq destination any application any service any action allow', 'frobnicate', '# a comment'].join('\n'), 'fw/config.txt');
    expect(r.unknown.map((u) => [u.file, u.line])).toEqual([
      ['fw/config.txt', 6],
      ['fw/config.txt', 7],
      ['fw/config.txt', 8],
      ['fw/config.txt', 9],
      ['fw/config.txt', 10],
    ]);
    expect(r.unknown[0]!.reason).toMatch(/security rulebase/);
    expect(r.unknown[1]!.reason).toMatch(/fqdn/);
    expect(r.unknown[2]!.reason).toMatch(/names address fq, which the reader could not read/);
    expect(r.unknown[3]!.text).toBe('frobnicate');
    expect(verdict(r, tcp('10.1.0.5', '192.0.2.9', 80), inside, undefined)).toBe('deny');
  });

  it('reads hand-edited forms: literal addresses, ranges, wildcards, service groups, source ports, rules over several lines', () => {
    const r = read(
      [
        ...base,
        'set address web ip-range 198.51.100.10-198.51.100.19',
        'set address odd ip-wildcard 10.1.0.1/0.0.0.254',
        'set service dns protocol udp port 53 source-port 1024-65535',
        'set service web-ports protocol tcp port 80,8000-8080',
        'set service-group svc members [ dns web-ports ]',
        'set rulebase security rules r1 from inside to outside',
        'set rulebase security rules r1 source [ odd 10.1.0.100 ] destination [ web 203.0.113.0/24 ]',
        'set rulebase security rules r1 application any service svc action allow',
        'set rulebase security rules r2 from any to any source any destination any application any service service-https action drop',
      ].join('\n'),
    );
    expect(r.unknown).toEqual([]);
    expect(verdict(r, tcp('10.1.0.3', '198.51.100.15', 8080), inside, undefined)).toBe('permit');
    expect(verdict(r, tcp('10.1.0.4', '198.51.100.15', 8080), inside, undefined)).toBe('deny');
    expect(verdict(r, tcp('10.1.0.100', '203.0.113.7', 80), inside, undefined)).toBe('permit');
    expect(verdict(r, udp('10.1.0.100', '203.0.113.7', 53), inside, undefined)).toBe('permit');
    expect(verdict(r, { ...udp('10.1.0.100', '203.0.113.7', 53), srcPort: 53 }, inside, undefined)).toBe('deny');
    expect(r.forward(tcp('10.1.0.100', '198.51.100.20', 443), inside, undefined, 'new').where).toBe('rule r2 (from inside to outside, drop)');
    expect(r.forward(tcp('10.1.0.100', '198.51.100.15', 80), inside, undefined, 'new').lines.map((l) => l.line)).toEqual([11, 12, 13]);
  });

  it('matches an IPv4 packet against IPv6 prefixes in ::/96, never an IPv6 packet against IPv4 ones', () => {
    const r = read([...base, 'set rulebase security rules r1 from inside to outside source ::/96 destination any application any service any action allow', 'set rulebase security rules r2 from inside to outside source 0.0.0.0/0 destination any application any service any action allow'].join('\n'));
    expect(r.forward(tcp('10.1.0.5', '192.0.2.9', 80), inside, undefined, 'new').where).toMatch(/^rule r1 /);
    expect(r.forward(tcp('fd00::1', 'fd00::2', 80), inside, undefined, 'new').where).toMatch(/^interzone-default/);
  });

  it('honours negate, disabled, rule-type and the default rules overridden', () => {
    const r = read(
      [
        ...base,
        'set rulebase security rules off from any to any source any destination any application any service any action deny disabled yes',
        'set rulebase security rules not-ten from inside to outside source any destination 10.0.0.0/8 negate-destination yes application any service any action allow',
        'set rulebase security rules within from any to any source any destination any application any service any action deny rule-type intrazone',
        'set rulebase default-security-rules rules interzone-default action allow',
      ].join('\n'),
    );
    expect(r.unknown).toEqual([]);
    expect(r.forward(tcp('10.1.0.5', '192.0.2.9', 80), inside, undefined, 'new').where).toMatch(/^rule not-ten /);
    expect(r.forward(tcp('10.1.0.5', '10.9.0.9', 80), inside, undefined, 'new')).toMatchObject({ action: 'permit', where: 'interzone-default (from inside to outside, allow)' });
    expect(r.forward(tcp('10.1.0.5', '10.1.0.9', 80), inside, inside, 'new').where).toMatch(/^rule within /);
  });

  it('answers what a management profile opens, only within the security rules', () => {
    const profile = ['set network profiles interface-management-profile mgmt ping yes ssh yes permitted-ip 10.1.0.0/25', 'set network interface ethernet ethernet1/1 layer3 units ethernet1/1.10 interface-management-profile mgmt'];
    const open = read([...base, ...profile].join('\n'));
    expect(open.unknown).toEqual([]);
    expect(open.toDevice(inside, icmp('10.1.0.5', '10.1.0.1', 8)).action).toBe('permit');
    expect(open.toDevice(inside, tcp('10.1.0.5', '10.1.0.1', 22)).action).toBe('permit');
    expect(open.toDevice(inside, tcp('10.1.0.200', '10.1.0.1', 22)).action).toBe('deny');
    expect(open.toDevice(inside, tcp('10.1.0.5', '10.1.0.1', 443)).action).toBe('deny');
    const closed = read([...base, ...profile, 'set rulebase security rules last from any to any source any destination any application any service any action deny'].join('\n'));
    expect(closed.toDevice(inside, icmp('10.1.0.5', '10.1.0.1', 8)).where).toMatch(/^rule last /);
  });

  it('reads ICMP types and codes and IP protocols as custom applications, ANDed with the service', () => {
    const r = read(
      [
        ...base,
        'set application wl-icmp-3-4 default ident-by-icmp-type type 3 code 4',
        'set application wl-icmp-8 default ident-by-icmp-type type 8',
        'set application wl-proto-47 default ident-by-ip-protocol 47',
        'set application-group apps members [ wl-icmp-3-4 wl-proto-47 ]',
        'set rulebase security rules r1 from inside to outside source any destination any application [ apps wl-icmp-8 ] service application-default action allow',
        'set rulebase security rules r2 from inside to outside source any destination any application ssl service any action allow',
      ].join('\n'),
    );
    expect(r.unknown.map((u) => u.line)).toEqual([11]);
    expect(r.unknown[0]!.reason).toMatch(/App-ID/);
    expect(verdict(r, icmp('10.1.0.5', '192.0.2.9', 8), inside, undefined)).toBe('permit');
    expect(verdict(r, icmp('10.1.0.5', '192.0.2.9', 3, 4), inside, undefined)).toBe('permit');
    expect(verdict(r, icmp('10.1.0.5', '192.0.2.9', 3, 3), inside, undefined)).toBe('deny');
    expect(verdict(r, { ...icmp('10.1.0.5', '192.0.2.9', 0), proto: 47, port: 0 }, inside, undefined)).toBe('permit');
  });

  it('reads an fqdn object as what the context resolves its name to, each packet matching its own family', () => {
    const resolve = (fqdn: string) => (fqdn === 'drug-library.pump-vendor.example' ? iv.fromIntervals([[key('203.0.113.7'), key('203.0.113.7')], [key('2001:db8::7'), key('2001:db8::7')]]) : undefined);
    const lines = [...base, 'set address vendor fqdn Drug-Library.Pump-Vendor.example. description "the vendor"', 'set rulebase security rules r1 from inside to outside source any destination vendor application any service service-https action allow'];
    const r = paloaltoPanosReader.read([{ path: 'config.txt', text: lines.join('\n') }], { resolve });
    expect(r.unknown).toEqual([]);
    expect(verdict(r, tcp('10.1.0.5', '203.0.113.7', 443), inside, undefined)).toBe('permit');
    expect(verdict(r, tcp('fd00::5', '2001:db8::7', 443), inside, undefined)).toBe('permit');
    expect(verdict(r, tcp('10.1.0.5', '203.0.113.8', 443), inside, undefined)).toBe('deny');
    expect(verdict(r, tcp('10.1.0.5', '203.0.113.7', 80), inside, undefined)).toBe('deny');
  });

  it('reports an fqdn object whose name the context does not know, or read without a context, and every rule naming it', () => {
    const lines = [...base, 'set address other fqdn unknown.example', 'set address-group both static [ other 203.0.113.7 ]', 'set rulebase security rules r1 from inside to outside source any destination both application any service any action allow'];
    const known = paloaltoPanosReader.read([{ path: 'config.txt', text: lines.join('\n') }], { resolve: () => undefined });
    const bare = paloaltoPanosReader.read([{ path: 'config.txt', text: lines.join('\n') }]);
    for (const r of [known, bare]) {
      expect(r.unknown.map((u) => u.line)).toEqual([6, 8]);
      expect(r.unknown[1]!.reason).toBe(`rule r1 is not evaluated: it names address other, which the reader could not read (line 6: ${r.unknown[0]!.reason})`);
      // Not a rule matching nothing: it is reported, and the packet meets whatever decides below it.
      expect(verdict(r, tcp('10.1.0.5', '203.0.113.7', 443), inside, undefined)).toBe('deny');
    }
    expect(known.unknown[0]!.reason).toBe('fqdn unknown.example: the policy has no external with this DNS name, so what the device resolves it to is unknown');
    expect(bare.unknown[0]!.reason).toMatch(/^fqdn unknown\.example: the device resolves the name at run time, and the reader was given no policy/);
  });

  it('never throws on bad text', () => {
    const bad = ['set address', 'set address x ip-netmask 10.0.0.300', 'set rulebase security rules r from [ a', 'move rulebase security rules nope top', 'set zone "unclosed', 'set service s protocol icmp port 1', 'set network interface ethernet ethernet1/1 layer3 units ethernet1/1.5 tag 9999'];
    const r = read(bad.join('\r\n'));
    expect(r.unknown.map((u) => u.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.forward(tcp('10.0.0.1', '10.0.0.2', 1), undefined, undefined, 'new').action).toBe('deny');
  });
});

describe('paloalto-panos text-level validation catches edits of the rendered text (mutants)', () => {
  const policy = loadPolicy(
    [
      {
        path: 'policy.yaml',
        text: [
          'wardline: 1',
          'zones:',
          '  a: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: r1 }',
          '  b: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: r1 }',
          'flows:',
          '  - { id: f1, from: a, to: b, services: [https] }',
          '  - { id: f2, from: b, to: a, services: [tcp/22] }',
          'enforcement:',
          '  r1: { platform: paloalto-panos }',
        ].join('\n'),
      },
    ],
    { today: TODAY },
  ).policy;
  const files = renderedFiles(policy, compilePolicy(policy));
  const config = files.get('r1/config.txt')!;
  const edited = (edit: (text: string) => string) => {
    const text = edit(config);
    expect(text).not.toBe(config);
    return validateText(policy, new Map([...files, ['r1/config.txt', text]]));
  };
  const seen = (r: TextValidation) => r.disagreements.map((d) => `${d.simulator} / ${d.compiled.split(' ')[0]}: ${d.packet}`);

  it('finds nothing on the text as rendered', () => {
    const r = validateText(policy, files);
    expect(r.classes).toBeGreaterThan(500);
    expect(r.disagreements).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('catches a flipped port (an outage)', () => {
    const r = edited((t) => t.replace(' protocol tcp port 443', ' protocol tcp port 444'));
    expect(seen(r)).toContain('allow / deny: 10.1.0.0 → 10.2.0.0 tcp/443');
  });

  it('catches a service turned into every protocol (an exposure)', () => {
    const r = edited((t) => t.replace(/(rules f1-v4-\S+ .* service) tcp-443 /, '$1 any '));
    expect(r.disagreements.length).toBeGreaterThan(0);
    expect(r.disagreements.every((d) => d.simulator === 'deny')).toBe(true);
    expect(seen(r)).toContain('deny / allow: 10.1.0.0 → 10.2.0.0 udp/53');
  });

  it('catches a deleted rule, and only its traffic (the moves deleted too change nothing)', () => {
    const r = edited((t) => t.split('\n').filter((l) => !/^set rulebase security rules f2-v4-/.test(l) && !l.startsWith('move ')).join('\n'));
    expect(r.unknown).toEqual([]);
    expect(r.disagreements.length).toBeGreaterThan(0);
    expect(r.disagreements.every((d) => d.simulator === 'allow' && d.packet.startsWith('10.2.0.') && d.packet.includes(' tcp/22'))).toBe(true);
  });
});

describe('paloalto-panos text-level validation of fqdn objects', () => {
  const policy = loadPolicy(
    [
      {
        path: 'policy.yaml',
        text: [
          'wardline: 1',
          'zones:',
          '  a: { vlan: 10, subnets: [10.1.0.0/24, "fd00:1::/64"], gateway: [10.1.0.1, "fd00:1::1"], via: r1 }',
          'externals:',
          '  vendor: { fqdn: updates.vendor.example }',
          '  other: { fqdn: other.example }',
          'flows:',
          '  - { id: f1, from: a, to: vendor, services: [https] }',
          '  - { id: f2, from: a, to: other, services: [tcp/22] }',
          'enforcement:',
          '  r1: { platform: paloalto-panos }',
        ].join('\n'),
      },
    ],
    { today: TODAY },
  ).policy;
  const files = renderedFiles(policy, compilePolicy(policy));
  const config = files.get('r1/config.txt')!;
  const standIn = (name: string, family: 4 | 6) => formatKey(buildAddressPlan(policy).names.set(name).find(([lo]) => keyFamily(lo) === family)![0]);

  it('renders each name as an fqdn object and reads it back through the policy: no disagreement, nothing unknown', () => {
    expect(config).toContain('set address vendor_v4 fqdn updates.vendor.example description "vendor"\n');
    expect(config).toContain('set address vendor_v6 fqdn updates.vendor.example description "vendor"\n');
    const r = validateText(policy, files);
    expect(r.unknown).toEqual([]);
    expect(r.disagreements).toEqual([]);
  });

  it('catches the fqdn changed to another name: the stand-in of the name is denied, the other name allowed', () => {
    const text = config.replace('set address vendor_v4 fqdn updates.vendor.example ', 'set address vendor_v4 fqdn other.example ');
    expect(text).not.toBe(config);
    const r = validateText(policy, new Map([...files, ['r1/config.txt', text]]));
    expect(r.unknown).toEqual([]);
    const seen = r.disagreements.map((d) => `${d.simulator} / ${d.compiled.split(' ')[0]}: ${d.packet}`);
    expect(seen).toContain(`allow / deny: 10.1.0.0 → ${standIn('vendor', 4)} tcp/443`);
    expect(seen).toContain(`deny / allow: 10.1.0.0 → ${standIn('other', 4)} tcp/443`);
    // The IPv6 object still names the vendor: only IPv4 packets change.
    expect(r.disagreements.every((d) => !d.packet.includes(':'))).toBe(true);
  });

  it('reports a name the policy does not have, and its rule is not evaluated (the vendor is denied, not silently matched)', () => {
    const text = config.replace('fqdn updates.vendor.example ', 'fqdn updates.elsewhere.example ');
    const r = validateText(policy, new Map([...files, ['r1/config.txt', text]]));
    expect(r.unknown.map((u) => u.reason)).toEqual([
      'fqdn updates.elsewhere.example: the policy has no external with this DNS name, so what the device resolves it to is unknown',
      expect.stringMatching(/^rule f1-v4-[0-9a-f]{8} is not evaluated: it names address vendor_v4, which the reader could not read/),
    ]);
    expect(r.disagreements.map((d) => `${d.simulator} / ${d.compiled.split(' ')[0]}: ${d.packet}`)).toContain(`allow / deny: 10.1.0.0 → ${standIn('vendor', 4)} tcp/443`);
  });
});
