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
    { name: 'names with dots and digits that are not four numbers', policy: policy('ward-10.20', '10.20.1') },
    { name: 'names every JavaScript object answers to', policy: policy('constructor', 'toString') },
    { name: 'more of them', policy: policy('hasOwnProperty', 'valueOf') },
    {
      name: 'a service named like them',
      policy: `${policy('ward', 'pumps')}services:\n  constructor: [tcp/8443]\nflows:\n  - { id: f, from: pumps, to: external, services: [constructor] }\n`,
    },
    {
      name: 'a service named external, any-app or like a number',
      policy: `${policy('ward', 'pumps')}services:\n  external: [tcp/8443]\n  any-app: [tcp/8444]\n  10.0.0.1: [tcp/8445]\nflows:\n  - { id: f, from: pumps, to: external, services: [external, any-app, 10.0.0.1] }\n`,
    },
  ],
  invalid: [
    { name: 'an external named any', policy: `${policy('ward', 'pumps')}externals:\n  any: { fqdn: a.vendor.example }\n`, findings: ['WL305 policy.yaml:9:3'] },
    { name: 'an external named like an address', policy: `${policy('ward', 'pumps')}externals:\n  203.0.113.10: { fqdn: a.vendor.example }\n`, findings: ['WL305 policy.yaml:9:3'] },
    { name: 'a zone named any', policy: policy('any', 'pumps'), findings: ['WL305 policy.yaml:3:3'] },
    { name: 'a group named external', policy: policy('ward', 'external'), findings: ['WL305 policy.yaml:5:3'] },
    { name: 'a group named like an address', policy: policy('ward', '10.20.1.5'), findings: ['WL305 policy.yaml:5:3'] },
    { name: 'a zone named like an address', policy: policy('10.20.0.0', 'pumps'), findings: ['WL305 policy.yaml:3:3'] },
    {
      name: 'a service named any',
      policy: `${policy('ward', 'pumps')}services:\n  any: [tcp/8443]\nflows:\n  - { id: f, from: pumps, to: external, services: [any] }\n`,
      findings: ['WL305 policy.yaml:9:3'],
    },
  ],
});

describe('WL305 messages', () => {
  it('name the reserved word, what it always means, and that another name is needed', () => {
    const [d] = diagnose(policy('ward', 'external'));
    expect(d?.message).toBe('"external" is reserved and cannot name a group');
    expect(d?.hint).toBe('"external" always means every address in no zone; choose another name.');
    expect(diagnose(policy('any', 'pumps'))[0]?.hint).toContain('"any" always means every address');
  });

  it('say why a name that reads as an address cannot be used, and offer one that can', () => {
    const [d] = diagnose(policy('ward', '10.20.1.5'));
    expect(d?.message).toBe('group name "10.20.1.5" reads as an address, so a reference to it would mean the address');
    expect(d?.hint).toBe('Choose a name that is not four dot-separated numbers, like "group-10-20-1-5".');
  });

  it('refuse a service named any instead of silently meaning every service', () => {
    const [d] = diagnose(`${policy('ward', 'pumps')}services:\n  any: [tcp/8443]\n`);
    expect(d?.message).toBe('"any" is reserved and cannot name a service: "services: [any]" means every protocol and port');
    expect(d?.hint).toBe('Choose another name for this service, like "any-app".');
  });
});
