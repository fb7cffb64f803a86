import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const vlan = (id: string) => `zones:
  ward: { vlan: ${id}, subnets: [10.20.0.0/22], via: fw1 }
enforcement:
  fw1: { platform: paloalto-panos }
`;

testCheck('vlan-out-of-range', {
  valid: [
    { name: 'the lowest id (the default VLAN: a warning of its own)', policy: vlan('1'), others: ['WL409 policy.yaml:3:17'] },
    { name: 'the highest id', policy: vlan('4094') },
    { name: 'no VLAN (a firewall zone)', policy: vlan('1').replace('vlan: 1, ', '') },
  ],
  invalid: [
    { name: '0, reserved', policy: vlan('0'), findings: ['WL404 policy.yaml:3:17'] },
    { name: '4095, reserved', policy: vlan('4095'), findings: ['WL404 policy.yaml:3:17'] },
    { name: 'beyond 12 bits', policy: vlan('5000'), findings: ['WL404 policy.yaml:3:17'] },
    { name: 'negative', policy: vlan('-120'), findings: ['WL404 policy.yaml:3:17'] },
  ],
});

describe('WL404 messages', () => {
  it('name the zone and the id, and give the range', () => {
    const [d] = diagnose(vlan('4095'));
    expect(d?.message).toBe('zone "ward" has VLAN id 4095, outside 1-4094');
    expect(d?.hint).toContain('1 to 4094');
    expect(d?.range).toEqual({ start: { line: 2, col: 16 }, end: { line: 2, col: 20 } });
  });
});
