import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { load } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { juniperJunosReader as reader } from './read.js';

// Two zones on one switch, both families, the ward isolated; the server group holds two prefixes (a two-line list).
const policy = load(`
zones:
  ward: { vlan: 120, subnets: [10.20.0.0/24, "fd00:20::/64"], gateway: [10.20.0.1, "fd00:20::1"], via: sw, isolation: true }
  dc: { vlan: 500, subnets: [10.50.0.0/24, "fd00:50::/64"], gateway: [10.50.0.1, "fd00:50::1"], via: sw }
groups:
  pumps: { zone: ward, addresses: [10.20.0.128/25, "fd00:20::/80"] }
  server: { zone: dc, addresses: [10.50.0.10, 10.50.0.20, "fd00:50::10"] }
flows:
  - { id: f1, from: pumps, to: server, services: [https, tcp/8443] }
  - { id: f2, from: pumps, to: server, services: [udp/123] }
enforcement:
  sw: { platform: juniper-junos }
`).policy;
const programs = compilePolicy(policy);
const files = renderedFiles(policy, programs);
const rendered = files.get('sw/config.set')!;

const read = (text: string) => reader.read([{ path: 'config.set', text }]);
const key = (a: string) => {
  const p = parseAddress(a)!;
  return addressKey(p.family, p.value);
};
const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;
function packet(src: string, dst: string, proto: number, port: number, extra: Partial<WirePacket> = {}): WirePacket {
  return { src: key(src), dst: key(dst), proto, port, srcPort: 40000, tcpFlags: proto === 6 ? SYN : 0, ...extra };
}
const ward: ZoneLink = { zone: 'ward', vlan: 120 };
const dc: ZoneLink = { zone: 'dc', vlan: 500 };
const out = (r: ConfigReading, p: WirePacket) => r.forward(p, ward, dc, 'new');
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);
const term = (filter: string, name: string, rest: string) => `set firewall family inet filter ${filter} term ${name} ${rest}`;

