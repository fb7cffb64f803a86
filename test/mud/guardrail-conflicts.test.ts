import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { guardrailConflicts } from '../../src/mud/guardrail-conflicts.js';
import { imported, mudJson } from './mud-builder.js';

// Issue 18, item 4: a MUD file that asks for what a guardrail forbids is reported at import, before anyone merges it.

const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.0.0.0/24], via: sw, labels: [medical] }
  dc: { vlan: 200, subnets: [10.1.0.0/24], via: sw }
groups:
  ntp: { zone: dc, addresses: [10.1.0.5] }
guardrails:
  - id: no-medical-to-external
    never: { from: "label:medical", to: external }
    why: Medical devices do not initiate to the internet.
enforcement:
  sw: { platform: cisco-ios }
`;
const sources = [{ path: 'p.yaml', text: POLICY }];
const policy = loadPolicy(sources, { today: '2026-01-01' }).policy;
const cloud = { name: 'cloud', matches: { ipv4: { protocol: 6, 'destination-ipv4-network': '203.0.113.0/24' }, tcp: { 'destination-port': { operator: 'eq', port: 8777 } } } };
const time = { name: 'time', matches: { ipv4: { protocol: 17, 'destination-ipv4-network': '10.1.0.5/32' }, udp: { 'destination-port': { operator: 'eq', port: 123 } } } };
/** 1-based line and column of an ACE's "name" key in the file. */
const placeOf = (json: string, name: string) => {
  const lines = json.split('\n');
  const line = lines.findIndex((l) => l.includes(`"name": "${name}"`));
  return { line: line + 1, col: lines[line]!.indexOf('"name"') + 1 };
};

describe('guardrail conflicts of imported flows', () => {
  it('a device in a medical zone that wants the internet: reported at the ACE, naming the guardrail and its line', () => {
    const json = mudJson([cloud, time], []);
    const run = imported(json, { policy, zone: 'ward' });
    expect(run.problems).toEqual([]);
    const conflicts = guardrailConflicts(sources, run, '2026-01-01');
    expect(conflicts).toEqual([
      {
        file: 'device.json',
        ...placeOf(json, 'cloud'),
        where: 'acl "from" ace "cloud"',
        reason: 'flow pumps-mud-1 would allow tcp/8777 from pumps to 203.0.113.0/24, which guardrail "no-medical-to-external" (p.yaml:8:9) forbids (WL501 once merged): Medical devices do not initiate to the internet. Leave the connection out, narrow it, or list the flow under the guardrail\'s exceptions with a why',
        counts: true,
        kind: 'conflict',
      },
    ]);
  });

  it('a device that calls its cloud by DNS name: the external is outside every zone, so the same guardrail catches it', () => {
    const vendor = { name: 'vendor', matches: { ipv4: { protocol: 6, 'ietf-acldns:dst-dnsname': 'tech.carematix.com' }, tcp: { 'destination-port': { operator: 'eq', port: 8777 } } } };
    const json = mudJson([time, vendor], []);
    const run = imported(json, { policy, zone: 'ward' });
    expect(run.problems).toEqual([]);
    expect(guardrailConflicts(sources, run, '2026-01-01')).toEqual([
      {
        file: 'device.json',
        ...placeOf(json, 'vendor'),
        where: 'acl "from" ace "vendor"',
        reason: 'flow pumps-mud-2 would allow tcp/8777 from pumps to tech-carematix-com (tech.carematix.com), which guardrail "no-medical-to-external" (p.yaml:8:9) forbids (WL501 once merged): Medical devices do not initiate to the internet. Leave the connection out, narrow it, or list the flow under the guardrail\'s exceptions with a why',
        counts: true,
        kind: 'conflict',
      },
    ]);
  });

  it('the same device outside the medical zone, or with the flow excepted, conflicts with nothing', () => {
    const json = mudJson([cloud, time], []);
    expect(guardrailConflicts(sources, imported(json, { policy, zone: 'dc' }), '2026-01-01')).toEqual([]);
    const excepted = [{ path: 'p.yaml', text: POLICY.replace('    why: Medical devices do not initiate to the internet.\n', '    why: Medical devices do not initiate to the internet.\n    exceptions: [{ flow: pumps-mud-1, why: vendor cloud under contract 7 }]\n') }];
    const withException = loadPolicy(excepted, { today: '2026-01-01' }).policy;
    expect(guardrailConflicts(excepted, imported(json, { policy: withException, zone: 'ward' }), '2026-01-01')).toEqual([]);
  });

  it('a merge that does not load is said, at the imported YAML, instead of guessing', () => {
    const json = mudJson([{ name: 'ctl', matches: { 'ietf-mud:mud': { 'my-controller': [null] }, ipv4: { protocol: 6 }, tcp: { 'destination-port': { operator: 'eq', port: 443 } } } }], []);
    const run = imported(json, { policy, zone: 'ward', maps: ['my-controller=no-such-group'] });
    const [said, ...rest] = guardrailConflicts(sources, run, '2026-01-01', 'pumps.yaml');
    expect(rest).toEqual([]);
    expect(said).toMatchObject({ file: 'pumps.yaml', where: 'the imported YAML with --policy', kind: 'conflict', counts: true });
    expect(said!.reason).toMatch(/^"no-such-group" is not a group or zone of the policy: guardrails not checked/);
    expect(run.yaml.split('\n')[said!.line - 1]).toContain('to: no-such-group');
  });
});
