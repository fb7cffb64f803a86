import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { validateText } from '../../src/verify/text-validation.js';
import { load } from '../../test/support/policy.js';
import type { WirePacket, ZoneLink } from '../reader.js';
import { extremeExosReader as reader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const tcp = (src: string, dst: string, port: number, tcpFlags = 0x02, srcPort = 40000): WirePacket => ({ src: key(src), dst: key(dst), proto: 6, port, srcPort, tcpFlags });
const icmp = (src: string, dst: string, type: number, code = 0): WirePacket => ({ src: key(src), dst: key(dst), proto: 1, port: type * 256 + code, srcPort: 0, tcpFlags: 0 });
const read = (files: Record<string, string>) => reader.read(Object.entries(files).map(([path, text]) => ({ path, text })));

const ward: ZoneLink = { zone: 'ward', vlan: 120 };
const dc: ZoneLink = { zone: 'dc', vlan: 500 };
const SCRIPT = `create vlan ward tag 120
configure vlan ward ipaddress 10.20.0.1 255.255.255.0
enable ipforwarding vlan ward
enable ipforwarding ipv6 vlan ward
configure access-list ward_in vlan ward ingress
create vlan dc tag 500
configure vlan dc ipaddress 10.50.0.1/24
enable ipforwarding vlan dc
`;
/** An IPv6 policy: ExtremeXOS takes one IP version per policy. */
const POLICY_V6 = `entry v6https { if { source-address fd00:20::/64; protocol tcp; destination-port 443; } then { permit; } }
entry v6rest { if { source-address ::/0; } then { deny; } }
`;
/** A hand-written ingress policy: first match, the forms an engineer writes, exact TCP flags, a last IPv4 deny. */
const POLICY = `# hand-written
entry ssh_block { if { source-address 10.20.0.0/24; destination-address 10.50.0.5; protocol tcp; destination-port 22; } then { deny; } }
entry ssh { if { source-address 10.20.0.0/24; protocol tcp; destination-port 22; } then { permit; count ssh; } }
entry high {
    if match all {
        source-address 10.20.0.9 mask 255.255.0.255;
        protocol TCP;
        destination-port > 1023;
    } then {
    }
}
entry range { if { protocol udp; destination-port 5000-5010; } then { permit; } }
entry unreach { if { protocol icmp; icmp-type unreachable; icmp-code port-unreachable; } then { permit; } }
entry echo { if { protocol icmp; icmp-type echo-request; } then { permit; } }
entry synack { if { source-address 10.20.0.0/24; protocol tcp; source-port 443; tcp-flags SYN_ACK; } then { permit; } }
entry ack { if { source-address 10.20.0.0/24; protocol tcp; source-port 443; tcp-flags 0x10; } then { permit; } }
entry rest { if { source-address 0.0.0.0/0; } then { deny; log; mirror-cpu; } }
`;

describe('extreme-exos reader', () => {
  const r = read({ 'setup.xsf': SCRIPT, 'ward_in.pol': POLICY });

  it('reads the hand-written forms without unknown lines', () => {
    expect(r.unknown).toEqual([]);
  });

  it('decides by the first entry that matches, in file order, and names its lines', () => {
    const blocked = r.forward(tcp('10.20.0.9', '10.50.0.5', 22), ward, dc, 'new');
    expect(blocked).toMatchObject({ action: 'deny', where: 'vlan ward ingress access-list ward_in entry ssh_block' });
    expect(blocked.lines).toEqual([{ file: 'ward_in.pol', line: 2, text: expect.stringContaining('entry ssh_block') }]);
    expect(r.forward(tcp('10.20.0.9', '10.50.0.6', 22), ward, dc, 'new').where).toContain('entry ssh');
    // An entry without an action permits; the mask compares its set bits only (10.20.x.9 with x any).
    expect(r.forward(tcp('10.20.7.9', '10.50.0.6', 8080), ward, undefined, 'new')).toMatchObject({ action: 'permit', where: expect.stringContaining('entry high') });
    expect(r.forward(tcp('10.20.7.8', '10.50.0.6', 8080), ward, undefined, 'new').action).toBe('deny');
    expect(r.forward(tcp('10.20.0.9', '10.50.0.6', 1023), ward, undefined, 'new').where).toContain('entry rest');
  });

  it('reads port ranges, ICMP types and codes by name or number', () => {
    const udp = (port: number): WirePacket => ({ ...tcp('10.20.0.9', '10.50.0.6', port), proto: 17, tcpFlags: 0 });
    expect([4999, 5000, 5010, 5011].map((p) => r.forward(udp(p), ward, dc, 'new').action)).toEqual(['deny', 'permit', 'permit', 'deny']);
    expect(r.forward(icmp('10.20.0.9', '10.50.0.6', 3, 3), ward, dc, 'new').where).toContain('entry unreach');
    expect(r.forward(icmp('10.20.0.9', '10.50.0.6', 3, 1), ward, dc, 'new').action).toBe('deny');
    expect([0, 5].map((code) => r.forward(icmp('10.20.0.9', '10.50.0.6', 8, code), ward, dc, 'new').where)).toEqual([expect.stringContaining('entry echo'), expect.stringContaining('entry echo')]);
  });

  it('compares tcp-flags with the whole flags field: a reply entry passes its value only', () => {
    const reply = (flags: number) => r.forward(tcp('10.20.0.8', '10.50.0.6', 40000, flags, 443), ward, undefined, 'established').where.split(' entry ')[1];
    expect([0x12, 0x10, 0x1a, 0x50, 0x02, 0x11].map(reply)).toEqual(['synack', 'ack', 'rest', 'rest', 'rest', 'rest']);
  });

  it('matches IPv6 entries to IPv6 packets only; IPv4 entries never match them, and what no entry holds passes', () => {
    const v6 = read({ 'setup.xsf': SCRIPT, 'ward_in.pol': POLICY_V6 });
    expect(v6.unknown).toEqual([]);
    expect(v6.forward(tcp('fd00:20::5', 'fd00:50::5', 443), ward, undefined, 'new').where).toContain('entry v6https');
    expect(v6.forward(tcp('fd00:20::5', 'fd00:50::5', 22), ward, undefined, 'new').where).toContain('entry v6rest');
    // A packet that meets no entry passes: ExtremeXOS has no implicit deny.
    const none = { action: 'permit', where: 'vlan ward ingress access-list ward_in (no entry matches: permitted)', lines: [] };
    expect(v6.forward(tcp('10.20.0.9', '10.50.0.6', 22), ward, undefined, 'new')).toEqual(none);
    expect(r.forward(tcp('fd00:20::5', 'fd00:50::5', 22), ward, undefined, 'new')).toEqual(none);
  });

  it('reports a policy mixing IP versions, and IPv6 addresses in a policy bound egress', () => {
    const mixed = read({ 'setup.xsf': `${SCRIPT}configure access-list ward_out vlan ward egress\n`, 'ward_in.pol': `${POLICY}${POLICY_V6}`, 'ward_out.pol': POLICY_V6 });
    expect(mixed.unknown.map((u) => `${u.file}:${u.line} ${u.reason}`)).toEqual([
      'setup.xsf:9 policy ward_out has IPv6 addresses (entry v6https), which egress access-lists do not take',
      'ward_in.pol:18 IPv6 addresses in a policy of IPv4 addresses: a policy takes one IP version',
      'ward_in.pol:19 IPv6 addresses in a policy of IPv4 addresses: a policy takes one IP version',
    ]);
    expect(mixed.forward(tcp('fd00:20::5', 'fd00:50::5', 22), undefined, ward, 'new').where).toBe('vlan ward egress (no access-list)');
  });

  it('routes only from VLANs with IP forwarding, finds links by tag then name, and filters nothing unbound', () => {
    expect(r.forward(tcp('10.50.0.5', '10.20.0.9', 22), dc, ward, 'new')).toMatchObject({ action: 'permit', where: 'vlan dc ingress (no access-list), vlan ward egress (no access-list)' });
    expect(r.forward(tcp('fd00:50::5', 'fd00:20::9', 22), dc, undefined, 'new')).toMatchObject({ action: 'deny', where: 'vlan dc: IPv6 forwarding is not enabled' });
    expect(r.forward(tcp('10.20.0.9', '10.50.0.6', 22), { zone: 'other-name', vlan: 120 }, undefined, 'new').where).toContain('entry ssh');
    expect(r.forward(tcp('10.20.0.9', '10.50.0.6', 22), { zone: 'ward' }, undefined, 'new').where).toContain('entry ssh');
    // A VLAN tagged otherwise is not the zone's, whatever its name.
    expect(r.forward(tcp('10.20.0.9', '10.50.0.6', 22), { zone: 'ward', vlan: 121 }, undefined, 'new')).toMatchObject({ action: 'deny', where: 'no VLAN for zone ward (tag 121) on this switch' });
    const global = read({ 'setup.xsf': 'create vlan ward tag 120\ncreate vlan dc tag 500\nenable ipforwarding\ndisable ipforwarding vlan dc\ncreate vlan lab tag 7\nsave configuration\n' });
    expect(global.unknown).toEqual([]);
    expect([ward, dc, { zone: 'lab', vlan: 7 }].map((l) => global.forward(tcp('10.20.0.9', '10.50.0.6', 22), l, undefined, 'new').where)).toEqual([
      'vlan ward ingress (no access-list)', 'vlan dc: IPv4 forwarding is not enabled', 'vlan lab: IPv4 forwarding is not enabled',
    ]);
    expect(r.switched({ zone: 'lab', vlan: 7 }, tcp('10.7.0.1', '10.7.0.2', 22))).toEqual({ action: 'permit', where: 'no VLAN for zone lab on this switch', lines: [] });
  });

  it('filters what reaches the switch by the ingress policy, and switched packets by both of the VLAN', () => {
    expect(r.toDevice(ward, tcp('10.20.0.9', '10.20.0.1', 22)).where).toContain('entry ssh');
    expect(r.toDevice(ward, tcp('10.20.0.9', '10.20.0.1', 23)).where).toContain('entry rest');
    const both = read({ 'setup.xsf': `${SCRIPT}configure access-list ward_out vlan ward egress\n`, 'ward_in.pol': POLICY, 'ward_out.pol': 'entry all { if { } then { deny; } }\nentry v4 { if { destination-address 10.20.0.0/24; } then { deny; } }\n' });
    // An egress entry without conditions matches nothing (the guide: egress rules must name an address).
    expect(both.switched(ward, tcp('10.20.0.9', '10.20.0.8', 22))).toMatchObject({ action: 'deny', where: 'vlan ward egress access-list ward_out entry v4' });
  });

  it('reports every line it cannot read with file and line, and leaves entries with such lines out', () => {
    const bad = read({
      'setup.xsf': `${SCRIPT}configure vlan lab tag 9\nconfigure access-list nowhere vlan dc ingress\nshow vlan\n`,
      'ward_in.pol': `entry a { if { protocol tcp; destination-port http; } then { deny; } }
entry b { if { destination-port 22; } then { deny; } }
entry c { if { dscp 46; } then { deny; } }
entry d { if { protocol tcp; } then { redirect 10.0.0.1; } }
entry e { if { protocol tcp; } then { permit; } }
entry e { if { protocol udp; } then { permit; } }
}} garbage {
entry f { if { protocol udp } then { deny; } }
`,
      'notes.txt': 'hello\n',
    });
    expect(bad.unknown.map((u) => `${u.file}:${u.line} ${u.reason}`)).toEqual([
      'notes.txt:1 not an ExtremeXOS policy (.pol) or script (.xsf) file',
      'setup.xsf:9 VLAN lab is not created before this line (create vlan lab)',
      'setup.xsf:10 no policy file nowhere.pol among the files: the switch refuses this binding',
      'setup.xsf:11 command not read by the extreme-exos reader',
      'ward_in.pol:1 destination-port "http": give a number, a range "N - M", or < <= > >= N (port names are not read)',
      'ward_in.pol:2 destination-port needs protocol tcp or udp in the same entry',
      'ward_in.pol:3 match condition "dscp" is not read by this reader',
      'ward_in.pol:4 action "redirect 10.0.0.1" is not read by this reader',
      'ward_in.pol:6 a second entry named e (entry names are unique within a policy)',
      'ward_in.pol:7 expected "entry NAME {"',
    ]);
    expect(bad.unknown[4]!.text).toBe('entry a { if { protocol tcp; destination-port http; } then { deny; } }');
    // Entries a-d take no part; e decides TCP, and the last entry (a statement may end at its block's brace) UDP.
    expect(bad.forward(tcp('10.20.0.9', '10.50.0.6', 22), ward, undefined, 'new').where).toContain('entry e');
    expect(bad.forward({ ...tcp('10.20.0.9', '10.50.0.6', 22), proto: 17 }, ward, undefined, 'new').where).toContain('entry f');
    expect(read({ 'x.pol': 'entry { if', 'setup.xsf': 'configure' }).unknown.length).toBe(2);
  });
});

/**
 * A zone on an EXOS switch and a flow to servers outside every zone, rendered by the target: only the zone's two
 * policies stand between them, so the harness (text-level validation against the simulator) sees every edit.
 */
describe('extreme-exos reader: text-level validation of a rendered policy', () => {
  const { policy } = load(`zones:
  ward: { vlan: 120, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: sw }
groups:
  pumps: { zone: ward, addresses: [10.20.0.128/25] }
flows:
  - { id: f1, from: pumps, to: [192.0.2.10, 192.0.2.20], services: [https] }
enforcement:
  sw: { platform: extreme-exos }
`);
  const programs = compilePolicy(policy);
  const files = renderedFiles(policy, programs);
  const edited = (path: string, edit: (text: string) => string) => {
    const out = new Map([...files].map(([p, t]) => [p, p === path ? edit(t) : t]));
    expect(out.get(path)).not.toEqual(files.get(path));
    return out;
  };
  const entry = (name: string) => new RegExp(`entry ${name} \\{\\n[^]*?\\n\\}\\n`);
  const result = (f: Map<string, string>) => {
    const r = validateText(policy, f, programs);
    return { disagreements: r.disagreements.length, unknown: r.unknown.length };
  };
  const caught = { disagreements: expect.toSatisfy((n: number) => n > 0), unknown: 0 };

  it('agrees with the simulator on the rendered text', () => {
    expect(result(files)).toEqual({ disagreements: 0, unknown: 0 });
  });

  it('cosmetic edits change no verdict: comments, layout, and the entries of one line reordered', () => {
    const cosmetic = edited('sw/ward_in_v4.pol', (t) => {
      const [a, b] = ['e0009', 'e0010'].map((n) => t.match(entry(n))![0]);
      return t
        .replace(`${a}${b}`, `${b}${a}`)
        .replace(/^# flow f1.*$/m, '# pumps to the servers over HTTPS')
        .replace(entry('e0011'), (e) => `${e.replace(/\s+/g, ' ').trim()}\n`);
    });
    expect(cosmetic.get('sw/ward_in_v4.pol')).toMatch(/entry e0010 \{[^]*entry e0009 \{[^]*\nentry e0011 \{ if \{ source-address 0\.0\.0\.0\/0; \} then/);
    expect(result(cosmetic)).toEqual({ disagreements: 0, unknown: 0 });
  });

  it('catches a flipped port', () => {
    expect(result(edited('sw/ward_in_v4.pol', (t) => t.replace('destination-port 443;', 'destination-port 444;')))).toEqual(caught);
  });

  it('catches a reply flag value dropped: SYN+ACK from the servers no longer passes', () => {
    expect(result(edited('sw/ward_out_v4.pol', (t) => t.replaceAll('tcp-flags SYN_ACK;', 'tcp-flags SYN;')))).toEqual(caught);
  });

  it('catches a line turned into all protocols', () => {
    const allProtocols = edited('sw/ward_in_v4.pol', (t) => t.replace(entry('e0009'), (e) => e.replace(/\s+protocol tcp;\n\s+destination-port 443;/, '')));
    expect(result(allProtocols)).toEqual(caught);
  });
});
