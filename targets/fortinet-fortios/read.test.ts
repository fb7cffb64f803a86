import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import type { Program } from '../../src/compile/ir.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import type { AddressPlan } from '../../src/model/address-plan.js';
import { prefixesOf } from '../../src/net/address-set.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, formatKey, formatPrefix, parseAddress } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { readContext, validateText } from '../../src/verify/text-validation.js';
import { REPO } from '../../test/support/cli.js';
import { TODAY } from '../../test/support/policy.js';
import type { ConfigReading, ReadContext, WirePacket } from '../reader.js';
import { fortinetFortiosReader } from './read.js';

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const tcp = (src: string, dst: string, port: number, srcPort = 50000): WirePacket => ({ src: key(src), dst: key(dst), proto: 6, port, srcPort, tcpFlags: 2 });
const udp = (src: string, dst: string, port: number, srcPort = 50000): WirePacket => ({ src: key(src), dst: key(dst), proto: 17, port, srcPort, tcpFlags: 0 });
const icmp6 = (src: string, dst: string, type: number): WirePacket => ({ src: key(src), dst: key(dst), proto: 58, port: type << 8, srcPort: 0, tcpFlags: 0 });
const read = (text: string, context?: ReadContext): ConfigReading => fortinetFortiosReader.read([{ path: 'config.txt', text }], context);

const WARD = { zone: 'ward', vlan: 120 };
const DC = { zone: 'dc', vlan: 500 };

/** A config in wardline's shape: two VLAN zones and the uplink, objects, a group, services and an ordered list. */
const CONFIG = `config system interface
    edit "vlan120"
        set vdom "root"
        set interface "fortilink"
        set vlanid 120
        set ip 10.20.0.1 255.255.252.0
        set description "wardline zone ward"
        set dhcp-relay-service enable
        set dhcp-relay-ip "10.50.0.10"
        config ipv6
            set ip6-address fd00:20::1/64
        end
    next
    edit "vlan500"
        set vdom "root"
        set interface "fortilink"
        set vlanid 500
        set ip 10.50.0.1 255.255.255.0
        set description "wardline zone dc"
    next
end
config system zone
    edit "ward"
        set intrazone deny
        set interface "vlan120"
    next
    edit "dc"
        set intrazone deny
        set interface "vlan500"
    next
    edit "transit"
        set intrazone deny
        set interface "port1"
    next
end
config firewall address
    edit "pumps_v4"
        set subnet 10.20.1.0 255.255.255.0
        set comment "pumps"
    next
    edit "net-10-50-10-20_32"
        set subnet 10.50.10.20 255.255.255.255
    next
    edit "net-10-50-10-22_31"
        set subnet 10.50.10.22 255.255.255.254
    next
end
config firewall addrgrp
    edit "server_v4"
        set member "net-10-50-10-20_32" "net-10-50-10-22_31"
        set comment "server"
    next
end
config firewall address6
    edit "pumps_v6"
        set ip6 fd00:20::/64
    next
    edit "server_v6"
        set ip6 fd00:50::20/128
    next
end
config firewall service custom
    edit "tcp-443"
        set protocol TCP/UDP/SCTP
        set tcp-portrange 443
    next
    edit "tcp-22"
        set protocol TCP/UDP/SCTP
        set tcp-portrange 22
    next
    edit "icmp6-128"
        set protocol ICMP6
        set icmptype 128
    next
end
config firewall policy
    edit 1
        set name "no-ssh-to-server-v4"
        set srcintf "ward"
        set dstintf "dc"
        set action deny
        set srcaddr "all"
        set dstaddr "server_v4"
        set schedule "always"
        set service "tcp-22"
        set logtraffic all
        set comments "guardrail no-ssh (guardrails.yaml:3)"
    next
    edit 2
        set name "pumps-to-server-v4"
        set srcintf "ward"
        set dstintf "dc"
        set action accept
        set srcaddr "pumps_v4"
        set dstaddr "server_v4"
        set schedule "always"
        set service "tcp-443" "tcp-22"
        set logtraffic disable
        set comments "flow pumps-to-server (flows.yaml:3): drug library updates"
    next
    edit 3
        set name "pumps-to-server-v6"
        set srcintf "ward"
        set dstintf "dc"
        set action accept
        set srcaddr6 "pumps_v6"
        set dstaddr6 "server_v6"
        set schedule "always"
        set service "icmp6-128" "tcp-443"
        set logtraffic disable
        set comments "flow pumps-to-server (flows.yaml:3)"
    next
    edit 4
        set name "ward-to-uplink-v4"
        set srcintf "ward"
        set dstintf "transit"
        set action accept
        set srcaddr "pumps_v4"
        set dstaddr "all"
        set schedule "always"
        set service "ALL"
        set logtraffic disable
        set comments "flow pumps-to-vendor (flows.yaml:9)"
    next
end
`;

