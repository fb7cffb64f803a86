import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const ZONES = `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22], via: core-sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: dc-fw }
`;

testCheck('via-not-enforcement-point', {
  valid: [
    { name: 'every via defined', policy: `${ZONES}enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw: { platform: paloalto-panos }\n` },
    {
      name: 'the enforcement points defined in another file',
      policy: { 'zones.yaml': ZONES, 'enforcement.yaml': 'enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw: { platform: paloalto-panos }\n' },
    },
  ],
  invalid: [
    {
      name: 'a zone routed via a network access control point (freeradius places devices, routes nothing)',
      policy: `${ZONES}enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw: { platform: freeradius }\n`,
      findings: ['WL304 policy.yaml:4:50'],
    },
    {
      name: 'a misspelt enforcement point',
      policy: `${ZONES}enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw1: { platform: paloalto-panos }\n`,
      findings: ['WL304 policy.yaml:4:50'],
    },
    {
      name: 'a zone named as via',
      policy: `${ZONES.replace('via: dc-fw', 'via: ward')}enforcement:\n  core-sw1: { platform: cisco-ios }\n`,
      findings: ['WL304 policy.yaml:4:50'],
    },
    { name: 'no enforcement section at all', policy: ZONES, findings: ['WL304 policy.yaml:3:52', 'WL304 policy.yaml:4:50'] },
    {
      name: 'a via misspelt in another file than the enforcement points',
      policy: { 'zones.yaml': ZONES.replace('via: core-sw1', 'via: core-sw-1'), 'enforcement.yaml': 'enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw: { platform: paloalto-panos }\n' },
      findings: ['WL304 zones.yaml:3:52'],
    },
  ],
});

describe('WL304 messages', () => {
  it('name the zone and the via, suggest the close enforcement point and say what to do', () => {
    const [d] = diagnose({ 'zones.yaml': ZONES.replace('via: core-sw1', 'via: core-sw-1'), 'enforcement.yaml': 'enforcement:\n  core-sw1: { platform: cisco-ios }\n  dc-fw: { platform: paloalto-panos }\n' });
    expect(d?.message).toBe('zone "ward" is routed via "core-sw-1", which is not an enforcement point');
    expect(d?.hint).toBe('Did you mean "core-sw1"? Define "core-sw-1" under enforcement:, or route the zone via an existing enforcement point.');
    expect(d?.range).toEqual({ start: { line: 2, col: 51 }, end: { line: 2, col: 60 } });
  });
});
