import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { TODAY } from '../../test/support/policy.js';
import type { WirePacket, ZoneLink } from '../reader.js';
import { ciscoIosReader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const ACK = 0x10;
const SYN = 0x02;
const tcp = (src: string, dst: string, port: number, flags = SYN, srcPort = 50000): WirePacket => ({ src: key(src), dst: key(dst), proto: 6, port, srcPort, tcpFlags: flags });
const udp = (src: string, dst: string, port: number, srcPort = 50000): WirePacket => ({ src: key(src), dst: key(dst), proto: 17, port, srcPort, tcpFlags: 0 });
const icmp = (src: string, dst: string, type: number, code = 0, v6 = false): WirePacket => ({ src: key(src), dst: key(dst), proto: v6 ? 58 : 1, port: type * 256 + code, srcPort: 0, tcpFlags: 0 });
const proto = (src: string, dst: string, n: number): WirePacket => ({ src: key(src), dst: key(dst), proto: n, port: 0, srcPort: 0, tcpFlags: 0 });

const WARD: ZoneLink = { zone: 'ward', vlan: 10 };
const SERVERS: ZoneLink = { zone: 'servers', vlan: 20 };

const CONFIG = `! a hand-written switch
ipv6 unicast-routing
!
vlan 10
 name ward
vlan 20
 name servers
!
object-group network pumps
 description infusion pumps
 host 10.1.0.5
 10.1.0.128 255.255.255.128
object-group network servers
 range 10.2.0.10 10.2.0.12
object-group v6-network pumps6
 fd00:1::/64
!
ip access-list extended ward-in
 remark the first match decides
 deny tcp host 10.1.0.5 any eq 22
 permit tcp object-group pumps object-group servers eq 22 443
 permit udp 10.1.0.0 0.0.0.255 host 10.2.0.10 range bootpc tftp
 permit icmp any any echo
 permit ip 10.1.0.0 0.0.255.0 host 10.2.0.99
 permit 0 any host 10.2.0.98
 deny ip any any log
ip access-list extended ward-out
 10 permit tcp object-group servers eq 443 object-group pumps established
 20 permit tcp any eq www any match-all +ack -syn
ipv6 access-list ward-in-v6
 permit tcp object-group pumps6 fd00:2::/64 eq www sequence 10
!
interface Vlan10
 description ward
 ip address 10.1.0.1 255.255.255.0
 ipv6 address fd00:1::1/64
 ip helper-address 10.2.0.10
 standby version 2
 standby 1 ip 10.1.0.254
 ip access-group ward-in in
 ip access-group ward-out out
 ipv6 traffic-filter ward-in-v6 in
 no shutdown
interface Vlan20
 ip address 10.2.0.1 255.255.255.0
 ipv6 address fd00:2::1/64
end
`;

const read = (text: string) => ciscoIosReader.read([{ path: 'config.txt', text }]);
const texts = (lines: { text: string }[]) => lines.map((l) => l.text.trim());

describe('cisco-ios reader: access lists as IOS-XE evaluates them', () => {
  const r = read(CONFIG);

  it('understands every line of the config', () => {
    expect(r.unknown).toEqual([]);
  });

  it('decides by the first entry that matches, naming the entry and the group members it matched by', () => {
    const denied = r.forward(tcp('10.1.0.5', '10.2.0.10', 22), WARD, SERVERS, 'new');
    expect(denied).toMatchObject({ action: 'deny', where: 'Vlan10 in acl ward-in' });
    expect(texts(denied.lines)).toEqual(['deny tcp host 10.1.0.5 any eq 22']);
    const permitted = r.forward(tcp('10.1.0.130', '10.2.0.12', 443), WARD, SERVERS, 'new');
    expect(permitted.action).toBe('permit');
    expect(texts(permitted.lines)).toEqual(['permit tcp object-group pumps object-group servers eq 22 443', '10.1.0.128 255.255.255.128', 'range 10.2.0.10 10.2.0.12']);
    // Outside the group's range, and a port not listed: the explicit deny at the end.
    expect(r.forward(tcp('10.1.0.130', '10.2.0.13', 443), WARD, SERVERS, 'new').lines.map((l) => l.line)).toEqual([26]);
    expect(r.forward(tcp('10.1.0.130', '10.2.0.12', 8443), WARD, SERVERS, 'new').action).toBe('deny');
  });

  it('reads port keywords, ranges, ICMP names, wildcard masks and protocol 0 as IOS does', () => {
    expect(r.forward(udp('10.1.0.7', '10.2.0.10', 69), WARD, SERVERS, 'new').action).toBe('permit');
    expect(r.forward(udp('10.1.0.7', '10.2.0.10', 70), WARD, SERVERS, 'new').action).toBe('deny');
    expect(r.forward(icmp('10.1.0.7', '10.2.0.50', 8), WARD, SERVERS, 'new').action).toBe('permit');
    expect(r.forward(icmp('10.1.0.7', '10.2.0.50', 0), WARD, SERVERS, 'new').action).toBe('deny');
    // 0.0.255.0: the third octet is free, the fourth must be 0.
    expect(r.forward(proto('10.1.7.0', '10.2.0.99', 47), WARD, SERVERS, 'new').action).toBe('permit');
    expect(r.forward(proto('10.1.7.1', '10.2.0.99', 47), WARD, SERVERS, 'new').action).toBe('deny');
    // `permit 0` is `permit ip`: every protocol, not HOPOPT alone.
    expect(r.forward(tcp('10.1.0.7', '10.2.0.98', 3389), WARD, SERVERS, 'new').action).toBe('permit');
  });

  it('passes replies by established (ACK or RST set) and tcp flags, statelessly, and denies the rest implicitly', () => {
    const reply = tcp('10.2.0.11', '10.1.0.200', 50000, ACK, 443);
    expect(r.forward(reply, SERVERS, WARD, 'established')).toMatchObject({ action: 'permit', where: 'Vlan10 out acl ward-out' });
    expect(r.forward({ ...reply, tcpFlags: 0x04 }, SERVERS, WARD, 'new').action).toBe('permit');
    const syn = r.forward({ ...reply, tcpFlags: SYN }, SERVERS, WARD, 'established');
    expect(syn).toEqual({ action: 'deny', where: 'Vlan10 out acl ward-out (implicit deny at the end)', lines: [] });
    expect(r.forward(tcp('192.0.2.1', '10.1.0.9', 60000, ACK, 80), undefined, WARD, 'new').action).toBe('permit');
    expect(r.forward(tcp('192.0.2.1', '10.1.0.9', 60000, ACK | SYN, 80), undefined, WARD, 'new').action).toBe('deny');
  });

  it('reads IPv6 lists with their implicit neighbour discovery permits before the implicit deny', () => {
    expect(r.forward(tcp('fd00:1::5', 'fd00:2::8', 80), WARD, SERVERS, 'new')).toMatchObject({ action: 'permit', where: 'Vlan10 in acl ward-in-v6' });
    expect(r.forward(tcp('fd00:1::5', 'fd00:2::8', 81), WARD, SERVERS, 'new')).toMatchObject({ action: 'deny', lines: [] });
    expect(r.toDevice(WARD, icmp('fe80::5', 'fd00:1::1', 135, 0, true)).where).toBe('Vlan10 in acl ward-in-v6 (implicit permit icmp any any nd-ns)');
    expect(r.toDevice(WARD, icmp('fe80::5', 'fd00:1::1', 133, 0, true)).action).toBe('deny');
    // IPv6 out of ward: no IPv6 out-list is bound, so nothing filters it there.
    expect(r.forward(tcp('fd00:2::8', 'fd00:1::5', 22), SERVERS, WARD, 'new')).toEqual({ action: 'permit', where: 'no filter from servers to ward', lines: [] });
  });

  it('finds a zone link by VLAN id, then interface name, then the VLAN named like the zone', () => {
    const p = tcp('10.1.0.5', '10.2.0.10', 22);
    expect(r.toDevice({ zone: 'x', interface: 'Vlan10' }, p).action).toBe('deny');
    expect(r.toDevice({ zone: 'ward' }, p).action).toBe('deny');
    expect(r.toDevice({ zone: 'elsewhere' }, p)).toMatchObject({ action: 'permit', lines: [] });
  });

  it('stops traffic at a shut-down SVI and IPv6 without ipv6 unicast-routing', () => {
    const shut = read(CONFIG.replace(' no shutdown', ' shutdown'));
    expect(shut.forward(tcp('10.1.0.130', '10.2.0.12', 443), WARD, SERVERS, 'new')).toMatchObject({ action: 'deny', where: 'Vlan10 is shut down' });
    const noV6 = read(CONFIG.replace('ipv6 unicast-routing\n', ''));
    expect(noV6.forward(tcp('fd00:1::5', 'fd00:2::8', 80), WARD, SERVERS, 'new').action).toBe('deny');
    expect(noV6.forward(tcp('10.1.0.130', '10.2.0.12', 443), WARD, SERVERS, 'new').action).toBe('permit');
  });

  it('reports each line it does not understand with its file and line, and leaves out entries naming missing groups', () => {
    const text = `${CONFIG.replace('end\n', '')}snmp-server community public RO
ip access-list extended ward-in
 permit tcp any any eq 22 dscp ef
 permit tcp object-group nosuch any eq 23
  indented nonsense
interface Vlan20
 ip ospf cost 10
end
`;
    const bad = read(text);
    const base = CONFIG.split('\n').length - 2;
    expect(bad.unknown.map((u) => `${u.file}:${u.line}`)).toEqual([1, 3, 4, 5, 7].map((n) => `config.txt:${base + n}`));
    expect(bad.unknown[1]!.reason).toContain('"dscp" is not understood');
    expect(bad.unknown[2]!.reason).toBe('object group nosuch is not defined as an IPv4 network group');
    // The refused entries are not in the list: 23 still meets the final deny, 22 the first-match deny of host 10.1.0.5.
    expect(bad.forward(tcp('10.1.0.9', '10.2.0.50', 23), WARD, SERVERS, 'new').action).toBe('deny');
  });
});

describe('cisco-ios reader: forms an engineer edits in', () => {
  it('reads numbered lists, service groups, nested groups, sequence numbers out of order and VRRP blocks', () => {
    const r = read(`object-group network inner
 host 10.2.0.10
object-group network outer
 group-object inner
 10.2.0.64 /26
object-group service web
 tcp eq www 443
 tcp-udp eq domain
 icmp echo
access-list 101 remark numbered
access-list 101 permit object-group web 10.1.0.0 0.0.0.255 object-group outer
access-list 101 deny ip any any
ipv6 access-list v6
 sequence 20 deny ipv6 any any
 sequence 10 permit udp any any eq 53
interface Vlan10
 ip access-group 101 in
 ipv6 traffic-filter v6 in
 vrrp 10 address-family ipv4
  address 10.1.0.1 primary
  priority 110
  exit-vrrp
 ip address 10.1.0.2 255.255.255.0
`);
    expect(r.unknown).toEqual([]);
    const web = r.forward(tcp('10.1.0.9', '10.2.0.10', 443), WARD, SERVERS, 'new');
    expect(texts(web.lines)).toEqual(['access-list 101 permit object-group web 10.1.0.0 0.0.0.255 object-group outer', 'tcp eq www 443', 'host 10.2.0.10']);
    expect(r.forward(udp('10.1.0.9', '10.2.0.70', 53), WARD, SERVERS, 'new').action).toBe('permit');
    expect(r.forward(icmp('10.1.0.9', '10.2.0.70', 8), WARD, SERVERS, 'new').action).toBe('permit');
    expect(r.forward(udp('10.1.0.9', '10.2.0.11', 53), WARD, SERVERS, 'new').action).toBe('deny');
    expect(r.forward(udp('fd00:1::9', 'fd00:2::9', 53), WARD, SERVERS, 'new').action).toBe('permit');
  });
});

describe('cisco-ios reader: VLAN access maps', () => {
  const MAP = `vlan 10
 name ward
ip access-list extended iso-v4
 deny ip any host 10.1.0.1
 permit ip 10.1.0.0 0.0.0.255 10.1.0.0 0.0.0.255
ipv6 access-list iso-v6
 permit ipv6 fd00:1::/64 fd00:1::/64
vlan access-map iso 10
 match ip address iso-v4
 action drop
vlan access-map iso 20
 match ipv6 address iso-v6
 action drop
vlan access-map iso 30
 action forward
vlan filter iso vlan-list 10
`;

  it('drops what a drop entry\'s list permits, and lets a list\'s deny fall through to the next entry', () => {
    const r = read(MAP);
    expect(r.unknown).toEqual([]);
    const dropped = r.switched(WARD, udp('10.1.0.5', '10.1.0.6', 5353));
    expect(dropped.action).toBe('deny');
    expect(texts(dropped.lines)).toEqual(['vlan access-map iso 10', 'match ip address iso-v4', 'permit ip 10.1.0.0 0.0.0.255 10.1.0.0 0.0.0.255', 'action drop']);
    expect(r.switched(WARD, udp('10.1.0.5', '10.1.0.1', 53))).toMatchObject({ action: 'permit', where: 'vlan filter iso on vlan 10, entry 30 forward' });
    // The IPv6 list's implicit nd-ns permit is a match, so the map drops an NS its entries do not name.
    expect(r.switched(WARD, icmp('fd00:9::5', 'fd00:9::6', 135, 0, true)).action).toBe('deny');
    expect(r.switched(SERVERS, udp('10.1.0.5', '10.1.0.6', 5353))).toEqual({ action: 'permit', where: 'no VLAN map on vlan 20', lines: [] });
  });

  it('drops a packet no entry takes when the map has a clause for its type, forwards it when it has none', () => {
    const noForward = read(MAP.replace('vlan access-map iso 30\n action forward\n', ''));
    expect(noForward.switched(WARD, udp('10.1.0.5', '10.1.0.1', 53)).where).toBe('vlan filter iso on vlan 10: no entry takes this IPv4 packet (dropped)');
    const v4Only = read(MAP.replace('vlan access-map iso 20\n match ipv6 address iso-v6\n action drop\n', '').replace('vlan access-map iso 30\n action forward\n', ''));
    expect(v4Only.switched(WARD, udp('fd00:1::5', 'fd00:1::6', 53)).action).toBe('permit');
  });
});

// A small policy, compiled and rendered by the target, for edits of its real text (IPv4 only: the text-level
// validation of each edit stays fast).
const POLICY = `wardline: 1
zones:
  ward: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: sw1 }
  servers: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: sw1 }
groups:
  pumps: { zone: ward, addresses: [10.1.0.128/25] }
  pump-server: { zone: servers, addresses: [10.2.0.20, 10.2.0.30] }
  log-server: { zone: servers, addresses: [10.2.0.40] }
flows:
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https] }
  - { id: pumps-to-logs, from: pumps, to: log-server, services: [tcp/any] }
enforcement:
  sw1: { platform: cisco-ios }
`;

describe('cisco-ios reader on rendered text', () => {
  const loaded = loadPolicy([{ path: 'policy.yaml', text: POLICY }], { today: TODAY });
  const programs = compilePolicy(loaded.policy);
  const files = renderedFiles(loaded.policy, programs);
  const config = files.get('sw1/config.txt')!;
  const edited = (edit: (text: string) => string) => new Map([['sw1/config.txt', edit(config)]]);
  const validate = (f: Map<string, string>) => validateText(loaded.policy, f, programs);

  it('understands every line the renderer writes for it', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read(config).unknown).toEqual([]);
  });

  it('reads a cosmetic edit (remarks changed, group members reordered, blank lines) to the same verdicts', () => {
    const cosmetic = (text: string) =>
      text
        .replace(/^ remark .*$/gm, ' remark reviewed by the network team')
        .replace(' host 10.2.0.20\n host 10.2.0.30\n', ' host 10.2.0.30\n host 10.2.0.20\n')
        .replace(/\n!\n/g, '\n!\n\n');
    expect(cosmetic(config)).not.toBe(config);
    expect(cosmetic(config)).toContain(' host 10.2.0.30\n host 10.2.0.20\n');
    const original = read(config);
    const changed = read(cosmetic(config));
    expect(changed.unknown).toEqual([]);
    const pump = '10.1.0.200';
    for (const p of [tcp(pump, '10.2.0.30', 443), tcp(pump, '10.2.0.30', 444), udp(pump, '10.2.0.20', 443), tcp('10.2.0.20', pump, 50000, ACK, 443), tcp(pump, '10.2.0.40', 9)]) {
      const [a, b] = [original.forward(p, WARD, SERVERS, 'new'), changed.forward(p, WARD, SERVERS, 'new')];
      expect(b.action).toBe(a.action);
      expect(b.lines.map((l) => l.text)).toEqual(a.lines.map((l) => l.text));
    }
  });

  // Mutants: deliberate edits of the rendered text that text-level validation must catch. Both lists on the path (the
  // source zone's in-list, the destination zone's out-list) carry each entry, so an edit that widens is made in both.
  it('catches a flipped port', () => {
    const flipped = edited((t) => t.replace(/object-group pump-server_v4 eq 443$/gm, 'object-group pump-server_v4 eq 444'));
    expect(flipped.get('sw1/config.txt')).not.toBe(config);
    const found = validate(flipped).disagreements.map((d) => `${d.packet}: ${d.simulator} / ${d.compiled}`);
    expect(found).toContain('10.1.0.128 → 10.2.0.20 tcp/443: allow / deny');
    // The forward entry now passes 444; its reply entry (still eq 443) stops the answer.
    expect(found).toContain('10.1.0.128 → 10.2.0.20 tcp/444: deny / allow forward, reply stopped at sw1 Vlan20 in acl servers-in-v4 (RST)');
  });

  it('catches a dropped established', () => {
    // The reply entry of a tcp/any flow: without established it lets the log server open connections to the pumps.
    // (The harness probes new connections from one ephemeral source port, so the established of a reply entry bound to a
    // service's source port, `eq 443 ... established`, is not caught by it.)
    const open = edited((t) => t.replace(/^( permit tcp object-group log-server_v4 range 0 65535 object-group pumps_v4) established$/gm, '$1'));
    expect(open.get('sw1/config.txt')).not.toBe(config);
    expect(validate(open).disagreements.map((d) => `${d.packet}: ${d.simulator} / ${d.compiled}`)).toContain('10.2.0.40 → 10.1.0.128 tcp/22: deny / allow');
  });

  it('catches a protocol turned into every protocol, and a deleted entry', () => {
    const widened = edited((t) => t.replace(/^ permit tcp (object-group pumps_v4 object-group pump-server_v4) eq 443$/gm, ' permit ip $1'));
    expect(widened.get('sw1/config.txt')).not.toBe(config);
    const found = validate(widened).disagreements;
    const udp53 = found.find((d) => d.packet === '10.1.0.128 → 10.2.0.20 udp/53');
    expect(udp53?.simulator).toBe('deny');
    expect(udp53?.compiled).toMatch(/^allow/);
    const deleted = edited((t) => t.replace(/^ permit tcp object-group pumps_v4 object-group log-server_v4\n/m, ''));
    expect(deleted.get('sw1/config.txt')).not.toBe(config);
    expect(validate(deleted).disagreements.map((d) => `${d.packet}: ${d.simulator} / ${d.compiled}`)).toContain('10.1.0.128 → 10.2.0.40 tcp/443: allow / deny');
  });
});
