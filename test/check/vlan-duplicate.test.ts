import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const EP = 'enforcement:\n  sw1: { platform: cisco-ios }\n  sw2: { platform: arista-eos }\n';
const zone = (name: string, vlan: number, net: number, via = 'sw1') =>
  `  ${name}: { vlan: ${vlan}, subnets: [10.${net}.0.0/16], via: ${via} }\n`;

testCheck('vlan-duplicate', {
  valid: [
    { name: 'distinct ids on one switch', policy: `zones:\n${zone('ward', 120, 20)}${zone('dc', 500, 50)}${EP}` },
    { name: 'VLAN 120 reused on a different enforcement point', policy: `zones:\n${zone('ward4', 120, 20)}${zone('ward5', 120, 30, 'sw2')}${EP}` },
  ],
  invalid: [
    { name: 'two zones, one id, one switch', policy: `zones:\n${zone('ward', 120, 20)}${zone('lab', 120, 30)}${EP}`, findings: ['WL405 policy.yaml:4:16'] },
    {
      name: 'three zones, one id: both later ones reported',
      policy: `zones:\n${zone('ward', 120, 20)}${zone('lab', 120, 30)}${zone('dc', 120, 50)}${EP}`,
      findings: ['WL405 policy.yaml:4:16', 'WL405 policy.yaml:5:15'],
    },
    {
      name: 'zones in two files',
      policy: { 'a.yaml': `zones:\n${zone('ward', 120, 20)}${EP}`, 'b.yaml': `zones:\n${zone('ward5', 120, 30)}` },
      findings: ['WL405 b.yaml:3:18'],
    },
  ],
});

describe('WL405 messages', () => {
  it('name both zones, the id and the enforcement point, with the first zone as related location', () => {
    const [d] = diagnose({ 'a.yaml': `zones:\n${zone('ward', 120, 20)}${EP}`, 'b.yaml': `zones:\n${zone('ward5', 120, 30)}` });
    expect(d?.message).toBe('zone "ward5" uses VLAN 120, which zone "ward" already uses on "sw1"');
    expect(d?.related).toEqual([
      { message: 'zone "ward" takes VLAN 120 here', file: 'a.yaml', range: { start: { line: 2, col: 16 }, end: { line: 2, col: 19 } } },
    ]);
  });
});
