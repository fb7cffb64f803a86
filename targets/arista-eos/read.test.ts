import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import type { AclLine, AclProgram, AddressObject, Family } from '../../src/compile/ir.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { aristaEosTarget } from './index.js';
import { aristaEosReader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;

function packet(src: string, dst: string, rest: Partial<WirePacket> = {}): WirePacket {
  return { src: key(src), dst: key(dst), proto: 6, port: 443, srcPort: 40000, tcpFlags: SYN, ...rest };
}

const pumps: ZoneLink = { zone: 'pumps', vlan: 120 };
const servers: ZoneLink = { zone: 'servers', vlan: 150 };

const objects: AddressObject[] = [
  { name: 'pumps_v4', family: 4, prefixes: ['10.20.1.0/24'], origin: 'pumps' },
  { name: 'server_v4', family: 4, prefixes: ['10.50.10.20/32', '10.50.11.0/26'], origin: 'server' },
  { name: 'pumps_v6', family: 6, prefixes: ['fd00:20::/64'], origin: 'pumps' },
  { name: 'server_v6', family: 6, prefixes: ['fd00:50::20/128'], origin: 'server' },
];
const flow = { kind: 'flow' as const, id: 'f1', file: 'flows.yaml', line: 3 };
const ret = { kind: 'return' as const, id: 'f1', file: 'flows.yaml', line: 3 };

function line(family: Family, rest: Partial<AclLine>): AclLine {
  const [src, dst] = family === 4 ? ['pumps_v4', 'server_v4'] : ['pumps_v6', 'server_v6'];
  return { action: 'permit', family, src, dst, log: false, provenance: flow, ...rest };
}

/** Zone pumps (VLAN 120) on a leaf: its in-lists and out-lists hold the given lines, then the default deny. */
function renderLeaf(inLines: AclLine[], outLines: AclLine[]): string {
  const deny = (family: Family): AclLine => ({ action: 'deny', family, src: 'any', dst: 'any', service: { proto: 'any' }, log: true, provenance: { kind: 'default' } });
  const lists = (['in', 'out'] as const).flatMap((direction) =>
    ([4, 6] as const).map((family) => ({
      name: `pumps-${direction}-v${family}`,
      family,
      zone: 'pumps',
      direction,
      lines: [...(direction === 'in' ? inLines : outLines).filter((l) => l.family === family), deny(family)],
    })),
  );
  const program: AclProgram = {
    kind: 'acl',
    point: 'leaf1',
    platform: 'arista-eos',
    objects,
    interfaces: [
      {
        zone: 'pumps',
        vlan: 120,
        vlanName: 'pumps',
        gateways: [
          { family: 4, address: '10.20.1.1', length: 24 },
          { family: 6, address: 'fd00:20::1', length: 64 },
        ],
        acls: lists.map((l) => ({ family: l.family, direction: l.direction, name: l.name })),
      },
    ],
    lists,
  };
  return aristaEosTarget.render(program)[0]!.content;
}

const rendered = renderLeaf(
  [
    line(4, { action: 'deny', service: { proto: 6, ports: [{ lo: 22, hi: 22 }] }, log: true }),
    line(4, { service: { proto: 6, ports: [{ lo: 22, hi: 22 }, { lo: 443, hi: 443 }] } }),
    line(6, { service: { proto: 6, ports: [{ lo: 443, hi: 443 }] } }),
    line(6, { src: 'pumps_v6', dst: 'any', service: { proto: 58, icmp: [{ type: 135 }, { type: 1, code: 4 }] } }),
  ],
  [
    line(4, { src: 'server_v4', dst: 'pumps_v4', reply: { kind: 'tcp-established', srcPorts: [{ lo: 443, hi: 443 }] }, provenance: ret }),
    line(4, { src: 'server_v4', dst: 'pumps_v4', reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 5000, hi: 5010 }] }, provenance: ret }),
  ],
);

const read = (text: string, path = 'config.txt'): ConfigReading => aristaEosReader.read([{ path, text }]);