describe('juniper-junos reader', () => {
  const r = read(rendered);

  it('reads every line wardline writes', () => {
    expect(r.unknown).toEqual([]);
  });

  it('first match: the flow term accepts, naming its lines and the prefix-list entries that matched', () => {
    const v = out(r, packet('10.20.0.130', '10.50.0.20', 6, 8443));
    expect(v.action).toBe('permit');
    expect(v.where).toBe('irb.500 family inet filter output dc-out-v4 term t0010-flow-f1');
    expect(texts(v.lines)).toContain(term('dc-out-v4', 't0010-flow-f1', 'from destination-port 8443'));
    expect(texts(v.lines)).toContain('set policy-options prefix-list server_v4 10.50.0.20/32');
    expect(texts(v.lines)).not.toContain('set policy-options prefix-list server_v4 10.50.0.10/32');
    // A discard term inserted before the flow's term wins.
    const edited = `${rendered}${term('ward-in-v4', 'block', 'from protocol tcp')}\n${term('ward-in-v4', 'block', 'then discard')}\ninsert firewall family inet filter ward-in-v4 term block before term t0010-flow-f1\n`;
    const blocked = out(read(edited), packet('10.20.0.130', '10.50.0.20', 6, 8443));
    expect([blocked.action, blocked.where]).toEqual(['deny', 'irb.120 family inet filter input ward-in-v4 term block']);
  });

  it('the default-deny term discards, and past the last term the filter discards by itself', () => {
    const v = out(r, packet('10.20.0.130', '10.50.0.20', 6, 80));
    expect([v.action, v.where]).toEqual(['deny', 'irb.120 family inet filter input ward-in-v4 term t0030-default-deny']);
    const cut = read(`${rendered}delete firewall family inet filter ward-in-v4 term t0030-default-deny\n`);
    const implicit = out(cut, packet('10.20.0.130', '10.50.0.20', 6, 80));
    expect(implicit).toEqual({ action: 'deny', where: 'irb.120 family inet filter input ward-in-v4: no term matches, implicit discard', lines: [] });
  });

  it('reads the inet6 filters for IPv6 packets', () => {
    expect(out(r, packet('fd00:20::5', 'fd00:50::10', 6, 443)).where).toBe('irb.500 family inet6 filter output dc-out-v6 term t0010-flow-f1');
    expect(out(r, packet('fd00:20::5', 'fd00:50::10', 17, 123)).action).toBe('permit');
    expect(out(r, packet('fd00:20:0:0:1::5', 'fd00:50::10', 6, 443)).action).toBe('deny');
    expect(out(r, packet('fd00:20::5', 'fd00:50::11', 6, 443)).where).toBe('irb.120 family inet6 filter input ward-in-v6 term t0040-default-deny');
  });

  it('tcp-established passes replies with ACK or RST set, not an opening SYN', () => {
    const reply = (flags: number) => r.forward(packet('10.50.0.10', '10.20.0.130', 6, 40000, { srcPort: 443, tcpFlags: flags }), dc, ward, 'established');
    expect(reply(ACK).where).toBe('irb.120 family inet filter output ward-out-v4 term t0020-return-f1');
    expect(reply(RST).action).toBe('permit');
    expect(reply(SYN).action).toBe('deny');
    expect(reply(SYN | ACK).action).toBe('permit');
  });

  it('the VLAN filter isolates the ward stations; the dc VLAN has none', () => {
    const v = r.switched(ward, packet('10.20.0.130', '10.20.0.131', 6, 443));
    expect(v.action).toBe('deny');
    expect(v.where).toMatch(/^vlan ward forwarding-options filter input ward-isolate term v4-0\d0-hosts$/);
    expect(r.switched(ward, packet('10.20.0.130', '10.20.0.1', 1, 8 * 256)).action).toBe('permit');
    expect(r.switched(dc, packet('10.50.0.10', '10.50.0.20', 6, 443))).toEqual({ action: 'permit', where: 'no filter on vlan dc', lines: [] });
  });

  it('reports every line it does not read with file, line and reason, and reads the rest', () => {
    const extra = [
      term('ward-in-v4', 't0010-flow-f1', 'from dscp ef'),
      'set protocols lldp interface all',
      term('ward-in-v4', 'x', 'from source-prefix-list nowhere'),
      'edit firewall',
      term('ward-in-v4', 'y', 'from destination-port 99999'),
    ];
    const base = rendered.split('\n').length - 1;
    const reading = read(`${rendered}${extra.join('\n')}\n`);
    expect(reading.unknown.map((u) => [u.file, u.line])).toEqual(extra.map((_, i) => ['config.set', base + i + 1]));
    expect(reading.unknown[0]!.reason).toBe('match condition "dscp" is not read in family inet');
    expect(reading.unknown[2]!.reason).toMatch(/prefix list "nowhere" is not defined/);
    expect(out(reading, packet('10.20.0.130', '10.50.0.10', 6, 443)).action).toBe('permit');
  });

  it('cosmetic edits (comments, prefix-list members reordered, spacing) change no verdict', () => {
    const lines = rendered.split('\n');
    const a = lines.indexOf('set policy-options prefix-list server_v4 10.50.0.10/32');
    expect(lines[a + 1]).toBe('set policy-options prefix-list server_v4 10.50.0.20/32');
    [lines[a], lines[a + 1]] = [lines[a + 1]!, lines[a]!];
    const edited = read(lines.map((l) => (l.startsWith('#') ? '# reviewed by the network team' : l.replace(/ term /, '  term '))).join('\n'));
    expect(edited.unknown).toEqual([]);
    const probes = [
      packet('10.20.0.130', '10.50.0.20', 6, 443), packet('10.20.0.130', '10.50.0.10', 17, 123), packet('10.20.0.130', '10.50.0.10', 17, 124),
      packet('fd00:20::5', 'fd00:50::10', 6, 8443), packet('10.20.0.5', '10.50.0.10', 6, 443),
    ];
    for (const p of probes) expect(out(edited, p).action).toBe(out(r, p).action);
  });

  it('reads hand-edited forms: lists, port names, masks, except, next term, modifiers only, deactivate', () => {
    const f = (rest: string) => `set firewall family inet filter hand term ${rest}`;
    const text = [
      'set interfaces irb unit 7 family inet filter input hand',
      'set vlans v7 vlan-id 7',
      'set vlans v7 l3-interface irb.7',
      f('skip from protocol udp'),
      f('skip then count skipped'),
      f('skip then next term'),
      f('web from source-address 10.0.0.0/255.0.0.0'),
      f('web from source-address 10.9.0.0/16 except'),
      f('web from protocol [ tcp udp ]'),
      f('web from destination-port [ https 8000-8010 ]'),
      f('web then count web'),
      f('off then reject'),
      'deactivate firewall family inet filter hand term off',
      f('icmp from icmp-type echo-request'),
      f('icmp then accept'),
    ].join('\n');
    const h = read(text);
    expect(h.unknown).toEqual([]);
    const link = { zone: 'z', vlan: 7 };
    const act = (p: WirePacket) => h.forward(p, link, undefined, 'new');
    expect(act(packet('10.1.0.1', '192.0.2.1', 6, 443)).where).toBe('irb.7 family inet filter input hand term web');
    expect(act(packet('10.1.0.1', '192.0.2.1', 6, 8010)).action).toBe('permit');
    expect(act(packet('10.9.0.1', '192.0.2.1', 6, 443)).action).toBe('deny');
    expect(act(packet('10.1.0.1', '192.0.2.1', 6, 22)).action).toBe('deny');
    expect(act(packet('10.1.0.1', '192.0.2.1', 17, 8000)).where).toBe('irb.7 family inet filter input hand term web');
    expect(act(packet('11.1.0.1', '192.0.2.1', 1, 8 * 256)).where).toBe('irb.7 family inet filter input hand term icmp');
    // A deactivated binding is not applied: the ward's input filter no longer sees the packet.
    const unbound = read(`${rendered}deactivate interfaces irb unit 120 family inet filter input\n`);
    expect(unbound.unknown).toEqual([]);
    expect(out(unbound, packet('10.20.0.130', '10.50.0.20', 6, 80)).where).toBe('irb.500 family inet filter output dc-out-v4 term t0030-default-deny');
  });

  it('a VRRP master takes only ARP for a virtual address it does not own, unless accept-data', () => {
    const base = [
      'set vlans v vlan-id 120',
      'set vlans v l3-interface irb.120',
      'set interfaces irb unit 120 family inet address 10.20.0.2/24 vrrp-group 120 virtual-address 10.20.0.1',
      'set interfaces irb unit 120 family inet address 10.20.0.2/24 vrrp-group 120 priority 110',
    ];
    const dhcp = packet('10.20.0.9', '10.20.0.1', 17, 67);
    const plain = read(base.join('\n'));
    expect(plain.unknown).toEqual([]);
    expect(plain.toDevice(ward, dhcp).action).toBe('deny');
    expect(plain.toDevice(ward, { ...dhcp, dst: key('10.20.0.2') }).action).toBe('permit');
    const accepting = read([...base, 'set interfaces irb unit 120 family inet address 10.20.0.2/24 vrrp-group 120 accept-data'].join('\n'));
    expect(accepting.toDevice(ward, dhcp).action).toBe('permit');
  });
});

