import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { linuxIptablesReader } from './read.js';

const V4 = `# rules for iptables-restore --noflush
*filter
:FORWARD DROP [0:0]
:web - [0:0]
-F FORWARD
-A web -p tcp -m multiport --dports 443,8000:8999 -m comment --comment "web" -j ACCEPT
-A web -j RETURN
-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A FORWARD -m conntrack --ctstate INVALID -j DROP
-A FORWARD -s 10.1.0.66/32 -d 10.2.0.10/32,10.2.0.20/31 -p tcp --dport 443 -j LOG --log-prefix "wl D g "
-A FORWARD -s 10.1.0.66/32 -d 10.2.0.10/32,10.2.0.20/31 -p tcp --dport 443 -m comment --comment "guardrail" -j DROP
-A FORWARD -s 10.1.0.0/24 -d 10.2.0.10/32,10.2.0.20/31 -j web
-A FORWARD -s 10.1.0.0/24 -p icmp --icmp-type echo-request -j ACCEPT
-A FORWARD -i vlan10 -o vlan20 -p udp --dport domain -j ACCEPT
-A FORWARD -m comment --comment "default deny" -j DROP
:wardline-input - [0:0]
-F wardline-input
-A wardline-input -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
-A wardline-input -i vlan10 -d 10.1.0.1/32 -p udp --dport 67 -j ACCEPT
-A wardline-input -i vlan10 -d 10.1.0.1/32,255.255.255.255/32 -j DROP
COMMIT
`;

const V6 = `*filter
:FORWARD DROP [0:0]
-F FORWARD
-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A FORWARD -s fd00:1::/64 -d fd00:2::10/128,fd00:2::20/128 -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT
-A FORWARD -s fd00:1::/64 -d fd00:2::10/128 -p tcp --dport 22 -j ACCEPT
COMMIT
`;

const read = (v4: string, v6 = V6) =>
  linuxIptablesReader.read([
    { path: 'rules.v4', text: v4 },
    { path: 'rules.v6', text: v6 },
  ]);
const lineOf = (fragment: string, text = V4) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;
const A: ZoneLink = { zone: 'a', vlan: 10 };
const B: ZoneLink = { zone: 'b', vlan: 20 };

function key(text: string): bigint {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
}
function packet(src: string, dst: string, proto: number, port = 0, tcpFlags = proto === 6 ? 0x02 : 0): WirePacket {
  return { src: key(src), dst: key(dst), proto, port, srcPort: 40000, tcpFlags };
}
function decide(reading: ConfigReading, p: WirePacket, state: 'new' | 'established' = 'new', from?: ZoneLink, to?: ZoneLink) {
  const v = reading.forward(p, from, to, state);
  return [v.action, v.lines.map((l) => `${l.file}:${l.line}`).join(' ')];
}

