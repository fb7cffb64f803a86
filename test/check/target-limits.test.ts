import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { limitFindings } from '../../src/compile/limits.js';
import { targets } from '../../targets/registry.js';
import { diagnose, load } from '../support/policy.js';

/** check reports every WL7xx compile would: check accepting a policy means compile succeeds on every platform it names. */
const policy = (platform: string, zones: string, flows = '') => `zones:\n${zones}flows:\n${flows || '  - { id: f1, from: a, to: b, services: [https] }\n'}enforcement:\n  ep: { platform: ${platform} }\n`;
const TWO = '  a: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: ep }\n  b: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep }\n';

function compileFindings(text: string): string[] {
  const { policy: p } = load(text);
  return compilePolicy(p)
    .flatMap((program) => limitFindings(p, program, targets[program.platform]!.capabilities, targets[program.platform]!.usage(program)))
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.col + 1} ${d.message}`);
}
const checkFindings = (text: string) =>
  diagnose(text)
    .filter((d) => d.code.startsWith('WL7'))
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.col + 1} ${d.message}`);

describe('check and compile agree on what a target cannot express', () => {
  const cases: [string, string][] = [
    ['an IPv6 zone on EXOS (WL701)', policy('extreme-exos', '  a: { vlan: 10, subnets: [10.1.0.0/24, "fd00:1::/64"], gateway: 10.1.0.1, via: ep }\n  b: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep }\n')],
    ['isolation on Arista (WL702)', policy('arista-eos', TWO.replace('via: ep }', 'via: ep, isolation: true }'))],
    ['a switch zone without a VLAN (WL703)', policy('cisco-ios', TWO.replace('vlan: 10, ', ''))],
    ['SCTP ports on PAN-OS (WL706)', policy('paloalto-panos', TWO, '  - { id: f1, from: a, to: b, services: [sctp/3868] }\n')],
    ['a Linux zone without a VLAN or interface (WL707)', policy('linux-nftables', TWO.replace('vlan: 10, ', ''))],
    ['ipv6-nd: false on FortiOS (WL708)', policy('fortinet-fortios', '  a: { vlan: 10, subnets: ["fd00:1::/64"], gateway: "fd00:1::1", via: ep, infrastructure: { ipv6-nd: false } }\n  b: { vlan: 20, subnets: ["fd00:2::/64"], gateway: "fd00:2::1", via: ep }\n')],
    ['a switch over a budget its capacity sets (WL711)', policy('extreme-exos', TWO).replace('{ platform: extreme-exos }', '{ platform: extreme-exos, capacity: { acl-rules-out: 8 } }')],
    ['a firewall over a budget its capacity sets (WL711)', policy('paloalto-panos', TWO).replace('{ platform: paloalto-panos }', '{ platform: paloalto-panos, capacity: { security-rules: 1 } }')],
    ['a capacity naming what the platform does not count (WL712)', policy('cisco-ios', TWO).replace('{ platform: cisco-ios }', '{ platform: cisco-ios, capacity: { acl-rules-in: 10 } }')],
    ...['cisco-ios', 'juniper-junos', 'linux-nftables', 'linux-iptables'].map((platform) => [
      `a DNS name without addresses on ${platform} (WL713)`,
      `${policy(platform, TWO, '  - { id: f1, from: a, to: [vendor, 203.0.113.0/24], services: [https] }\n  - { id: f2, from: b, to: vendor, services: [https] }\n')}externals:\n  vendor: { fqdn: a.vendor.example }\n`,
    ]),
    ['an IPv6 rule reaching ::/96 on both sides on PAN-OS (WL709)', policy('paloalto-panos', '  a: { vlan: 10, subnets: ["::a09:0/120"], via: ep }\n  b: { vlan: 20, subnets: ["::b09:0/120"], via: ep }\n', '  - { id: f1, from: "::/1", to: b, services: [https] }\n')],
    // Found while reading generated policies: two zones on one interface of a Linux router shared its input rules, so
    // one zone's link got what the other's infrastructure allows (its DHCP relay), beyond what the simulator says.
    ['two zones on one interface of a Linux router (WL707)', policy('linux-nftables', TWO.replace(/via: ep }/g, 'via: ep, interface: eth1 }'))],
    ['a zone on the vlan<ID> interface another zone is on by its VLAN (WL707)', policy('linux-iptables', TWO.replace('via: ep }', 'via: ep, interface: vlan20 }'))],
    // Found by test/adversarial: rules no flow or guardrail wrote got no WL709, and the PAN-OS target threw instead.
    ['a DHCPv6 relay inside ::/96 on PAN-OS (WL709)', policy('paloalto-panos', '  a: { vlan: 10, subnets: ["::a09:0/120"], via: ep, infrastructure: { dhcp-relay: "::1" } }\n  b: { vlan: 20, subnets: [10.2.0.0/24], via: ep }\n')],
    // A DNS name resolves to IPv4 addresses too: an IPv6 rule from ::/96 to it would match IPv4 packets to the name.
    ['an IPv6 rule from inside ::/96 to a name known only by DNS on PAN-OS (WL709)', `${policy('paloalto-panos', '  a: { vlan: 10, subnets: ["::a09:0/120"], via: ep }\n', '  - { id: f1, from: a, to: cloud, services: [https] }\n')}externals:\n  cloud: { fqdn: cloud.example }\n`],
    ['a zone of two subnets inside ::/96 on PAN-OS (WL709)', policy('paloalto-panos', '  a: { vlan: 10, subnets: ["::a09:0/120", "::a0a:0/120"], via: ep }\n  b: { vlan: 20, subnets: [10.2.0.0/24], via: ep }\n')],
  ];
  it.each(cases)('%s', (_name, text) => {
    const compiled = compileFindings(text);
    expect(compiled.length).toBeGreaterThan(0);
    expect(checkFindings(text)).toEqual(compiled);
  });

  it('WL707 for a shared interface names both zones', () => {
    const [d] = diagnose(policy('linux-nftables', TWO.replace(/via: ep }/g, 'via: ep, interface: eth1 }'))).filter((x) => x.code === 'WL707');
    expect(d?.message).toBe('zone "b" is on interface "eth1" of "ep" (linux-nftables), as zone "a" is: the platform tells zones apart by interface to filter what their links send it');
    expect(d?.related.map((r) => `${r.message} ${r.range.start.line + 1}`)).toEqual(['zone "a" is on "eth1" 3']);
  });

  it('a policy compile takes without a word gets no WL7xx from check', () => {
    expect(checkFindings(policy('paloalto-panos', TWO))).toEqual([]);
    // Any to a name: the IPv6 rule's source is each zone's IPv6 subnets, never IPv4 packets.
    expect(checkFindings(`${policy('paloalto-panos', '  a: { vlan: 10, subnets: [10.1.0.0/24, "fd00:1::/64"], via: ep }\n', '  - { id: f1, from: any, to: cloud, services: [https] }\n')}externals:\n  cloud: { fqdn: cloud.example }\n`)).toEqual([]);
  });

  it('WL709 for a name says why a DNS name reaches IPv4', () => {
    const [d] = diagnose(`${policy('paloalto-panos', '  a: { vlan: 10, subnets: ["::a09:0/120"], via: ep }\n', '  - { id: f1, from: a, to: cloud, services: [https] }\n')}externals:\n  cloud: { fqdn: cloud.example }\n`).filter((x) => x.code === 'WL709');
    expect(d?.message).toBe('"f1" needs an IPv6 rule whose sources and destinations each reach ::/96 or hold a DNS name (which the device resolves to IPv4 addresses too), and paloalto-panos on "ep" matches IPv4 packets there too: the rule would also decide IPv4 traffic');
  });
});
