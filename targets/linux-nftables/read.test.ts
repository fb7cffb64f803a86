import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, WirePacket, ZoneLink } from '../reader.js';
import { linuxNftablesReader } from './read.js';

const RULESET = `#!/usr/sbin/nft -f
table inet t {}
delete table inet t

table inet t {
	# servers
	set servers_v4 {
		type ipv4_addr
		flags interval
		elements = {
			10.2.0.10/32,
			10.2.0.20/31
		}
	}

	set hosts_v6 {
		type ipv6_addr
		flags interval
		elements = { fd00:1::/64 }
	}

	chain forward {
		type filter hook forward priority filter; policy drop;

		ct state established,related accept
		ct state invalid drop

		ip saddr 10.1.0.66 ip daddr @servers_v4 tcp dport 443 counter log prefix "wardline drop g: " drop comment "guardrail"
		ip saddr 10.1.0.0/24 ip daddr @servers_v4 tcp dport { 443, 8000-8999 } counter accept comment "web"
		ip6 saddr @hosts_v6 ip6 daddr fd00:2::10 icmpv6 type echo-request counter accept comment "ping"
		iifname "vlan10" oifname "vlan20" udp dport domain accept
		meta nfproto ipv4 counter drop comment "default deny"
	}

	chain input {
		type filter hook input priority filter; policy accept;
		ct state established,related accept
		iifname "vlan10" ip daddr 10.1.0.1 udp dport 67 counter accept
		iifname "vlan10" meta nfproto ipv4 ip daddr { 10.1.0.1, 255.255.255.255 } counter drop
	}
}
`;

const FILE = 'ruleset.nft';
/** The 1-based line of RULESET holding the fragment. */
const lineOf = (fragment: string, text = RULESET) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;
const read = (text: string) => linuxNftablesReader.read([{ path: FILE, text }]);
const A: ZoneLink = { zone: 'a', vlan: 10 };
const B: ZoneLink = { zone: 'b', vlan: 20 };

function key(text: string): bigint {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
}
function packet(src: string, dst: string, proto: number, port = 0, tcpFlags = proto === 6 ? 0x02 : 0): WirePacket {
  return { src: key(src), dst: key(dst), proto, port, srcPort: 40000, tcpFlags };
}
/** The verdict and the text of the deciding line. */
function decide(reading: ConfigReading, p: WirePacket, state: 'new' | 'established' = 'new', from?: ZoneLink, to?: ZoneLink) {
  const v = reading.forward(p, from, to, state);
  return [v.action, v.lines.map((l) => l.text.trim()).join(' | ')];
}