describe('arista-eos reader on a rendered leaf', () => {
  const r = read(rendered);

  it('understands every line the renderer writes', () => {
    expect(r.unknown).toEqual([]);
  });

  it('decides by the first matching entry: the deny of ssh comes before the permit of ssh', () => {
    const ssh = r.forward(packet('10.20.1.5', '10.50.10.20', { port: 22 }), pumps, undefined, 'new');
    expect(ssh.action).toBe('deny');
    expect(ssh.where).toBe('Vlan120 in acl pumps-in-v4 seq 30');
    expect(ssh.lines[0]!.text).toMatch(/deny tcp 10\.20\.1\.0\/24 host 10\.50\.10\.20 eq 22 log$/);
    expect(r.forward(packet('10.20.1.5', '10.50.10.20'), pumps, undefined, 'new').action).toBe('permit');
  });

  it('matches each prefix of an expanded object, and nothing beside them', () => {
    expect(r.forward(packet('10.20.1.5', '10.50.11.63'), pumps, undefined, 'new').action).toBe('permit');
    const outside = r.forward(packet('10.20.1.5', '10.50.11.64'), pumps, undefined, 'new');
    expect(outside).toMatchObject({ action: 'deny', where: 'Vlan120 in acl pumps-in-v4 seq 120' });
  });

  it('reads the IPv6 list for IPv6 packets, ICMPv6 types and codes included', () => {
    expect(r.forward(packet('fd00:20::5', 'fd00:50::20'), pumps, undefined, 'new')).toMatchObject({ action: 'permit', where: 'Vlan120 in acl pumps-in-v6 seq 30' });
    expect(r.forward(packet('fd00:20::5', 'fd00:50::21'), pumps, undefined, 'new').action).toBe('deny');
    const icmp = (port: number) => r.forward(packet('fd00:20::5', 'fd00:99::1', { proto: 58, port, srcPort: 0, tcpFlags: 0 }), pumps, undefined, 'new');
    expect(icmp(135 * 256 + 7).action).toBe('permit');
    expect(icmp(1 * 256 + 4).action).toBe('permit');
    expect(icmp(1 * 256 + 3).action).toBe('deny');
  });

  it('passes replies by established (ACK or RST set) and by mirrored source ports, whatever the state', () => {
    const reply = (flags: number) => r.forward(packet('10.50.11.1', '10.20.1.5', { srcPort: 443, port: 40000, tcpFlags: flags }), undefined, pumps, 'established');
    expect(reply(ACK).action).toBe('permit');
    expect(reply(RST).action).toBe('permit');
    expect(reply(SYN).action).toBe('deny');
    const udp = (srcPort: number) => r.forward(packet('10.50.10.20', '10.20.1.5', { proto: 17, srcPort, port: 3000, tcpFlags: 0 }), undefined, pumps, 'new');
    expect(udp(5010).action).toBe('permit');
    expect(udp(5011).action).toBe('deny');
  });

  it('denies by the implicit deny when no entry matches, with no line', () => {
    const text = rendered.replace(/ {3}\d+ deny ip any any log\n/g, '').replace(/ {3}\d+ deny ipv6 any any log\n/g, '');
    const v = read(text).forward(packet('10.20.1.5', '10.99.0.1'), pumps, undefined, 'new');
    expect(v).toEqual({ action: 'deny', where: 'Vlan120 in acl pumps-in-v4: implicit deny at the end', lines: [] });
  });

  it('filters packets to the switch by the inbound list, and never filters switched ones', () => {
    expect(r.toDevice(pumps, packet('10.20.1.5', '10.20.1.1', { proto: 17, port: 67, tcpFlags: 0 })).action).toBe('deny');
    expect(r.switched(pumps, packet('10.20.1.5', '10.20.1.6'))).toMatchObject({ action: 'permit', lines: [] });
  });

  it('finds a link by VLAN id, then by interface name, then by its zone name; an unknown link is not routed', () => {
    const p = packet('10.20.1.5', '10.50.10.20');
    expect(r.forward(p, { zone: 'other', vlan: 120 }, undefined, 'new').action).toBe('permit');
    expect(r.forward(p, { zone: 'other', interface: 'Vlan120' }, undefined, 'new').action).toBe('permit');
    expect(r.forward(p, { zone: 'pumps' }, undefined, 'new').action).toBe('permit');
    expect(r.forward(p, { zone: 'nowhere', vlan: 999 }, undefined, 'new').action).toBe('deny');
    expect(r.forward(p, undefined, undefined, 'new')).toMatchObject({ action: 'permit', lines: [] });
  });

  it('gives the same verdicts after cosmetic edits: remarks, whitespace, object members reordered, renumbered', () => {
    const lines = rendered.split('\n');
    // The two rules of one object pair trade places, each keeping the other's sequence number.
    const a = lines.findIndex((l) => l.includes('permit tcp 10.20.1.0/24 host 10.50.10.20 eq 443'));
    const b = lines.findIndex((l) => l.includes('permit tcp 10.20.1.0/24 10.50.11.0/26 eq 443'));
    const [seqA, bodyA] = lines[a]!.trim().split(/ (.*)/);
    const [seqB, bodyB] = lines[b]!.trim().split(/ (.*)/);
    [lines[a], lines[b]] = [`   ${seqA} ${bodyB}`, `   ${seqB} ${bodyA}`];
    const edited = lines.join('\n').replace(/remark flow f1/g, 'remark reviewed by J. Smith, flow f1').replace(/^ {3}(\d+) permit/gm, '      $1   permit');
    expect(edited).not.toBe(rendered);
    const e = read(edited);
    expect(e.unknown).toEqual([]);
    const probes = [
      packet('10.20.1.5', '10.50.10.20'),
      packet('10.20.1.5', '10.50.11.9'),
      packet('10.20.1.5', '10.50.10.20', { port: 22 }),
      packet('10.20.1.5', '10.50.12.1'),
      packet('fd00:20::5', 'fd00:50::20'),
    ];
    for (const p of probes) expect(e.forward(p, pumps, undefined, 'new').action).toBe(r.forward(p, pumps, undefined, 'new').action);
  });
});

