import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const vlan = (id: string) => `zones:
  ward: { vlan: ${id}, subnets: [10.20.0.0/22], gateway: 10.20.0.1, via: sw1 }
enforcement:
  sw1: { platform: cisco-ios }
`;

testCheck('default-vlan', {
  valid: [
    { name: 'VLAN 2', policy: vlan('2') },
    { name: 'VLAN 10', policy: vlan('10') },
    { name: 'no VLAN (a firewall zone)', policy: vlan('1').replace('vlan: 1, ', '').replace('cisco-ios', 'paloalto-panos') },
  ],
  invalid: [
    { name: 'VLAN 1', policy: vlan('1'), findings: ['WL409 policy.yaml:3:17'] },
    {
      name: 'each zone on it',
      policy: `${vlan('1')}`.replace('enforcement:', '  dc: { vlan: 1, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: sw1 }\nenforcement:'),
      findings: ['WL409 policy.yaml:3:17', 'WL405 policy.yaml:4:15', 'WL409 policy.yaml:4:15'],
    },
  ],
});

describe('WL409 messages', () => {
  it('name the zone, say why VLAN 1 is a poor choice, and give the range to choose from', () => {
    const [d] = diagnose(vlan('1'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('zone "ward" is on VLAN 1, the default VLAN');
    expect(d?.hint).toContain('a device on an unconfigured port would land in this zone');
    expect(d?.hint).toContain('(2-4094)');
    expect(d?.range).toEqual({ start: { line: 2, col: 16 }, end: { line: 2, col: 17 } });
  });
});