describe('fortinet-fortios reader', () => {
  const r = read(CONFIG);

  it('understands every line wardline writes', () => {
    expect(r.unknown).toEqual([]);
  });

  it('takes the first policy that matches, in list order, and names its lines', () => {
    const ssh = r.forward(tcp('10.20.1.5', '10.50.10.23', 22), WARD, DC, 'new');
    expect(ssh.action).toBe('deny');
    expect(ssh.where).toBe('ward -> dc policy 1 "no-ssh-to-server-v4"');
    expect(ssh.lines.map((l) => l.line)).toContain(CONFIG.split('\n').indexOf('    edit 1') + 1);
    const https = r.forward(tcp('10.20.1.5', '10.50.10.23', 443), WARD, DC, 'new');
    expect([https.action, https.where]).toEqual(['permit', 'ward -> dc policy 2 "pumps-to-server-v4"']);
    // The group's member that holds the destination is among the deciding lines.
    expect(https.lines.map((l) => l.text.trim())).toContain('set subnet 10.50.10.22 255.255.255.254');
  });

  it('matches through the address group, and only its members', () => {
    expect(r.forward(tcp('10.20.1.5', '10.50.10.20', 443), WARD, DC, 'new').action).toBe('permit');
    expect(r.forward(tcp('10.20.1.5', '10.50.10.21', 443), WARD, DC, 'new').action).toBe('deny');
  });

  it('evaluates IPv6 against srcaddr6/dstaddr6 only', () => {
    expect(r.forward(icmp6('fd00:20::5', 'fd00:50::20', 128), WARD, DC, 'new').action).toBe('permit');
    expect(r.forward(icmp6('fd00:20::5', 'fd00:50::20', 129), WARD, DC, 'new').action).toBe('deny');
    // Policy 4 has IPv4 addresses only: IPv6 to the uplink meets the implicit deny.
    expect(r.forward(tcp('fd00:20::5', '2001:db8::1', 443), WARD, undefined, 'new')).toEqual({ action: 'deny', where: 'ward -> transit implicit deny (policy 0)', lines: [] });
  });

  it('passes replies of accepted sessions by state, and denies what no policy takes', () => {
    const reply = { ...tcp('10.50.10.23', '10.20.1.5', 50000, 443), tcpFlags: 0x10 };
    expect(r.forward(reply, DC, WARD, 'established').action).toBe('permit');
    expect(r.forward(reply, DC, WARD, 'new')).toEqual({ action: 'deny', where: 'dc -> ward implicit deny (policy 0)', lines: [] });
  });

  it('maps the uplink to the zone of the non-VLAN interface', () => {
    expect(r.forward(udp('10.20.1.5', '8.8.8.8', 53), WARD, undefined, 'new').where).toBe('ward -> transit policy 4 "ward-to-uplink-v4"');
    expect(r.forward(udp('10.20.2.5', '8.8.8.8', 53), WARD, undefined, 'new').action).toBe('deny');
  });

  it('answers the relay and neighbour discovery on the link, nothing else', () => {
    expect(r.toDevice(WARD, udp('0.0.0.0', '255.255.255.255', 67, 68)).action).toBe('permit');
    expect(r.toDevice(WARD, tcp('10.20.1.5', '10.20.0.1', 22)).action).toBe('deny');
    expect(r.toDevice(WARD, icmp6('fe80::5', 'ff02::2', 133)).action).toBe('permit');
    expect(r.toDevice(DC, udp('10.50.0.5', '255.255.255.255', 67, 68)).action).toBe('deny');
    const access = read(CONFIG.replace('        set vlanid 120\n', '        set vlanid 120\n        set allowaccess ping ssh\n'));
    expect(access.toDevice(WARD, tcp('10.20.1.5', '10.20.0.1', 22)).action).toBe('permit');
    expect(access.toDevice(WARD, tcp('10.20.1.5', '10.20.0.1', 443)).action).toBe('deny');
  });

  it('reports lines it does not understand with file and line, and never throws', () => {
    const text = CONFIG.replace('        set logtraffic all\n', '        set logtraffic all\n        set poolname "nat-pool"\n').replace('(flows.yaml:9)"\n', '(flows.yaml:9)"\n        set schedule "workhours"\n') + 'config router static\n    edit 1\n    next\nend\nbogus\n';
    const unknown = read(text).unknown.map((u) => `${u.file}:${u.line} ${u.reason}`);
    const at = (needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    expect(unknown).toEqual([
      `config.txt:${at('poolname')} unknown field "poolname" in config firewall policy`,
      `config.txt:${at('"workhours"')} schedule "workhours" depends on the time of day: only "always" is evaluated`,
      `config.txt:${at('config router static')} config router static is not read (it is not a section wardline writes)`,
      `config.txt:${at('edit 1', at('config router static'))} config router static is not read (it is not a section wardline writes)`,
      `config.txt:${at('bogus')} "bogus" outside a config block`,
    ]);
    expect(() => read('config firewall policy\n    edit "x\nnext\nend end\n')).not.toThrow();
  });

  it('reads a cosmetic edit (comments changed, group members reordered, whitespace) to the same verdicts', () => {
    const edited = read(
      CONFIG.replace('"net-10-50-10-20_32" "net-10-50-10-22_31"', '"net-10-50-10-22_31"   "net-10-50-10-20_32"').replace(': drug library updates', ': reviewed 2026').replace('set comment "pumps"', "set comment 'pump fleet'"),
    );
    expect(edited.unknown).toEqual([]);
    for (const p of [tcp('10.20.1.5', '10.50.10.20', 443), tcp('10.20.1.5', '10.50.10.23', 22), tcp('10.20.1.5', '10.50.10.21', 443), udp('10.20.1.5', '10.50.10.22', 443)]) {
      expect(edited.forward(p, WARD, DC, 'new').action).toBe(r.forward(p, WARD, DC, 'new').action);
    }
  });

  it('reads hand-written forms: /len subnets, ranges, nested groups with exclusions, service groups, interfaces in policies', () => {
    const hand = read(`#config-version=FGT60F-7.2.8-FW-build1639:opmode=0:vdom=0
config system interface
    edit vlan120
        set vlanid 120
        set ip 10.20.0.1/22
    next
    edit port1
        set ip 192.0.2.2 255.255.255.0
        set role wan
    next
end
config firewall address
    edit servers
        set subnet 10.50.10.0/24
    next
    edit printers
        set type iprange
        set start-ip 10.50.10.100
        set end-ip 10.50.10.119
    next
end
config firewall addrgrp
    edit inner
        set member servers
    next
    edit no-printers
        set member inner
        set exclude enable
        set exclude-member printers
    next
end
config firewall service group
    edit web
        set member HTTPS HTTP
    next
end
config firewall policy
    edit 7
        set srcintf vlan120
        set dstintf port1
        set srcaddr all
        set dstaddr no-printers
        set action accept
        set service web
    next
end
`);
    expect(hand.unknown).toEqual([]);
    const out = (dst: string, port: number) => hand.forward(tcp('10.20.1.5', dst, port), WARD, undefined, 'new').action;
    expect([out('10.50.10.20', 443), out('10.50.10.20', 80), out('10.50.10.105', 443), out('10.50.10.20', 22)]).toEqual(['permit', 'permit', 'deny', 'deny']);
  });

  it('follows move and delete in the policy table, and a disabled policy', () => {
    const moved = read(`${CONFIG}config firewall policy\n    move 2 before 1\nend\n`);
    expect(moved.forward(tcp('10.20.1.5', '10.50.10.23', 22), WARD, DC, 'new').where).toBe('ward -> dc policy 2 "pumps-to-server-v4"');
    const gone = read(`${CONFIG}config firewall policy\n    delete 2\n    edit 1\n        set status disable\n    next\nend\n`);
    expect(gone.forward(tcp('10.20.1.5', '10.50.10.23', 443), WARD, DC, 'new').action).toBe('deny');
    expect(gone.forward(tcp('10.20.1.5', '10.50.10.23', 22), WARD, DC, 'new').where).toBe('ward -> dc implicit deny (policy 0)');
  });

  it('reads port ranges with source ports, and IP protocol-number 0 as every protocol', () => {
    const text = CONFIG.replace('        set tcp-portrange 443\n', '        set tcp-portrange 440-450:1024-65535\n');
    const ranged = read(text);
    expect(ranged.forward(tcp('10.20.1.5', '10.50.10.20', 445), WARD, DC, 'new').action).toBe('permit');
    expect(ranged.forward(tcp('10.20.1.5', '10.50.10.20', 445, 1000), WARD, DC, 'new').action).toBe('deny');
    const all = read(CONFIG.replace('        set protocol TCP/UDP/SCTP\n        set tcp-portrange 443\n', '        set protocol IP\n        set protocol-number 0\n'));
    expect(all.forward(udp('10.20.1.5', '10.50.10.20', 161), WARD, DC, 'new').action).toBe('permit');
  });

  it('isolates an access VLAN: no broadcast between ports, unicast routed back through the policies', () => {
    const isolated = read(CONFIG.replace('        set description "wardline zone ward"\n', '        set description "wardline zone ward"\n        set switch-controller-access-vlan enable\n'));
    expect(isolated.switched(WARD, udp('10.20.1.5', '10.20.3.255', 5353)).action).toBe('deny');
    expect(isolated.switched(WARD, udp('10.20.1.5', '224.0.0.251', 5353)).action).toBe('deny');
    // Unicast from the interface's own network comes back out of it by allow-traffic-redirect (the 7.0-7.4 default).
    expect(isolated.switched(WARD, tcp('10.20.1.5', '10.20.1.6', 443)).action).toBe('permit');
    const strict = read(`config system global\n    set allow-traffic-redirect disable\nend\n${CONFIG.replace('        set description "wardline zone ward"\n', '        set description "wardline zone ward"\n        set switch-controller-access-vlan enable\n')}`);
    expect(strict.switched(WARD, tcp('10.20.1.5', '10.20.1.6', 443)).action).toBe('deny');
    expect(r.switched(WARD, tcp('10.20.1.5', '10.20.1.6', 443))).toMatchObject({ action: 'permit', lines: [] });
  });
});

describe('fortinet-fortios reader against the simulator (text-level validation)', () => {
  const policy = loadPolicy(
    [
      {
        path: 'policy.yaml',
        text: `wardline: 1
zones:
  a: { vlan: 10, subnets: [10.1.0.0/24], via: r1 }
  b: { vlan: 20, subnets: [10.2.0.0/24], via: r1 }
flows:
  - { id: f1, from: a, to: b, services: [https, ntp] }
enforcement:
  r1: { platform: fortinet-fortios }
`,
      },
    ],
    { today: TODAY },
  ).policy;
  const programs = compilePolicy(policy);
  const files = renderedFiles(policy, programs);
  const config = files.get('r1/config.txt')!;
  const edited = (from: string | RegExp, to: string) => {
    expect(config).toMatch(from);
    return validateText(policy, new Map([...files, ['r1/config.txt', config.replace(from, to)]]), programs);
  };

  it('agrees on the untouched compile', () => {
    const result = validateText(policy, files, programs);
    expect(result.disagreements).toEqual([]);
    expect(result.unknown).toEqual([]);
  });

  it.each<[string, string | RegExp, string]>([
    ['a flipped port', 'set tcp-portrange 443', 'set tcp-portrange 444'],
    ['a service turned into every protocol', 'set service "tcp-443" "udp-123"', 'set service "ALL"'],
    ['a deleted policy', / {4}edit 1\n(?: {8}.*\n)* {4}next\n/, ''],
  ])('catches %s', (_, from, to) => {
    expect(edited(from, to).disagreements.length).toBeGreaterThan(0);
  });
});

describe('fortinet-fortios reader: fqdn addresses', () => {
  // What the policy says portal.cdn-vendor.example stands for: one address per family (stand-ins, as an unresolved name has).
  const CDN = iv.fromIntervals(['240.0.0.1', '100::1'].map((a) => [key(a), key(a)] as [bigint, bigint]));
  const context: ReadContext = { resolve: (fqdn) => (fqdn === 'portal.cdn-vendor.example' ? CDN : undefined) };
  const FQDN = `${CONFIG}config firewall address
    edit "cdn_v4"
        set type fqdn
        set fqdn "portal.cdn-vendor.example"
        set comment "cdn"
    next
end
config firewall address6
    edit "cdn_v6"
        set type fqdn
        set fqdn "portal.cdn-vendor.example"
        set cache-ttl 300
    next
end
config firewall policy
    edit 5
        set name "ward-to-cdn"
        set srcintf "ward"
        set dstintf "transit"
        set action accept
        set srcaddr "all"
        set dstaddr "cdn_v4"
        set srcaddr6 "all"
        set dstaddr6 "cdn_v6"
        set schedule "always"
        set service "tcp-443"
    next
end
`;
  const lineOf = (text: string, needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
  const out = (r: ConfigReading, dst: string) => r.forward(dst.includes(':') ? tcp('fd00:20::5', dst, 443) : tcp('10.20.2.5', dst, 443), WARD, undefined, 'new');

  it('matches the addresses of its family the context resolves the name to, and names the fqdn line', () => {
    const r = read(FQDN, context);
    expect(r.unknown).toEqual([]);
    expect(['240.0.0.1', '240.0.0.3', '100::1', '100::3'].map((d) => out(r, d).action)).toEqual(['permit', 'deny', 'permit', 'deny']);
    const hit = out(r, '240.0.0.1');
    expect(hit.where).toBe('ward -> transit policy 5 "ward-to-cdn"');
    expect(hit.lines.map((l) => l.line)).toContain(lineOf(FQDN, 'set fqdn', lineOf(FQDN, 'edit "cdn_v4"')));
    expect(out(r, '100::1').lines.map((l) => l.line)).toContain(lineOf(FQDN, 'set fqdn', lineOf(FQDN, 'edit "cdn_v6"')));
    // DNS names are case-insensitive and a final dot names the same name.
    const spelled = read(FQDN.replace('set fqdn "portal.cdn-vendor.example"', 'set fqdn "Portal.CDN-vendor.example."'), context);
    expect([spelled.unknown, out(spelled, '240.0.0.1').action]).toEqual([[], 'permit']);
  });

  it('reports the fqdn line of a name the context does not know, or without a context, and matches nothing for it', () => {
    const other = FQDN.replace('set fqdn "portal.cdn-vendor.example"\n        set comment', 'set fqdn "portal.other.example"\n        set comment');
    const unknown = read(other, context);
    expect(unknown.unknown.map((u) => `${u.line} ${u.reason}`)).toEqual([
      `${lineOf(other, 'portal.other.example')} fqdn address "portal.other.example" resolves on the FortiGate at run time and is not a DNS name of the policy: not evaluated`,
    ]);
    expect([out(unknown, '240.0.0.1').action, out(unknown, '100::1').action]).toEqual(['deny', 'permit']);
    const alone = read(FQDN);
    expect(alone.unknown.map((u) => `${u.line} ${u.reason}`)).toEqual(
      ['cdn_v4', 'cdn_v6'].map((n) => `${lineOf(FQDN, 'set fqdn', lineOf(FQDN, `edit "${n}"`))} fqdn address "portal.cdn-vendor.example" resolves on the FortiGate at run time and has no policy to say what it stands for: not evaluated`),
    );
    expect(out(alone, '240.0.0.1').action).toBe('deny');
    const nameless = read(FQDN.replace('        set fqdn "portal.cdn-vendor.example"\n        set comment', '        set comment'), context);
    expect(nameless.unknown.map((u) => `${u.line} ${u.reason}`)).toEqual([`${lineOf(FQDN, 'set type fqdn')} an fqdn address needs one DNS name in "set fqdn"`]);
  });
});

describe('fortinet-fortios fqdn addresses against the simulator (text-level validation)', () => {
  const policy = loadPolicy(
    [
      {
        path: 'policy.yaml',
        text: `wardline: 1
zones:
  a: { vlan: 10, subnets: [10.1.0.0/24], via: r1 }
  b: { vlan: 20, subnets: [10.2.0.0/24], via: r1 }
externals:
  cdn: { fqdn: portal.cdn-vendor.example }
  pump-cloud: { fqdn: drug-library.pump-vendor.example }
flows:
  - { id: a-to-cdn, from: a, to: cdn, services: [https] }
  - { id: b-to-pump-cloud, from: b, to: pump-cloud, services: [https] }
enforcement:
  r1: { platform: fortinet-fortios }
`,
      },
    ],
    { today: TODAY },
  ).policy;
  const programs = compilePolicy(policy);
  const files = renderedFiles(policy, programs);
  const config = files.get('r1/config.txt')!;
  const plan = buildAddressPlan(policy);
  const standIn = formatKey(plan.names.set('cdn')[0]![0]);

  it('agrees on the untouched compile, the names read through the policy', () => {
    expect(config).toContain('        set type fqdn\n        set fqdn "portal.cdn-vendor.example"\n');
    const result = validateText(policy, files, programs);
    expect([result.disagreements, result.unknown]).toEqual([[], []]);
  });

  it('catches an fqdn changed to another name of the policy: the name\'s stand-in is denied', () => {
    const mutant = config.replace('set fqdn "portal.cdn-vendor.example"', 'set fqdn "drug-library.pump-vendor.example"');
    expect(mutant).not.toBe(config);
    const r = fortinetFortiosReader.read([{ path: 'config.txt', text: mutant }], readContext(plan));
    expect(r.forward(tcp('10.1.0.5', standIn, 443), { zone: 'a', vlan: 10 }, undefined, 'new').action).toBe('deny');
    const result = validateText(policy, new Map([...files, ['r1/config.txt', mutant]]), programs);
    expect(result.unknown).toEqual([]);
    expect(result.disagreements.some((d) => d.packet.includes(`→ ${standIn} tcp/443`) && d.simulator === 'allow' && d.compiled === 'deny')).toBe(true);
  });
});
