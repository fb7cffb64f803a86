import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const gateway = (gw: string, subnets = '10.20.0.0/22, fd00:20::/64') => `zones:
  ward: { vlan: 120, subnets: [${subnets}], gateway: ${gw}, via: sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
enforcement:
  sw1: { platform: cisco-ios }
`;

testCheck('gateway-outside-subnet', {
  valid: [
    { name: 'one IPv4 gateway', policy: gateway('10.20.0.1') },
    { name: 'IPv4 and IPv6 gateways', policy: gateway('[10.20.0.1, fd00:20::1]') },
    { name: 'the gateway in the second subnet', policy: gateway('10.21.0.1', '10.20.0.0/24, 10.21.0.0/24') },
  ],
  invalid: [
    { name: "an address in another zone's subnet", policy: gateway('10.50.0.1'), findings: ['WL406 policy.yaml:3:70'] },
    { name: 'an IPv6 gateway outside the IPv6 subnet', policy: gateway('[10.20.0.1, fd00:21::1]'), findings: ['WL406 policy.yaml:3:82'] },
    { name: 'an IPv6 gateway in an IPv4-only zone', policy: gateway('[10.20.0.1, fd00:20::1]', '10.20.0.0/22'), findings: ['WL406 policy.yaml:3:68'] },
  ],
});

describe('WL406 messages', () => {
  it("name the gateway, the zone and its subnets, and say what a gateway is", () => {
    const [d] = diagnose(gateway('10.50.0.1'));
    expect(d?.message).toBe('gateway 10.50.0.1 of zone "ward" is outside its subnets (10.20.0.0/22, fd00:20::/64)');
    expect(d?.hint).toContain("pick an address inside one of the zone's subnets");
  });
});
