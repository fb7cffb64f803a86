import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/model/policy.js';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const on = (platform: string) => `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22], via: edge }
enforcement:
  edge: { platform: ${platform} }
`;

testCheck('unknown-platform', {
  // A zone cannot be routed via a NAC point (WL304): freeradius is known, and shown so.
  valid: PLATFORMS.map((p) => (p === 'freeradius' ? { name: p, policy: on(p), others: ['WL304 policy.yaml:3:52'] } : { name: p, policy: on(p) })),
  invalid: [
    { name: 'two letters swapped', policy: on('cisco-iso'), findings: ['WL303 policy.yaml:5:21'] },
    { name: 'upper case', policy: on('Cisco-IOS'), findings: ['WL303 policy.yaml:5:21'] },
    { name: 'a vendor name alone', policy: on('juniper'), findings: ['WL303 policy.yaml:5:21'] },
    { name: 'a platform wardline does not support', policy: on('mikrotik-routeros'), findings: ['WL303 policy.yaml:5:21'] },
    {
      name: 'each enforcement point of several',
      policy: `${on('paloalto')}  core: { platform: nftables }\n  dist: { platform: arista-eos }\n`,
      findings: ['WL303 policy.yaml:5:21', 'WL303 policy.yaml:6:21'],
    },
  ],
});

describe('WL303 messages', () => {
  it('name the enforcement point and the platform, suggest the close one and list the known ones', () => {
    const [d] = diagnose(on('cisco-iso'));
    expect(d?.message).toBe('enforcement point "edge" has unknown platform "cisco-iso"');
    expect(d?.hint).toMatch(/^Did you mean "cisco-ios"\? Known platforms: cisco-ios, arista-eos, .*linux-iptables, freeradius\.$/);
    expect(d?.range).toEqual({ start: { line: 4, col: 20 }, end: { line: 4, col: 29 } });
  });

  it('suggest the full name for a vendor prefix, and nothing for an unrelated name', () => {
    expect(diagnose(on('juniper'))[0]?.hint).toMatch(/^Did you mean "juniper-junos"\?/);
    expect(diagnose(on('mikrotik-routeros'))[0]?.hint).toMatch(/^Known platforms:/);
  });
});

describe('a platform far too long', () => {
  it('is refused by its length at once (WL204), not compared with every platform name at quadratic cost', () => {
    const start = performance.now();
    const [d, ...rest] = diagnose(on('x'.repeat(900_000)));
    expect(performance.now() - start).toBeLessThan(3000);
    expect(rest).toEqual([]);
    expect(`${d?.code} ${d?.message}`).toBe('WL204 "platform" of enforcement point "edge" is 900000 characters; the limit is 64');
    expect(d?.range.start).toEqual({ line: 4, col: 20 });
    expect(d?.hint).toBe('Nothing written here is that long (write a value like cisco-ios): check what was pasted here.');
  });
});