describe('linux-iptables reader', () => {
  const reading = read(V4);

  it('understands every line', () => {
    expect(reading.unknown).toEqual([]);
  });

  it('takes the first rule that matches; LOG goes on to the verdict', () => {
    expect(decide(reading, packet('10.1.0.66', '10.2.0.10', 6, 443))).toEqual(['deny', `rules.v4:${lineOf('"guardrail"')}`]);
    expect(decide(reading, packet('10.1.0.65', '10.2.0.10', 6, 443))).toEqual(['permit', `rules.v4:${lineOf('"web"')}`]);
  });

  it('matches comma lists (one kernel rule per address) and user chains with RETURN', () => {
    expect(reading.forward(packet('10.1.0.65', '10.2.0.21', 6, 8999), A, undefined, 'new')).toMatchObject({ action: 'permit', where: 'iptables web' });
    // In the list, no web port: web returns, and the default deny decides.
    expect(decide(reading, packet('10.1.0.65', '10.2.0.21', 6, 22))).toEqual(['deny', `rules.v4:${lineOf('"default deny"')}`]);
    expect(decide(reading, packet('10.1.0.65', '10.2.0.22', 6, 443))).toEqual(['deny', `rules.v4:${lineOf('"default deny"')}`]);
  });

  it('reads rules.v6 for IPv6 packets and ends at the chain policy', () => {
    expect(decide(reading, packet('fd00:1::5', 'fd00:2::20', 58, 128 * 256))).toEqual(['permit', `rules.v6:${lineOf('echo-request', V6)}`]);
    expect(decide(reading, packet('fd00:1::5', 'fd00:2::20', 6, 22))).toEqual(['deny', `rules.v6:${lineOf(':FORWARD DROP', V6)}`]);
    expect(reading.forward(packet('fd00:1::5', 'fd00:2::20', 6, 22), A, B, 'new').where).toBe('ip6tables FORWARD policy DROP');
    expect(decide(reading, packet('fd00:1::5', 'fd00:2::10', 6, 22))[0]).toBe('permit');
  });

  it('passes replies by connection state, not new packets', () => {
    const back = packet('10.2.0.10', '10.1.0.5', 6, 40000, 0x12);
    expect(decide(reading, back, 'established')).toEqual(['permit', `rules.v4:${lineOf('ESTABLISHED,RELATED -j ACCEPT')}`]);
    expect(decide(reading, back, 'new')[0]).toBe('deny');
  });

  it('reads ICMP types by name and -i/-o through the zone links, never for the uplink', () => {
    expect(decide(reading, packet('10.1.0.5', '10.9.0.1', 1, 8 * 256 + 0))[0]).toBe('permit');
    expect(decide(reading, packet('10.1.0.5', '10.9.0.1', 1, 0))[0]).toBe('deny');
    const dns = packet('10.3.0.5', '10.4.0.1', 17, 53);
    expect(decide(reading, dns, 'new', { zone: 'x', vlan: 10 }, B)[0]).toBe('permit');
    expect(decide(reading, dns, 'new', undefined, B)[0]).toBe('deny');
  });

  it('answers for the router itself through wardline-input, hooked into INPUT as the file says', () => {
    expect(reading.toDevice(A, packet('10.1.0.5', '10.1.0.1', 17, 67)).action).toBe('permit');
    expect(reading.toDevice(A, packet('10.1.0.5', '10.1.0.1', 6, 22))).toMatchObject({ action: 'deny', where: 'iptables wardline-input' });
    expect(reading.toDevice(B, packet('10.2.0.5', '10.2.0.1', 6, 22))).toMatchObject({ action: 'permit', lines: [] });
    expect(reading.switched(A, packet('10.1.0.5', '10.1.0.6', 6, 22))).toMatchObject({ action: 'permit', lines: [] });
  });

  it('reads -p 0 and -p all as every protocol, as the kernel does', () => {
    for (const proto of ['0', 'all']) {
      const r = read(V4.replace('-A FORWARD -s 10.1.0.0/24 -p icmp --icmp-type echo-request -j ACCEPT', `-A FORWARD -s 10.1.0.0/24 -p ${proto} -j ACCEPT`));
      expect(r.unknown).toEqual([]);
      expect(decide(r, packet('10.1.0.5', '10.9.0.1', 17, 5000))[0]).toBe('permit');
      expect(decide(r, packet('10.1.0.5', '10.9.0.1', 47))[0]).toBe('permit');
    }
  });

  it('reports lines it does not understand with file and line, and never throws', () => {
    const text = V4.replace('-A FORWARD -m conntrack --ctstate INVALID -j DROP\n', '-A FORWARD -m conntrack --ctstate INVALID -j DROP\n-A FORWARD -m set --match-set bad src -j DROP\n-A FORWARD -p udp --dport 70000 -j ACCEPT\n');
    const r = read(`${text}*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n`);
    expect(r.unknown.map((u) => `${u.file}:${u.line}: ${u.text}`)).toEqual([
      `rules.v4:${lineOf('match-set', text)}: -A FORWARD -m set --match-set bad src -j DROP`,
      `rules.v4:${lineOf('70000', text)}: -A FORWARD -p udp --dport 70000 -j ACCEPT`,
      `rules.v4:${text.split('\n').length}: *nat`,
      `rules.v4:${text.split('\n').length + 1}: -A POSTROUTING -j MASQUERADE`,
    ]);
    expect(r.unknown[0]!.reason).toMatch(/match "set"/);
    expect(decide(r, packet('10.1.0.65', '10.2.0.10', 6, 443))[0]).toBe('permit');
    const broken = read('*filter\n-A FORWARD -s "10.0.0.0/8 -j ACCEPT\n-A NOPE -j DROP\n', '\u0000\u202e');
    expect(broken.unknown.map((u) => `${u.file}:${u.line}`)).toEqual(['rules.v4:1', 'rules.v4:2', 'rules.v4:3', 'rules.v6:1']);
    expect(broken.unknown[0]!.reason).toMatch(/no COMMIT/);
  });

  it('changes no verdict for cosmetic edits: comments, log prefixes, list members reordered, option order', () => {
    const edited = V4.replace('--comment "web"', '--comment "web servers, reviewed"')
      .replace(/-d 10\.2\.0\.10\/32,10\.2\.0\.20\/31/g, '-d 10.2.0.20/31,10.2.0.10/32')
      .replace('--dports 443,8000:8999', '--dports 8000:8999,443')
      .replace('--log-prefix "wl D g "', '--log-prefix "blocked "')
      .replace('-A FORWARD -s 10.1.0.0/24 -p icmp', '-A   FORWARD -p icmp -s 10.1.0.0/24');
    const other = read(edited);
    expect(other.unknown).toEqual([]);
    const probes = [
      packet('10.1.0.66', '10.2.0.10', 6, 443),
      packet('10.1.0.65', '10.2.0.21', 6, 8999),
      packet('10.1.0.65', '10.2.0.22', 6, 443),
      packet('10.1.0.65', '10.9.0.22', 1, 8 * 256),
    ];
    for (const p of probes) expect(decide(other, p)[0]).toBe(decide(reading, p)[0]);
  });
});

