import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

/** Zones on one switch, one per subnets list; each zone gets its own VLAN. */
const zones = (...subnets: string[]) =>
  `zones:\n${subnets.map((s, i) => `  z${i + 1}: { vlan: ${i + 10}, subnets: [${s}], via: sw1 }\n`).join('')}enforcement:\n  sw1: { platform: cisco-ios }\n`;

testCheck('zone-overlap', {
  valid: [
    { name: 'adjacent prefixes', policy: zones('10.20.0.0/25', '10.20.0.128/25') },
    { name: 'IPv4 and IPv6 never overlap', policy: zones('10.20.0.0/16', 'fd00:20::/64') },
    { name: 'the IPv6 form of an IPv4 address is another address', policy: zones('10.20.0.0/16', '::ffff:10.20.0.0/112'), others: ['WL408 policy.yaml:4:29'] },
    { name: 'one zone with nested subnets of its own', policy: zones('10.20.0.0/16, 10.20.4.0/24') },
    { name: 'the last IPv4 /24 and the first IPv6 prefix', policy: zones('255.255.255.0/24', '::/112') },
  ],
  invalid: [
    { name: 'a /24 inside a /22', policy: zones('10.20.0.0/22', '172.16.0.0/16, 10.20.3.0/24'), findings: ['WL402 policy.yaml:4:44'] },
    { name: 'identical subnets', policy: zones('10.20.0.0/22', '10.20.0.0/22'), findings: ['WL402 policy.yaml:4:29'] },
    { name: 'IPv6: a /64 inside a /48', policy: zones('fd00:20::/48', 'fd00:20:0:7::/64'), findings: ['WL402 policy.yaml:4:29'] },
    {
      name: 'three nested zones: each reported against the one just around it',
      policy: zones('10.0.0.0/8', '10.20.0.0/16', '10.20.30.0/24'),
      findings: ['WL402 policy.yaml:4:29', 'WL402 policy.yaml:5:29'],
    },
    {
      name: 'zones in two files',
      policy: { 'a.yaml': zones('10.20.0.0/22'), 'b.yaml': 'zones:\n  lab: { vlan: 300, subnets: [10.20.2.0/23], via: sw1 }\n' },
      findings: ['WL402 b.yaml:3:31'],
    },
  ],
});

describe('WL402 messages', () => {
  it('name both subnets and zones, and point at the other in the related location', () => {
    const [d] = diagnose({ 'a.yaml': zones('10.20.0.0/22'), 'b.yaml': 'zones:\n  lab: { vlan: 300, subnets: [10.20.2.0/23], via: sw1 }\n' });
    expect(d?.message).toBe('subnet 10.20.2.0/23 of zone "lab" overlaps 10.20.0.0/22 of zone "z1"');
    expect(d?.hint).toContain('An address belongs to exactly one zone');
    expect(d?.related).toEqual([
      { message: 'zone "z1" claims 10.20.0.0/22 here', file: 'a.yaml', range: { start: { line: 2, col: 28 }, end: { line: 2, col: 40 } } },
    ]);
  });
});
