import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { devicePrograms } from '../../src/compile/devices.js';
import { targets } from '../../targets/registry.js';
import { load } from '../support/policy.js';

// One zone on a pair of switches of each platform: a file per device, each with its own address beside the gateway
// (.2 and .3) and the gateway kept the platform's way, first device preferred.
const policy = (platform: string, fhrp: string) =>
  load(`zones:
  ward: { vlan: 120, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: sw, infrastructure: { fhrp: ${fhrp} } }
  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: fw }
groups:
  pumps: { zone: ward, addresses: [10.20.0.128/25] }
  server: { zone: dc, addresses: [10.50.0.10] }
flows:
  - { id: f1, from: pumps, to: server, services: [https] }
enforcement:
  sw: { platform: ${platform}, devices: [sw-a, sw-b] }
  fw: { platform: paloalto-panos }
`).policy;

function rendered(platform: string, fhrp: string): Map<string, string> {
  const p = policy(platform, fhrp);
  const [program] = compilePolicy(p, new Set(['sw']));
  const out = new Map<string, string>();
  for (const { device, program: d } of devicePrograms(p, program!)) {
    for (const f of targets[platform]!.render(d)) out.set(`${device}/${f.path}`, f.content);
  }
  return out;
}

describe('a pair of switches: a configuration per device', () => {
  it('cisco-ios: HSRP version 2, the VLAN as group, own addresses .2 and .3', () => {
    const files = rendered('cisco-ios', 'hsrp');
    expect([...files.keys()]).toEqual(['sw-a/config.txt', 'sw-b/config.txt']);
    expect(files.get('sw-a/config.txt')).toContain(' ip address 10.20.0.2 255.255.255.0\n standby version 2\n standby 120 ip 10.20.0.1\n standby 120 priority 110\n standby 120 preempt\n');
    expect(files.get('sw-b/config.txt')).toContain(' ip address 10.20.0.3 255.255.255.0\n standby version 2\n standby 120 ip 10.20.0.1\n standby 120 priority 100\n');
    expect(files.get('sw-a/config.txt')).not.toContain('ip address 10.20.0.1 ');
  });

  it('juniper-junos: a VRRP group on the IRB address', () => {
    const a = rendered('juniper-junos', 'vrrp').get('sw-a/config.set')!;
    expect(a).toContain('set interfaces irb unit 120 family inet address 10.20.0.2/24\n');
    expect(a).toContain('set interfaces irb unit 120 family inet address 10.20.0.2/24 vrrp-group 120 virtual-address 10.20.0.1\n');
    expect(a).toContain('set interfaces irb unit 120 family inet address 10.20.0.2/24 vrrp-group 120 priority 110\n');
  });

  it('aruba-aoscx: the VSX active gateway with one virtual MAC', () => {
    const b = rendered('aruba-aoscx', 'vsx').get('sw-b/config.txt')!;
    expect(b).toContain('    ip address 10.20.0.3/24\n    active-gateway ip mac 02:00:5e:77:6c:04\n    active-gateway ip 10.20.0.1\n');
  });

  it('extreme-exos: a VRRP router on the VLAN', () => {
    const a = rendered('extreme-exos', 'vrrp').get('sw-a/setup.xsf')!;
    expect(a).toContain('configure vlan ward ipaddress 10.20.0.2/24\n');
    expect(a).toContain('create vrrp vlan ward vrid 120\nconfigure vrrp vlan ward vrid 120 add 10.20.0.1\nconfigure vrrp vlan ward vrid 120 priority 110\nenable vrrp vlan ward vrid 120\n');
  });

  it('the VRRP group of VLAN 300 is 45 (VRRP takes 1-255)', () => {
    const p = policy('juniper-junos', 'vrrp');
    p.zones.get('ward')!.vlan!.value = 300;
    const [program] = compilePolicy(p, new Set(['sw']));
    const [a] = devicePrograms(p, program!);
    expect(a!.program.kind === 'acl' && a!.program.interfaces[0]!.redundancy?.group).toBe(45);
  });

  it('the lists are the same on both devices: only addresses and priority differ', () => {
    const files = rendered('cisco-ios', 'hsrp');
    const lists = (t: string) => t.split('\n').filter((l) => !/ip address|priority|^! Enforcement point/.test(l));
    expect(lists(files.get('sw-a/config.txt')!)).toEqual(lists(files.get('sw-b/config.txt')!));
  });

  it('a firewall pair takes one configuration (the platform synchronises it)', () => {
    const p = policy('paloalto-panos', 'vrrp');
    const [program] = compilePolicy(p, new Set(['sw']));
    expect(devicePrograms(p, program!).map((d) => d.device)).toEqual([undefined]);
  });
});