describe('arista-eos reader on hand-written text', () => {
  const text = [
    '! a leaf',
    'hostname leaf1',
    'vlan 150',
    '   name servers',
    'ip access-list hand',
    '   40 permit tcp 10.1.0.0 0.0.255.255 any eq www https',
    '   50 permit udp any neq 53 123 host 10.9.0.1 gt 1023',
    '   60 permit icmp any any echo',
    '   70 deny 47 any any',
    '   80 deny ip any any',
    '   permit tcp any any syn ack',
    '   35 deny tcp host 10.1.2.3 any',
    'ipv6 access-list standard six',
    '   10 permit fd00:1::/64',
    'interface Vlan150',
    '   ip address 10.150.0.1/24',
    '   ipv6 enable',
    '   ip access-group hand in',
    '   ipv6 access-group six in',
    'interface Vlan160',
    '   ip address 10.160.0.1 255.255.255.0',
    '   shutdown',
    'end',
  ].join('\n');
  const r = read(text);
  const v = (p: WirePacket) => r.forward(p, servers, undefined, 'new');

  it('understands it all', () => expect(r.unknown).toEqual([]));

  it('orders entries by sequence number, not by their place in the file', () => {
    expect(v(packet('10.1.2.3', '10.9.9.9', { port: 80 }))).toMatchObject({ action: 'deny', where: 'Vlan150 in acl hand seq 35' });
    expect(v(packet('10.1.2.4', '10.9.9.9', { port: 80 })).action).toBe('permit');
  });

  it('reads wildcard masks, port names, neq and gt, ICMP names, protocol numbers and flag words', () => {
    expect(v(packet('10.2.0.1', '10.9.9.9', { port: 443 })).action).toBe('deny');
    expect(v(packet('10.1.200.1', '10.9.9.9', { port: 443 })).action).toBe('permit');
    const udp = (srcPort: number, port: number) => v(packet('10.7.0.1', '10.9.0.1', { proto: 17, srcPort, port, tcpFlags: 0 })).action;
    expect([udp(5000, 1024), udp(53, 1024), udp(5000, 1023), udp(123, 2000)]).toEqual(['permit', 'deny', 'deny', 'deny']);
    expect(v(packet('10.7.0.1', '10.9.0.1', { proto: 1, port: 8 * 256, srcPort: 0, tcpFlags: 0 })).action).toBe('permit');
    expect(v(packet('10.7.0.1', '10.9.0.1', { proto: 1, port: 0, srcPort: 0, tcpFlags: 0 })).action).toBe('deny');
    expect(v(packet('10.7.0.1', '10.9.0.1', { proto: 47, port: 0, srcPort: 0, tcpFlags: 0 })).where).toBe('Vlan150 in acl hand seq 70');
    // The entry without a number went after 80: the deny of all decides first.
    expect(v(packet('10.7.0.1', '10.9.0.1', { port: 9, tcpFlags: SYN | ACK })).where).toBe('Vlan150 in acl hand seq 80');
  });

  it('reads a standard IPv6 list by source only', () => {
    expect(v(packet('fd00:1::9', 'fd00:99::1', { proto: 17 })).action).toBe('permit');
    expect(v(packet('fd00:2::9', 'fd00:99::1')).action).toBe('deny');
  });

  it('routes nothing on a shut interface, and nothing to it', () => {
    expect(r.forward(packet('10.150.0.5', '10.160.0.5'), undefined, { zone: 'x', vlan: 160 }, 'new')).toMatchObject({ action: 'deny', where: 'Vlan160 is shut down' });
    expect(r.toDevice({ zone: 'x', vlan: 160 }, packet('fe80::1', 'ff02::1')).action).toBe('deny');
  });

  it('reports every line it does not understand with its file and line, and never throws', () => {
    const bad = [
      'ip access-list a',
      '   10 permit tcp any any eq 443 ttl eq 5',
      '   10 deny ip any any',
      '   20 permit icmp 10.0.0.0 any',
      '   30 permit tcp any any eq nosuchport',
      '   40 permit ipv6 any any',
      'router bgp 65000',
      '   neighbor 10.0.0.2 remote-as 65001',
      'interface Vlan5',
      '   ip address 10.5.0.1/24',
      '   ip access-group a in',
      '   ip helper-address 10.5.0.999',
      '   ipv6 access-group missing in',
      '   switchport mode trunk',
    ].join('\n');
    const reading = read(bad, 'leaf/config.txt');
    expect(reading.unknown.map((x) => `${x.file}:${x.line}`)).toEqual([2, 4, 5, 6, 7, 8, 12, 13, 14].map((n) => `leaf/config.txt:${n}`));
    expect(reading.unknown[0]).toMatchObject({ text: '   10 permit tcp any any eq 443 ttl eq 5', reason: '"ttl eq 5" is not understood in this rule' });
    expect(reading.unknown.find((x) => x.line === 13)!.reason).toBe('access list missing is not defined in these files');
    // Line 2 was not read, so sequence 10 is line 3's.
    expect(reading.forward(packet('10.5.0.9', '10.0.0.2'), { zone: 'z', vlan: 5 }, undefined, 'new')).toMatchObject({ action: 'deny', lines: [{ line: 3 }] });
    expect(() => read('\u0000\r\n   \t\n ip access-list\nipv6 access-list x\n   permit tcp any any range 9 1')).not.toThrow();
  });
});