// A smaller policy for the harness (IPv4 only, no isolation): each validation runs in a fraction of a second.
const small = load(`
zones:
  ward: { vlan: 120, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: sw }
  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: sw }
groups:
  pumps: { zone: ward, addresses: [10.20.0.128/25] }
  server: { zone: dc, addresses: [10.50.0.10] }
flows:
  - { id: f1, from: pumps, to: server, services: [https] }
enforcement:
  sw: { platform: juniper-junos }
`).policy;
const smallPrograms = compilePolicy(small);
const smallText = renderedFiles(small, smallPrograms).get('sw/config.set')!;

describe('juniper-junos reader under text-level validation', () => {
  // The untouched text agrees (the central text-level test holds every reader to that); each edit here must not.
  const validate = (edit: (text: string) => string) => {
    const edited = edit(smallText);
    expect(edited).not.toBe(smallText);
    const result = validateText(small, new Map([['sw/config.set', edited]]), smallPrograms);
    expect(result.unknown).toEqual([]);
    return result.disagreements;
  };

  it('catches a flipped port', () => {
    const found = validate((t) => t.replace(`${term('dc-out-v4', 't0010-flow-f1', 'from destination-port 443')}\n`, `${term('dc-out-v4', 't0010-flow-f1', 'from destination-port 444')}\n`));
    expect(found.some((d) => d.packet.includes('tcp/443'))).toBe(true);
  });

  it('catches tcp-established turned into tcp-initial (replies stopped)', () => {
    const found = validate((t) => t.replace(/ term t0020-return-f1 from tcp-established$/gm, ' term t0020-return-f1 from tcp-initial'));
    expect(found.some((d) => d.simulator === 'allow' && d.compiled.includes('reply stopped'))).toBe(true);
  });

  it('catches a term turned into every protocol (its protocol and ports removed from both filters)', () => {
    const found = validate((t) => t.replace(/^.* term t0010-flow-f1 from (protocol tcp|destination-port 443)\n/gm, ''));
    expect(found.some((d) => d.simulator === 'deny' && d.packet.startsWith('10.20.0.128 → 10.50.0.10 udp/'))).toBe(true);
  });
});
