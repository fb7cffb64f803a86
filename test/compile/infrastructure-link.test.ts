import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { limitFindings } from '../../src/compile/limits.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { parseAddress, addressKey } from '../../src/net/address.js';
import type { Policy } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';

/**
 * The link part of a zone's infrastructure (docs/infrastructure.md): what the zone's hosts send the gateway itself.
 * The gateway answers DHCP to its relay, neighbour discovery and the zone's first-hop redundancy, and nothing else;
 * the simulator says so, and the compiled lists (switches) and input rules (Linux) do the same.
 */
const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};
const UDP = 17;
const ICMPV6 = 58;

function policyOn(platform: string, infrastructure: string): Policy {
  const yaml = [
    'wardline: 1',
    'zones:',
    '  wards:',
    '    vlan: 10',
    '    subnets: [10.1.0.0/24, "fd00:1::/64"]',
    '    gateway: [10.1.0.1, "fd00:1::1"]',
    '    via: ep',
    `    infrastructure: ${infrastructure}`,
    '  servers: { vlan: 20, subnets: [10.2.0.0/24, "fd00:2::/64"], gateway: [10.2.0.1, "fd00:2::1"], via: ep }',
    'groups:',
    '  dhcp-servers: { zone: servers, addresses: [10.2.0.10, "fd00:2::10"] }',
    'enforcement:',
    `  ep: { platform: ${platform} }`,
  ].join('\n');
  const loaded = loadPolicy([{ path: 'p.yaml', text: `${yaml}\n` }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors[0]!.message);
  return loaded.policy;
}

const validate = (policy: Policy, programs = compilePolicy(policy)) => {
  const sim = simulator(policy);
  return validateTranslation(policy, buildAddressPlan(policy), programs, sim);
};

describe('the gateway answers its link only what the zone\'s infrastructure says', () => {
  const sim = simulator(policyOn('cisco-ios', '{ dhcp-relay: [dhcp-servers], fhrp: vrrp }'));
  const ask = (src: string, dst: string, proto: number, port: number) => sim.decideGateway('wards', { src: key(src), dst: key(dst), proto, port });

  it('DHCP from a client without an address to the relay, neighbour discovery, VRRP hellos', () => {
    expect(ask('0.0.0.0', '255.255.255.255', UDP, 67)).toBe('allow');
    expect(ask('10.1.0.7', '10.1.0.1', UDP, 67)).toBe('allow');
    expect(ask('fe80::7', 'ff02::1:2', UDP, 547)).toBe('allow');
    expect(ask('::', 'ff02::1:ff00:7', ICMPV6, 135 * 256)).toBe('allow');
    expect(ask('fe80::7', 'ff02::2', ICMPV6, 133 * 256)).toBe('allow');
    expect(ask('10.1.0.2', '224.0.0.18', 112, 0)).toBe('allow');
  });

  it('nothing else: not SSH to the gateway, not mDNS or OSPF to link-local multicast, not the DHCP client port', () => {
    expect(ask('10.1.0.7', '10.1.0.1', 6, 22)).toBe('deny');
    expect(ask('10.1.0.7', '224.0.0.251', UDP, 5353)).toBe('deny');
    expect(ask('10.1.0.7', '224.0.0.5', 89, 0)).toBe('deny');
    expect(ask('0.0.0.0', '255.255.255.255', UDP, 68)).toBe('deny');
    expect(ask('fe80::7', 'fd00:1::1', ICMPV6, 128 * 256)).toBe('deny');
  });

  it('query answers gateway:ZONE from the zone, naming each service of its infrastructure', () => {
    const a = sim.query('wards', 'gateway:wards', 'udp/67');
    expect(a.verdict).toBe('partial');
    expect(a.parts[0]).toMatchObject({ verdict: 'allow', destinations: '10.1.0.1/32, 255.255.255.255/32', decidedBy: [{ kind: 'infrastructure', id: 'dhcp', zone: 'wards' }] });
    expect(() => sim.query('servers', 'gateway:wards')).toThrow(/reached from its own link: ask --from wards/);
  });

  it('without a relay and with ipv6-nd: false, the gateway answers nothing at all', () => {
    const quiet = simulator(policyOn('cisco-ios', '{ ipv6-nd: false }'));
    expect(quiet.decideGateway('wards', { src: key('0.0.0.0'), dst: key('255.255.255.255'), proto: UDP, port: 67 })).toBe('deny');
    expect(quiet.decideGateway('wards', { src: key('fe80::7'), dst: key('ff02::2'), proto: ICMPV6, port: 133 * 256 })).toBe('deny');
  });
});

describe('the compiled configuration agrees on the link', () => {
  it.each(Object.keys(targets).filter((p) => targets[p]!.capabilities.ipv6))('%s: translation validation covers the link classes', (platform) => {
    const policy = policyOn(platform, '{ dhcp-relay: [dhcp-servers], fhrp: hsrp }');
    const result = validate(policy);
    expect(result.disagreements.slice(0, 5)).toEqual([]);
  });

  it('can fail: without the gateway lines, the switch passes what its gateway must not answer, and drops DHCP', () => {
    const policy = policyOn('cisco-ios', '{ dhcp-relay: [dhcp-servers] }');
    const programs = compilePolicy(policy);
    for (const p of programs) if (p.kind === 'acl') for (const l of p.lists) l.lines = l.lines.filter((x) => x.provenance.kind !== 'infrastructure' || x.provenance.id !== 'wards/dhcp');
    const found = validate(policy, programs).disagreements.map((d) => `${d.packet}: ${d.simulator}`);
    expect(found).toContain('0.0.0.0 → 255.255.255.255 udp/67 on the link of zone wards: allow');
  });

  it('can fail: without the input rules, the Linux router answers its link everything', () => {
    const policy = policyOn('linux-nftables', '{ dhcp-relay: [dhcp-servers] }');
    const programs = compilePolicy(policy);
    for (const p of programs) if (p.kind === 'firewall') p.gateway = p.gateway.filter((r) => r.action === 'permit');
    const found = validate(policy, programs).disagreements.map((d) => `${d.packet}: ${d.simulator}`);
    expect(found).toContain('10.1.0.2 → 10.1.0.1 tcp/0 on the link of zone wards: deny');
  });

  it('every switch renders the relay servers of the zone, per family', () => {
    const policy = policyOn('cisco-ios', '{ dhcp-relay: [dhcp-servers] }');
    const text = (platform: string) => {
      const p = { ...policy, enforcementPoints: new Map([['ep', { ...policy.enforcementPoints.get('ep')!, platform: { ...policy.enforcementPoints.get('ep')!.platform, value: platform } }]]) };
      return compilePolicy(p).flatMap((prog) => targets[platform]!.render(prog).map((f) => f.content)).join('\n');
    };
    expect(text('cisco-ios')).toContain(' ip helper-address 10.2.0.10\n ipv6 dhcp relay destination fd00:2::10\n');
    expect(text('arista-eos')).toContain('   ip helper-address 10.2.0.10\n   ipv6 dhcp relay destination fd00:2::10\n');
    expect(text('aruba-aoscx')).toContain('    ip helper-address 10.2.0.10\n');
    expect(text('aruba-aoscx')).toContain('    ipv6 helper-address unicast fd00:2::10\n');
    expect(text('juniper-junos')).toContain('set forwarding-options dhcp-relay group relay-vlan10 interface irb.10\n');
    expect(text('juniper-junos')).toContain('set forwarding-options dhcp-relay dhcpv6 server-group relay-vlan10 fd00:2::10\n');
    expect(text('paloalto-panos')).toContain(
      'set network dhcp interface ethernet1/1.10 relay ip enabled yes\nset network dhcp interface ethernet1/1.10 relay ip server 10.2.0.10\n' +
        'set network dhcp interface ethernet1/1.10 relay ipv6 enabled yes\nset network dhcp interface ethernet1/1.10 relay ipv6 server fd00:2::10 interface ethernet1/1.20\n',
    );
    expect(text('fortinet-fortios')).toContain('        set dhcp-relay-service enable\n        set dhcp-relay-ip "10.2.0.10"\n');
    expect(text('fortinet-fortios')).toContain('            set dhcp6-relay-service enable\n            set dhcp6-relay-ip "fd00:2::10"\n');
  });

  it('a firewall that decides its link itself refuses what it cannot do (WL708): no neighbour discovery, an FHRP it does not speak', () => {
    const codes = (platform: string, infrastructure: string) => {
      const policy = policyOn(platform, infrastructure);
      return compilePolicy(policy).flatMap((p) => limitFindings(policy, p, targets[platform]!.capabilities)).map((d) => `${d.code} ${d.message}`);
    };
    expect(codes('paloalto-panos', '{ ipv6-nd: false }')).toEqual([
      'WL708 zone "wards" says ipv6-nd: false, but paloalto-panos on "ep" answers neighbour discovery on every IPv6 interface',
    ]);
    expect(codes('paloalto-panos', '{ fhrp: vrrp }')).toEqual(['WL708 zone "wards" asks for fhrp: vrrp, which paloalto-panos on "ep" does not speak']);
    // FortiOS speaks VRRP, but the renderer writes no `config vrrp` (the reader found the gateway unanswered): refused.
    expect(codes('fortinet-fortios', '{ fhrp: vrrp }')).toEqual(['WL708 zone "wards" asks for fhrp: vrrp, which fortinet-fortios on "ep" does not speak']);
    expect(codes('linux-nftables', '{ ipv6-nd: false, fhrp: hsrp }')).toEqual([]);
  });
});

describe('ICMP errors are replies', () => {
  const errorLines = (infrastructure: string) =>
    compilePolicy(
      policyOn('cisco-ios', infrastructure),
    ).flatMap((p) => (p.kind === 'acl' ? p.lists.flatMap((l) => l.lines.map((x) => ({ list: l.name, ...x }))) : []))
      .filter((x) => x.provenance.kind === 'return' && x.service?.icmp !== undefined && x.src === 'any');

  it('a stateless switch passes the errors about a connection back to its opener, and not when the zone says icmp-errors: false', () => {
    const on = errorLines('{ dhcp-relay: [dhcp-servers] }');
    // wards opens DHCP connections to the servers: errors come back to wards, through its out-list and the servers' in-list.
    expect(on.map((x) => `${x.list} ${x.family} ${x.service!.icmp!.map((t) => t.type).join(',')}`).sort()).toEqual([
      'servers-in-v4 4 3,11,12',
      'servers-in-v6 6 1,2,3,4',
      'wards-out-v4 4 3,11,12',
      'wards-out-v6 6 1,2,3,4',
    ]);
    expect(errorLines('{ dhcp-relay: [dhcp-servers], icmp-errors: false }')).toEqual([]);
  });
});