describe('linux-nftables reader', () => {
  const reading = read(RULESET);

  it('understands every line', () => {
    expect(reading.unknown).toEqual([]);
  });

  it('takes the first rule that matches, in order', () => {
    expect(decide(reading, packet('10.1.0.66', '10.2.0.10', 6, 443))).toEqual(['deny', expect.stringContaining('comment "guardrail"')]);
    expect(decide(reading, packet('10.1.0.65', '10.2.0.10', 6, 443))).toEqual(['permit', expect.stringContaining('comment "web"')]);
    expect(reading.forward(packet('10.1.0.65', '10.2.0.10', 6, 443), A, undefined, 'new').lines[0]!.line).toBe(lineOf('comment "web"'));
  });

  it('matches named sets and anonymous sets of ports and ranges', () => {
    expect(decide(reading, packet('10.1.0.5', '10.2.0.21', 6, 8500))[0]).toBe('permit');
    expect(decide(reading, packet('10.1.0.5', '10.2.0.22', 6, 443))).toEqual(['deny', expect.stringContaining('default deny')]);
    expect(decide(reading, packet('10.1.0.5', '10.2.0.20', 6, 9000))[0]).toBe('deny');
  });

  it('reads IPv6 rules and ends at the chain policy (lines: the policy)', () => {
    expect(decide(reading, packet('fd00:1::5', 'fd00:2::10', 58, 128 * 256))).toEqual(['permit', expect.stringContaining('comment "ping"')]);
    const reply = reading.forward(packet('fd00:1::5', 'fd00:2::10', 58, 129 * 256), A, B, 'new');
    expect(reply).toMatchObject({ action: 'deny', where: 'table inet t chain forward policy drop' });
    expect(reply.lines.map((l) => l.line)).toEqual([lineOf('policy drop')]);
  });

  it('passes replies by connection state, not new packets', () => {
    const back = packet('10.2.0.10', '10.1.0.5', 6, 40000, 0x12);
    expect(decide(reading, back, 'established')).toEqual(['permit', 'ct state established,related accept']);
    expect(decide(reading, back, 'new')[0]).toBe('deny');
  });

  it('matches interface names through the zone links (by VLAN), never for the uplink', () => {
    const dns = packet('10.1.0.5', '10.3.0.1', 17, 53);
    expect(decide(reading, dns, 'new', A, B)[0]).toBe('permit');
    expect(decide(reading, dns, 'new', undefined, B)[0]).toBe('deny');
    expect(decide(reading, dns, 'new', { zone: 'a', interface: 'vlan10' }, { zone: 'b', interface: 'eth2', vlan: 20 })[0]).toBe('permit');
  });

  it('answers for the router itself from chain input, and never filters switched traffic', () => {
    expect(reading.toDevice(A, packet('10.1.0.5', '10.1.0.1', 17, 67)).action).toBe('permit');
    expect(reading.toDevice(A, packet('10.1.0.5', '10.1.0.1', 6, 22))).toMatchObject({ action: 'deny', where: 'table inet t chain input' });
    expect(reading.toDevice(B, packet('10.2.0.5', '10.2.0.1', 6, 22))).toMatchObject({ action: 'permit', lines: [{ line: lineOf('policy accept') }] });
    expect(reading.switched(A, packet('10.1.0.5', '10.1.0.6', 6, 22))).toMatchObject({ action: 'permit', lines: [] });
  });

  it('follows jump, goto and return, and every base chain of the hook by priority', () => {
    const text = `table ip f {
	chain web { tcp dport 443 accept; return }
	chain forward {
		type filter hook forward priority 10; policy accept;
		ip saddr 10.9.0.0/16 jump web
		ip saddr 10.9.0.0/16 drop
	}
	chain early {
		type filter hook forward priority filter - 5;
		ip daddr 10.8.0.1 drop
	}
}
add rule ip f web tcp dport 22 accept
insert rule ip f web udp dport 53 accept
`;
    const r = read(text);
    expect(r.unknown).toEqual([]);
    expect(decide(r, packet('10.9.0.1', '10.1.0.1', 6, 443))[0]).toBe('permit');
    expect(decide(r, packet('10.9.0.1', '10.1.0.1', 17, 53))[0]).toBe('permit');
    expect(decide(r, packet('10.9.0.1', '10.1.0.1', 6, 22))).toEqual(['deny', 'ip saddr 10.9.0.0/16 drop']);
    expect(decide(r, packet('10.7.0.1', '10.8.0.1', 6, 443))).toEqual(['deny', 'ip daddr 10.8.0.1 drop']);
    // An ip table does not see IPv6; no chain on the hook: permit.
    expect(decide(r, packet('fd00::1', 'fd00::2', 6, 22))[0]).toBe('permit');
  });

  it('reports lines it does not understand with file and line, and never throws', () => {
    const text = RULESET.replace('\t\tct state invalid drop\n', '\t\tct state invalid drop\n\t\tip saddr 10.0.0.0/8 limit rate 10/second accept\n\t\tmeta mark 0x1 drop\n').replace(
      '#!/usr/sbin/nft -f\n',
      '#!/usr/sbin/nft -f\ninclude "other.nft"\n',
    );
    const r = read(text);
    expect(r.unknown.map((u) => [u.file, u.line, u.text.trim()])).toEqual([
      [FILE, 2, 'include "other.nft"'],
      [FILE, lineOf('limit rate', text), 'ip saddr 10.0.0.0/8 limit rate 10/second accept'],
      [FILE, lineOf('meta mark', text), 'meta mark 0x1 drop'],
    ]);
    expect(lineOf('meta mark', text)).toBe(lineOf('ct state invalid drop') + 3);
    expect(r.unknown[1]!.reason).toMatch(/limit/);
    // The rules it could not read are left out: the rest still decides.
    expect(decide(r, packet('10.1.0.65', '10.2.0.10', 6, 443))[0]).toBe('permit');
    // A bridge table filters switched traffic this reader does not evaluate: each of its lines is reported, once.
    const bridge = read('table bridge br {\n\tchain fwd {\n\t\ttype filter hook forward priority 0; policy drop;\n\t\tether type arp accept\n\t}\n}\n');
    expect(bridge.unknown.map((u) => u.line)).toEqual([1, 2, 3, 4]);
    for (const junk of ['table inet x {\n\tchain c {\n', '}}}\n{{', 'table inet t { chain', '\u0000\u202e"#{', 'add rule inet nope c accept']) {
      expect(() => read(junk)).not.toThrow();
      expect(read(junk).unknown.length).toBeGreaterThan(0);
    }
  });

  it('changes no verdict for cosmetic edits: comments, log prefixes, set members reordered, spacing', () => {
    const edited = RULESET.replace('comment "web"', 'comment "web servers, reviewed"')
      .replace('# servers', '# the server farm')
      .replace('\t\t\t10.2.0.10/32,\n\t\t\t10.2.0.20/31', '\t\t\t10.2.0.20/31,\n\t\t\t10.2.0.10/32')
      .replace('{ 443, 8000-8999 }', '{8000-8999,443}')
      .replace('prefix "wardline drop g: "', 'prefix "blocked: "')
      .replace('ip saddr 10.1.0.66 ', 'ip  saddr  10.1.0.66  ');
    const other = read(edited);
    expect(other.unknown).toEqual([]);
    const probes = [
      packet('10.1.0.66', '10.2.0.10', 6, 443),
      packet('10.1.0.65', '10.2.0.21', 6, 8999),
      packet('10.1.0.65', '10.2.0.22', 6, 443),
      packet('fd00:1::5', 'fd00:2::10', 58, 128 * 256),
    ];
    for (const p of probes) expect(decide(other, p)[0]).toBe(decide(reading, p)[0]);
  });
});