describe('arista-eos text-level validation catches mutants of the rendered text', () => {
  const yaml = [
    'wardline: 1',
    'zones:',
    '  pumps: { vlan: 120, subnets: [10.20.0.0/24], gateway: [10.20.0.1], via: leaf }',
    '  servers: { vlan: 150, subnets: [10.50.0.0/24], gateway: [10.50.0.1], via: leaf }',
    'flows:',
    '  - { id: pumps-to-servers, from: pumps, to: servers, services: [tcp/443, udp/514] }',
    '  - { id: pumps-to-vendor, from: pumps, to: 192.0.2.0/24, services: [tcp/8443] }',
    'enforcement:',
    '  leaf: { platform: arista-eos }',
  ].join('\n');
  const loaded = loadPolicy([{ path: 'policy.yaml', text: yaml }], { today: TODAY });
  const programs = compilePolicy(loaded.policy);
  const config = renderedFiles(loaded.policy, programs).get('leaf/config.txt')!;

  function disagreements(text: string): string[] {
    const result = validateText(loaded.policy, new Map([['leaf/config.txt', text]]), programs);
    expect(result.unknown).toEqual([]);
    return result.disagreements.map((d) => `${d.packet}: simulator ${d.simulator}, text ${d.compiled}`);
  }

  it('finds nothing in the text as rendered, remarks edited', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(disagreements(config.replace('remark flow pumps-to-servers', 'remark flow pumps-to-servers, reviewed'))).toEqual([]);
  });

  it('finds a flipped port, a protocol widened to all protocols and a deleted entry, each on its own traffic', () => {
    const mutants: [RegExp, string][] = [
      [/(permit tcp 10\.20\.0\.0\/24 10\.50\.0\.0\/24 eq) 443\n/, '$1 444\n'],
      // Towards the uplink only the zone's inbound list decides (towards servers, their outbound list would still deny).
      [/permit tcp (10\.20\.0\.0\/24 192\.0\.2\.0\/24) eq 8443\n/, 'permit ip $1\n'],
      [/ {3}\d+ permit udp 10\.20\.0\.0\/24 10\.50\.0\.0\/24 eq 514\n/, ''],
    ];
    let text = config;
    for (const [from, to] of mutants) {
      const edited = text.replace(from, to);
      expect(edited).not.toBe(text);
      text = edited;
    }
    const found = disagreements(text);
    expect(found).toContain('10.20.0.0 → 10.50.0.0 tcp/443: simulator allow, text deny');
    expect(found.some((d) => /^10\.20\.0\.\S+ → 192\.0\.2\.\S+ (udp|tcp)\/\d+: simulator deny, text allow/.test(d))).toBe(true);
    expect(found.some((d) => /^10\.20\.0\.\S+ → 10\.50\.0\.\S+ udp\/514: simulator allow, text deny/.test(d))).toBe(true);
  });
});
