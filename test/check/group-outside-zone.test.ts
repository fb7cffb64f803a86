import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const ZONES = `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22, fd00:20::/64], via: sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
enforcement:
  sw1: { platform: cisco-ios }
`;
const group = (zone: string, addresses: string) => `${ZONES}groups:\n  pumps: { zone: ${zone}, addresses: [${addresses}] }\n`;

testCheck('group-outside-zone', {
  valid: [
    { name: 'a /28 inside the zone /22', policy: group('ward', '10.20.1.16/28') },
    { name: 'the whole zone subnet and one host', policy: group('ward', '10.20.0.0/22, 10.20.3.255') },
    { name: 'an IPv6 prefix inside the zone IPv6 subnet', policy: group('ward', 'fd00:20::100/120, fd00:20::ffff') },
    {
      name: 'a /24 spanning two adjacent /25 subnets of its zone',
      policy: `zones:\n  ward: { vlan: 120, subnets: [10.0.0.128/25, 10.0.0.0/25], via: sw1 }\nenforcement:\n  sw1: { platform: cisco-ios }\ngroups:\n  pumps: { zone: ward, addresses: [10.0.0.0/24] }\n`,
    },
    { name: 'no addresses: the whole zone', policy: `${ZONES}groups:\n  ward-devices: { zone: ward }\n` },
  ],
  invalid: [
    { name: "an address in another zone's subnet", policy: group('ward', '10.20.1.0/24, 10.50.0.20'), findings: ['WL403 policy.yaml:8:50'] },
    { name: 'a prefix wider than the zone subnet', policy: group('dc', '10.50.0.0/23'), findings: ['WL403 policy.yaml:8:34'] },
    { name: 'an IPv6 address outside the zone IPv6 subnet', policy: group('ward', 'fd00:21::5'), findings: ['WL403 policy.yaml:8:36'] },
    { name: 'an IPv6 address in an IPv4-only zone', policy: group('dc', 'fd00:20::5'), findings: ['WL403 policy.yaml:8:34'] },
    {
      name: 'a /24 of which the zone has only one /25',
      policy: `zones:\n  ward: { vlan: 120, subnets: [10.0.0.0/25, 10.0.1.0/25], via: sw1 }\nenforcement:\n  sw1: { platform: cisco-ios }\ngroups:\n  pumps: { zone: ward, addresses: [10.0.0.0/24] }\n`,
      findings: ['WL403 policy.yaml:7:36'],
    },
    {
      name: 'a group in one file, its zone in another',
      policy: { 'zones.yaml': ZONES, 'groups.yaml': 'groups:\n  pacs: { zone: dc, addresses: [10.60.0.10] }\n' },
      findings: ['WL403 groups.yaml:3:33'],
    },
  ],
});

describe('WL403 messages', () => {
  it("name the group, the address and the zone's subnets, and point at the zone", () => {
    const [d] = diagnose({ 'zones.yaml': ZONES, 'groups.yaml': 'groups:\n  pacs: { zone: dc, addresses: [10.60.0.10] }\n' });
    expect(d?.message).toBe('group "pacs" address 10.60.0.10 is outside its zone "dc" (10.50.0.0/24)');
    expect(d?.hint).toContain('put the group in the zone whose subnet holds it');
    expect(d?.related).toEqual([
      { message: 'zone "dc" is defined here', file: 'zones.yaml', range: { start: { line: 3, col: 2 }, end: { line: 3, col: 4 } } },
    ]);
  });
});