describe('linux-nftables mutants: text-level validation catches a broken ruleset', () => {
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
  r1: { platform: linux-nftables }
`,
      },
    ],
    { today: TODAY },
  ).policy;
  const programs = compilePolicy(policy);
  const files = renderedFiles(policy, programs);
  const path = 'r1/ruleset.nft';
  const mutant = (from: string, to: string) => {
    const text = files.get(path)!;
    expect(text).toContain(from);
    const result = validateText(policy, new Map([...files, [path, text.replace(from, to)]]), programs);
    expect(result.unknown).toEqual([]);
    return result.disagreements.map((d) => `${d.packet}: simulator ${d.simulator}`);
  };

  it('catches a flipped port', () => {
    // The untouched ruleset has no disagreement (the central text-level test); each edit shows exactly its own.
    expect(mutant('tcp dport 443', 'tcp dport 444')).toEqual(['10.1.0.128 → 10.2.0.128 tcp/443: simulator allow', '10.1.0.128 → 10.2.0.128 tcp/444: simulator deny']);
  });

  it('catches the established line dropped (replies no longer pass)', () => {
    // The connection opens, its reply is dropped: the simulator's allowed connection fails.
    expect(mutant('\t\tct state established,related accept\n\t\tct state invalid drop\n', '\t\tct state invalid drop\n')).toEqual(['10.1.0.128 → 10.2.0.128 tcp/443: simulator allow']);
  });

  it('catches a rule widened to every protocol', () => {
    expect(mutant(' tcp dport 443 counter accept', ' counter accept')).toEqual(expect.arrayContaining([expect.stringMatching(/udp.*: simulator deny/)]));
  });
});
