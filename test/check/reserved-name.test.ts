import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const policy = (zone: string, group: string) => `zones:
  ${zone}: { vlan: 120, subnets: [10.20.0.0/22], via: sw1 }
groups:
  ${group}: { zone: ${zone}, addresses: [10.20.1.0/24] }
enforcement:
  sw1: { platform: cisco-ios }
`;

testCheck('reserved-name', {
  valid: [
    { name: 'names that start with a reserved word', policy: policy('any-ward', 'external-vendors') },
    { name: 'reserved words in another case', policy: policy('Any', 'External') },
  ],
  invalid: [
    { name: 'a zone named any', policy: policy('any', 'pumps'), findings: ['WL305 policy.yaml:3:3'] },
    { name: 'a group named external', policy: policy('ward', 'external'), findings: ['WL305 policy.yaml:5:3'] },
  ],
});

describe('WL305 messages', () => {
  it('name the reserved word, what it always means, and that another name is needed', () => {
    const [d] = diagnose(policy('ward', 'external'));
    expect(d?.message).toBe('"external" is reserved and cannot name a group');
    expect(d?.hint).toBe('"external" always means every address in no zone; choose another name.');
    expect(diagnose(policy('any', 'pumps'))[0]?.hint).toContain('"any" always means every address');
  });
});
