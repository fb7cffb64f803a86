import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { arubaAoscxReader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const ACK = 0x10;
const SYN = 0x02;
const packet = (src: string, dst: string, proto: number, port: number, extra: Partial<WirePacket> = {}): WirePacket => ({
  src: key(src), dst: key(dst), proto, port, srcPort: 61000, tcpFlags: proto === 6 ? SYN : 0, ...extra,
});
const A: ZoneLink = { zone: 'a', vlan: 10 };
const B: ZoneLink = { zone: 'b', vlan: 20 };

/** A hand-written configuration: entries out of sequence order, a mask, object and port groups, both families. */
const CONFIG = `! hand-written
object-group ip address web
    20 10.2.0.20
    10 10.2.0.0/28
object-group port webports
    10 eq 443
    20 range 8000 8010
object-group ipv6 address v6hosts
    10 fd00:2::/64
access-list ip a-in
    20 comment the deny comes second, whatever its line
    20 deny tcp 10.1.0.0/24 10.2.0.0/24 eq 443 log
    10 permit tcp 10.1.0.5 web group webports
    30 permit udp 10.1.0.0/255.0.255.0 any gt 1023 count
access-list ip a-out
    10 permit tcp any eq 22 10.1.0.0/24 established
    20 permit tcp any 10.1.0.0/24 eq 80 syn
access-list ipv6 a-in6
    10 permit icmpv6 fd00:1::/64 v6hosts icmp-type echo-request
    20 deny udp any any
    30 permit any any any
access-list ip iso
    10 deny any 10.1.0.0/24 10.1.0.0/24
    20 permit any any any
vlan 10
    name a
    apply access-list ip iso in
interface vlan 10
    description zone a
    ip address 10.1.0.1/24
    ip helper-address 10.9.0.5
    active-gateway ip mac 02:00:5e:77:6c:04
    active-gateway ip 10.1.0.254
    apply access-list ip a-in routed-in
    apply access-list ip a-out routed-out
    apply access-list ipv6 a-in6 routed-in
vlan 20
    name b
interface vlan 20
    ipv6 address fd00:2::1/64
`;

const read = (text: string, path = 'config.txt'): ConfigReading => arubaAoscxReader.read([{ path, text }]);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('aruba-aoscx reader on a hand-written configuration', () => {
  const r = read(CONFIG);

  it('understands every line', () => {
    expect(r.unknown).toEqual([]);
  });

  it('takes entries in sequence order, first match, naming the entry and the group lines that matched', () => {
    const v = r.forward(packet('10.1.0.5', '10.2.0.20', 6, 8005), A, B, 'new');
    expect(v.action).toBe('permit');
    // The VLAN list passes it on (its last entry), then a-in's entry 10 by the web and webports groups' entries 20.
    expect(v.lines.map((l) => l.line)).toEqual([
      lineOf(CONFIG, '20 permit any any any'),
      lineOf(CONFIG, '10 permit tcp 10.1.0.5'),
      lineOf(CONFIG, '20 10.2.0.20'),
      lineOf(CONFIG, '20 range 8000 8010'),
    ]);
    expect(v.where).toContain('interface vlan 10 routed-in acl a-in entry 10');
    // Another host of the subnet to the same port meets entry 20: a deny listed first in the text but second in order.
    const denied = r.forward(packet('10.1.0.6', '10.2.0.5', 6, 443), A, B, 'new');
    expect(denied).toMatchObject({ action: 'deny', where: 'interface vlan 10 routed-in acl a-in entry 20' });
    expect(denied.lines.map((l) => l.text.trim())).toEqual(['20 deny tcp 10.1.0.0/24 10.2.0.0/24 eq 443 log']);
  });

  it('matches IPv4 masks bit by bit and port operators', () => {
    expect(r.forward(packet('10.7.0.9', '192.0.2.1', 17, 1024), A, undefined, 'new').action).toBe('permit');
    expect(r.forward(packet('10.7.0.9', '192.0.2.1', 17, 1023), A, undefined, 'new').action).toBe('deny');
    expect(r.forward(packet('10.7.1.9', '192.0.2.1', 17, 5000), A, undefined, 'new').action).toBe('deny');
  });

  it('ends every list in an implicit deny with no lines, and filters nothing where no list is bound', () => {
    expect(r.forward(packet('10.1.0.5', '10.2.0.5', 6, 22), A, undefined, 'new')).toEqual({
      action: 'deny', where: 'interface vlan 10 routed-in acl a-in implicit deny', lines: [],
    });
    expect(r.forward(packet('10.2.0.5', '192.0.2.1', 6, 22), B, undefined, 'new')).toEqual({ action: 'permit', where: 'no filter bound', lines: [] });
  });

  it('passes established as ACK or RST set, whatever the state, and a named flag only when set', () => {
    const reply = (tcpFlags: number) => r.forward(packet('192.0.2.1', '10.1.0.5', 6, 61000, { srcPort: 22, tcpFlags }), undefined, A, 'established');
    expect(reply(ACK).action).toBe('permit');
    expect(reply(0x04).action).toBe('permit');
    expect(reply(ACK | 0x01).action).toBe('permit');
    expect(reply(SYN).action).toBe('deny');
    expect(reply(0x01).action).toBe('deny');
    const web = (tcpFlags: number) => r.forward(packet('192.0.2.1', '10.1.0.5', 6, 80, { tcpFlags }), undefined, A, 'new').action;
    expect([web(SYN), web(SYN | ACK), web(ACK)]).toEqual(['permit', 'permit', 'deny']);
  });

  it('reads IPv6 lists for IPv6 packets only, ICMPv6 types by name', () => {
    const echo = r.forward(packet('fd00:1::5', 'fd00:2::9', 58, 128 * 256), A, B, 'new');
    expect(echo.action).toBe('permit');
    expect(echo.lines.map((l) => l.text.trim())).toEqual(['10 permit icmpv6 fd00:1::/64 v6hosts icmp-type echo-request', '10 fd00:2::/64']);
    expect(r.forward(packet('fd00:1::5', 'fd00:2::9', 17, 53), A, B, 'new')).toMatchObject({ action: 'deny', where: 'interface vlan 10 routed-in acl a-in6 entry 20' });
    // The IPv4 VLAN list and a-in do not see IPv6: entry 30 of a-in6 passes it.
    expect(r.forward(packet('fd00:1::5', 'fd00:2::9', 6, 22), A, B, 'new').action).toBe('permit');
  });

  it('filters switched packets by the VLAN list only, and packets to the switch by the VLAN and routed-in lists', () => {
    expect(r.switched(A, packet('10.1.0.5', '10.1.0.6', 6, 22))).toMatchObject({ action: 'deny', where: 'vlan 10 in acl iso entry 10' });
    expect(r.switched(B, packet('10.2.0.5', '10.2.0.6', 6, 22))).toEqual({ action: 'permit', where: 'no filter bound', lines: [] });
    expect(r.toDevice(A, packet('10.1.0.5', '10.1.0.1', 6, 22))).toMatchObject({ action: 'deny', where: 'vlan 10 in acl iso entry 10' });
    expect(r.toDevice(A, packet('10.1.0.5', '10.9.0.1', 17, 2000))).toMatchObject({ action: 'permit' });
  });

  it('maps links by VLAN id, then interface name, then VLAN name', () => {
    const p = packet('10.1.0.5', '10.1.0.6', 6, 22);
    expect(r.switched({ zone: 'x', vlan: 10 }, p).action).toBe('deny');
    expect(r.switched({ zone: 'x', vlan: 99, interface: 'vlan10' }, p).action).toBe('deny');
    expect(r.switched({ zone: 'a' }, p).action).toBe('deny');
    expect(r.forward(p, { zone: 'nowhere' }, undefined, 'new')).toMatchObject({ action: 'deny', where: 'no VLAN of zone nowhere on this switch' });
  });
});

describe('aruba-aoscx reader on hand edits', () => {
  it('numbers an entry without a sequence number after the last, removes one by "no <seq>", leaves contexts by exit and end', () => {
    const text = ['configure terminal', 'access-list ip x', '    10 permit tcp 10.1.0.0/255.255.255.0 any eq 22', '    permit udp any any', '    no 10', 'exit',
      'interface vlan 10', '    apply access-list ip x routed-in', '    exit', 'end'].join('\n');
    const r = read(text);
    expect(r.unknown).toEqual([]);
    expect(r.forward(packet('10.1.0.5', '10.2.0.5', 6, 22), A, undefined, 'new')).toMatchObject({ action: 'deny', where: 'interface vlan 10 routed-in acl x implicit deny' });
    expect(r.forward(packet('10.1.0.5', '10.2.0.5', 17, 22), A, undefined, 'new')).toMatchObject({ action: 'permit', where: 'interface vlan 10 routed-in acl x entry 20' });
  });
});

describe('aruba-aoscx reader: what it does not understand', () => {
  const text = [
    'access-list ip a-in',
    '    10 permit tcp host 10.1.0.5 any',
    '    20 permit tcp any any eq www',
    '    30 permit tcp any any dscp 46',
    '    40 permit tcp nosuchgroup any',
    '    50 deny any any any',
    'interface 1/1/1',
    'router ospf 1',
    'vlan 10',
    '    apply access-list ip missing in',
  ].join('\n');
  const r = read(text, 'sw/config.txt');

  it('reports each line with its file, line and reason, and applies none of them', () => {
    expect(r.unknown.map((u) => `${u.file}:${u.line}`)).toEqual(['sw/config.txt:2', 'sw/config.txt:3', 'sw/config.txt:4', 'sw/config.txt:5', 'sw/config.txt:7', 'sw/config.txt:8', 'sw/config.txt:10']);
    expect(r.unknown[0]!.reason).toContain('host');
    expect(r.unknown[1]!.reason).toContain('port must be a number');
    expect(r.unknown[2]!.reason).toContain('dscp');
    expect(r.unknown[3]!.reason).toBe('object group nosuchgroup is not defined');
    expect(r.unknown[4]!.reason).toContain('only interface VLANs');
    expect(r.unknown[5]!.reason).toBe('unknown command');
    expect(r.unknown[6]!.reason).toBe('access list missing is not defined');
    expect(r.switched({ zone: 'z', vlan: 10 }, packet('10.1.0.5', '10.1.0.6', 6, 80)).action).toBe('permit');
  });

  it('never throws on bad text', () => {
    const junk = read('access-list ip\n    10 permit tcp 10.0.0.0/99 any\n\u0000\u2028 vlan 99999\ninterface vlan 0\n  no 10 20\n');
    expect(junk.unknown.length).toBeGreaterThan(0);
  });
});

/** A two-zone AOS-CX switch, rendered by compile: the text the mutants below edit. */
const POLICY = `wardline: 1
zones:
  a: { vlan: 10, subnets: [10.1.0.0/24], via: r1 }
  b: { vlan: 20, subnets: [10.2.0.0/24], via: r1 }
groups:
  ga: { zone: a, addresses: [10.1.0.128/25] }
  gb: { zone: b, addresses: [10.2.0.128/25, 10.2.0.64/26] }
flows:
  - { id: f1, from: ga, to: gb, services: [https] }
  - { id: f2, from: a, to: b, services: [ssh] }
enforcement:
  r1: { platform: aruba-aoscx }
`;

describe('aruba-aoscx reader under text-level validation', () => {
  const { policy } = loadPolicy([{ path: 'policy.yaml', text: POLICY }], { today: TODAY });
  const programs = compilePolicy(policy);
  const rendered = renderedFiles(policy, programs).get('r1/config.txt')!;
  const validate = (text: string) => {
    const result = validateText(policy, new Map([['r1/config.txt', text]]), programs);
    return { disagreements: result.disagreements.map((d) => `${d.packet}: simulator ${d.simulator}, text ${d.compiled}`), unknown: result.unknown };
  };

  // The untouched text agrees too (the central test holds every reader to that); one validation run here keeps it fast.
  it('agrees with the simulator on the rendered text after cosmetic edits: comments reworded, members reordered, blank lines, exit', () => {
    const edited = rendered
      .replace(/ comment .*/g, ' comment reviewed by the network team')
      .replace('    10 10.2.0.64/26\n    20 10.2.0.128/25\n', '    20 10.2.0.128/25\n\n    10 10.2.0.64/26\n')
      .replace(/\n!\n/g, '\nexit\n');
    expect(edited).not.toBe(rendered);
    expect(validate(edited)).toEqual({ disagreements: [], unknown: [] });
  });

  it('catches a flipped port (an outage)', () => {
    const mutant = rendered.replaceAll('ga_v4 gb_v4 eq 443', 'ga_v4 gb_v4 eq 444');
    expect(mutant).not.toBe(rendered);
    expect(validate(mutant).disagreements).toContain('10.1.0.128 → 10.2.0.64 tcp/443: simulator allow, text deny');
  });

  it('catches a protocol turned into all protocols (an exposure)', () => {
    const mutant = rendered.replaceAll('permit tcp zone-a_v4 zone-b_v4 eq 22', 'permit any zone-a_v4 zone-b_v4');
    expect(mutant).not.toBe(rendered);
    expect(validate(mutant).disagreements).toContain('10.1.0.0 → 10.2.0.0 icmp/echo-reply: simulator deny, text allow');
  });

  it('catches a deleted entry (an outage of its replies)', () => {
    const mutant = rendered.replace(/^ {4}\d+ permit tcp zone-b_v4 eq 22 zone-a_v4 established\n/gm, '');
    expect(mutant).not.toBe(rendered);
    expect(validate(mutant).disagreements.some((d) => d.startsWith('10.1.0.0 → 10.2.0.0 tcp/22: simulator allow, text allow forward, reply stopped'))).toBe(true);
  });
});
