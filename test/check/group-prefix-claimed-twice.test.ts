import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const ZONES = `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22, fd00:20::/64], via: sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
enforcement:
  sw1: { platform: cisco-ios }
groups:
`;
const group = (name: string, body: string) => `  ${name}: { ${body} }\n`;

testCheck('group-prefix-claimed-twice', {
  valid: [
    { name: 'a /28 group inside a /24 group', policy: ZONES + group('pumps', 'zone: ward, addresses: [10.20.1.0/24]') + group('pca-pumps', 'zone: ward, addresses: [10.20.1.16/28]') },
    { name: 'an IPv6 /124 inside an IPv6 /120', policy: ZONES + group('pumps', 'zone: ward, addresses: [fd00:20::100/120]') + group('pca-pumps', 'zone: ward, addresses: [fd00:20::110/124]') },
    { name: 'a whole-zone group and a group inside it', policy: ZONES + group('ward-devices', 'zone: ward') + group('pumps', 'zone: ward, addresses: [10.20.1.0/24]') },
    { name: 'whole-zone groups of two zones', policy: ZONES + group('ward-devices', 'zone: ward') + group('servers', 'zone: dc') },
    { name: 'one group listing a prefix twice', policy: ZONES + group('pumps', 'zone: ward, addresses: [10.20.1.0/24, 10.20.1.0/24]') },
  ],
  invalid: [
    {
      name: 'two groups, one /24',
      policy: ZONES + group('pumps', 'zone: ward, addresses: [10.20.1.0/24]') + group('monitors', 'zone: ward, addresses: [10.20.1.0/24]'),
      findings: ['WL407 policy.yaml:9:39'],
    },
    {
      name: 'one IPv6 prefix written two ways',
      policy: ZONES + group('pumps', 'zone: ward, addresses: [fd00:20::100/120]') + group('monitors', 'zone: ward, addresses: [FD00:20:0::100/120]'),
      findings: ['WL407 policy.yaml:9:39'],
    },
    {
      name: 'one host, with and without /32',
      policy: ZONES + group('pump-server', 'zone: dc, addresses: [10.50.0.20]') + group('pacs', 'zone: dc, addresses: [10.50.0.20/32]'),
      findings: ['WL407 policy.yaml:9:33'],
    },
    {
      name: 'two whole-zone groups of one zone: both subnets',
      policy: ZONES + group('ward-devices', 'zone: ward') + group('ward-all', 'zone: ward'),
      findings: ['WL407 policy.yaml:9:3', 'WL407 policy.yaml:9:3'],
    },
    {
      name: 'a whole-zone group and a group listing the zone subnet',
      policy: ZONES + group('servers', 'zone: dc') + group('pacs', 'zone: dc, addresses: [10.50.0.0/24]'),
      findings: ['WL407 policy.yaml:9:33'],
    },
    {
      name: 'groups in two files',
      policy: { 'a.yaml': ZONES + group('pumps', 'zone: ward, addresses: [10.20.1.0/24]'), 'b.yaml': `groups:\n${group('monitors', 'zone: ward, addresses: [10.20.1.0/24]')}` },
      findings: ['WL407 b.yaml:3:39'],
    },
  ],
});

describe('WL407 messages', () => {
  it('name both groups and the prefix, and point at the first claim', () => {
    const [d] = diagnose({ 'a.yaml': ZONES + group('pumps', 'zone: ward, addresses: [10.20.1.0/24]'), 'b.yaml': `groups:\n${group('monitors', 'zone: ward, addresses: [10.20.1.0/24]')}` });
    expect(d?.message).toBe('groups "pumps" and "monitors" both claim 10.20.1.0/24');
    expect(d?.hint).toContain('give each group its own prefix, or merge the two groups');
    expect(d?.related).toEqual([
      { message: 'group "pumps" claims 10.20.1.0/24 here', file: 'a.yaml', range: { start: { line: 7, col: 35 }, end: { line: 7, col: 47 } } },
    ]);
  });

  it('say a group without addresses claims the whole zone', () => {
    const [d] = diagnose(ZONES + group('servers', 'zone: dc') + group('dc-all', 'zone: dc'));
    expect(d?.message).toBe('groups "servers" and "dc-all" both claim 10.50.0.0/24 (all of zone "dc")');
  });
});