describe('linux-iptables mutants: text-level validation catches broken restore files', () => {
  const policy = loadPolicy(
    [
      {
        path: 'policy.yaml',
        text: `wardline: 1
zones:
  a: { vlan: 10, subnets: [10.1.0.0/24], via: r1 }
  b: { vlan: 20, subnets: [10.2.0.0/24], via: r1 }
groups:
  ga: { zone: a, addresses: [10.1.0.128/25] }
  gb: { zone: b, addresses: [10.2.0.128/25] }
flows:
  - { id: f1, from: ga, to: gb, services: [https] }
enforcement:
  r1: { platform: linux-iptables }
`,
      },
    ],
    { today: TODAY },
  ).policy;
  const programs = compilePolicy(policy);
  const files = renderedFiles(policy, programs);
  const path = 'r1/rules.v4';
  const mutant = (from: string, to: string) => {
    const text = files.get(path)!;
    expect(text).toContain(from);
    const result = validateText(policy, new Map([...files, [path, text.replace(from, to)]]), programs);
    expect(result.unknown).toEqual([]);
    return result.disagreements.map((d) => `${d.packet}: simulator ${d.simulator}`);
  };

  // The untouched files have no disagreement (the central text-level test); each edit shows its own.
  it('catches a flipped port', () => {
    expect(mutant('-p tcp --dport 443', '-p tcp --dport 444')).toEqual(['10.1.0.128 → 10.2.0.128 tcp/443: simulator allow', '10.1.0.128 → 10.2.0.128 tcp/444: simulator deny']);
  });

  it('catches the established line dropped (replies no longer pass)', () => {
    expect(mutant('-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n', '')).toEqual(['10.1.0.128 → 10.2.0.128 tcp/443: simulator allow']);
  });

  it('catches -p 0, which iptables reads as every protocol', () => {
    expect(mutant('-p tcp --dport 443', '-p 0')).toEqual(expect.arrayContaining([expect.stringMatching(/tcp\/444: simulator deny/), expect.stringMatching(/udp.*: simulator deny/)]));
  });
});
