import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const ZONES = `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22], via: sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
enforcement:
  sw1: { platform: cisco-ios }
`;

const flow = (id: string, service: string) => `  - id: ${id}
    from: ward
    to: dc
    services: [${service}]
`;

testCheck('duplicate-name', {
  valid: [
    {
      name: 'one name in different namespaces: a service, a flow, a guardrail and an enforcement point named like a zone',
      policy: `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22], via: dc }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: dc }
enforcement:
  dc: { platform: cisco-ios }
services:
  dc: [tcp/8443]
flows:
${flow('dc', 'dc')}guardrails:
  - id: dc
    never: { from: dc, to: ward }
    why: The data centre never starts connections into the ward
expect:
  - id: dc
    can: { from: ward, to: dc, service: dc }
`,
    },
    {
      name: 'flows with distinct ids in two files',
      policy: { 'zones.yaml': ZONES, 'a.yaml': `flows:\n${flow('ward-to-dc-https', 'https')}`, 'b.yaml': `flows:\n${flow('ward-to-dc-ssh', 'ssh')}` },
    },
  ],
  invalid: [
    {
      name: 'a group named like a zone in another file',
      policy: { 'zones.yaml': ZONES, 'groups.yaml': 'groups:\n  dc: { zone: dc, addresses: [10.50.0.20] }\n' },
      findings: ['WL302 groups.yaml:3:3'],
    },
    {
      name: 'a group named like a zone in an earlier file: the zone is kept, so its groups resolve',
      policy: {
        'groups.yaml': 'groups:\n  lab: { zone: lab, addresses: [10.30.0.0/25] }\n  lab-pcs: { zone: lab, addresses: [10.30.0.128/25] }\n',
        'zones.yaml': ZONES.replace('enforcement:', '  lab: { vlan: 300, subnets: [10.30.0.0/24], via: sw1 }\nenforcement:'),
      },
      findings: ['WL302 zones.yaml:5:3'],
    },
    {
      name: 'a zone and a group of one name in one file, the group first',
      policy: `groups:\n  ward: { zone: ward }\n${ZONES}`,
      findings: ['WL302 policy.yaml:5:3'],
    },
    {
      name: 'a zone defined in two files',
      policy: { 'zones.yaml': ZONES, 'more-zones.yaml': 'zones:\n  ward: { vlan: 121, subnets: [10.21.0.0/22], via: sw1 }\n' },
      findings: ['WL302 more-zones.yaml:3:3'],
    },
    {
      name: 'a flow id used twice in one file',
      policy: `${ZONES}flows:\n${flow('ward-to-dc', 'https')}${flow('ward-to-dc', 'ssh')}`,
      findings: ['WL302 policy.yaml:12:9'],
    },
    {
      name: 'a flow id used in two files',
      policy: { 'zones.yaml': ZONES, 'a.yaml': `flows:\n${flow('ward-to-dc', 'https')}`, 'b.yaml': `flows:\n${flow('ward-to-dc', 'ssh')}` },
      findings: ['WL302 b.yaml:3:9'],
    },
    {
      name: 'a service redefining the standard catalog',
      policy: `${ZONES}services:\n  https: [tcp/8443]\n`,
      findings: ['WL302 policy.yaml:8:3'],
    },
    {
      name: 'an enforcement point in two files, a guardrail id and an expectation id twice',
      policy: {
        'zones.yaml': ZONES,
        'edge.yaml': `enforcement:
  sw1: { platform: arista-eos }
guardrails:
  - { id: g, never: { from: ward, to: dc }, why: first }
  - { id: g, never: { from: dc, to: ward }, why: second }
expect:
  - { id: e, cannot: { from: ward, to: dc } }
  - { id: e, cannot: { from: dc, to: ward } }
`,
      },
      // Each duplicate at its id, where the fix goes (an expectation's too, not its can/cannot).
      findings: ['WL302 edge.yaml:3:3', 'WL302 edge.yaml:6:11', 'WL302 edge.yaml:9:11'],
    },
  ],
});

describe('WL302 messages', () => {
  it('name both places: the second definition is the finding, the first its related location in the other file', () => {
    const [d] = diagnose({ 'zones.yaml': ZONES, 'groups.yaml': 'groups:\n  dc: { zone: dc, addresses: [10.50.0.20] }\n' });
    expect(d?.message).toContain('"dc"');
    expect(d?.hint).toContain('zones and groups share one namespace');
    expect(d?.related).toEqual([
      { message: '"dc" is first defined here as a zone', file: 'zones.yaml', range: { start: { line: 3, col: 2 }, end: { line: 3, col: 4 } } },
    ]);
    expect(d?.message).toBe('group "dc" has the name of the zone defined at zones.yaml:4');
  });

  it('point a duplicate expectation id at the second id, and name the first one\'s file:line', () => {
    const [d] = diagnose({
      'zones.yaml': ZONES,
      'a.yaml': 'expect:\n  - id: e\n    cannot: { from: ward, to: dc }\n',
      'b.yaml': 'expect:\n  - cannot: { from: dc, to: ward }\n    id: e\n',
    });
    expect(`${d?.file}:${(d?.range.start.line ?? 0) + 1}:${(d?.range.start.col ?? 0) + 1}`).toBe('b.yaml:4:9');
    expect(d?.message).toBe('expectation "e" is defined twice; the first is at a.yaml:3');
    expect(d?.related.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.col + 1}`)).toEqual(['a.yaml:3:9']);
  });

  it('say a standard service is taken by the catalog, and point at the catalog', () => {
    const [d] = diagnose(`${BASE}services:\n  https: [tcp/8443]\n`);
    expect(d?.message).toBe('service "https" is already defined by the standard catalog');
    expect(d?.hint).toBe('Use the standard "https" as it is, or give your service another name.');
    expect(d?.related[0]?.file).toBe('wardline:standard-services.yaml');
  });
});
