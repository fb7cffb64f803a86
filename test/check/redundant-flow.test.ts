import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (id: string, from: string, to: string, services: string, extra = '') => `  - id: ${id}
    from: ${from}
    to: ${to}
    services: ${services}
    why: test
    owner: biomed@example.org
${extra}`;
const flows = (...list: string[]) => `${BASE}flows:\n${list.join('')}`;
/** The base policy with a dual-stack server. */
const DUAL = BASE.replace('subnets: [10.50.0.0/24]', 'subnets: [10.50.0.0/24, fd00:50::/64]').replace('[10.50.0.20]', '[10.50.0.20, fd00:50::20]');

testCheck('redundant-flow', {
  valid: [
    { name: 'same endpoints, different services', policy: flows(flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'pumps', 'pump-server', '[ssh]')) },
    {
      name: 'overlapping flows, neither covered',
      policy: flows(flow('a', 'pumps', 'pump-server', '[https, ssh]'), flow('b', 'ward', 'pump-server', '[https]')),
    },
    {
      name: 'an expired broader flow covers nothing',
      policy: flows(flow('old', 'ward', 'dc', '[any]', '    expires: 2026-11-01\n'), flow('a', 'pumps', 'pump-server', '[https]')),
      others: ['WL504 policy.yaml:37:14'],
    },
    {
      name: 'a broader IPv4-only flow does not cover a dual-stack one',
      policy: `${DUAL}flows:\n${flow('dual', 'pumps', 'pump-server', '[https]')}${flow('ward-v4', '10.20.0.0/22', 'pump-server', '[https]')}`,
    },
    { name: 'the opposite direction', policy: flows(flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'pump-server', 'pumps', '[https]')) },
  ],
  invalid: [
    {
      name: 'covered by one broader flow',
      policy: flows(flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'ward', 'pump-server', '[tcp/443-444]')),
      findings: ['WL502 policy.yaml:31:9'],
    },
    {
      name: 'identical flows: only the later one',
      policy: flows(flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'pumps', 'pump-server', '[tcp/443]')),
      findings: ['WL502 policy.yaml:37:9'],
    },
    {
      name: 'covered by two flows together, neither covered by it',
      policy: flows(flow('web', 'ward', 'pump-server', '[https]'), flow('ssh', 'ward', 'pump-server', '[ssh]'), flow('pumps', 'pumps', 'pump-server', '[https, ssh]')),
      findings: ['WL502 policy.yaml:43:9'],
    },
    {
      name: 'IPv6: a host inside a covered prefix',
      policy: `${DUAL}flows:\n${flow('v6', '"fd00:20::100/120"', 'pump-server', '[https]')}${flow('one', '"fd00:20::105"', '"fd00:50::20"', '[https]')}`,
      findings: ['WL502 policy.yaml:37:9'],
    },
    {
      name: 'flows in two files',
      policy: { 'policy.yaml': BASE, 'a.yaml': `flows:\n${flow('broad', 'ward', 'dc', '[any]')}`, 'b.yaml': `flows:\n${flow('narrow', 'pumps', 'pump-server', '[https]')}` },
      findings: ['WL502 b.yaml:3:9'],
    },
  ],
});

describe('WL502 messages', () => {
  it('name the flow and the flows that cover it, with their places', () => {
    const [d] = diagnose({ 'policy.yaml': BASE, 'a.yaml': `flows:\n${flow('broad', 'ward', 'dc', '[any]')}`, 'b.yaml': `flows:\n${flow('narrow', 'pumps', 'pump-server', '[https]')}` });
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('flow "narrow" allows nothing that flow "broad" does not already allow');
    expect(d?.related.map((r) => `${r.file}:${r.range.start.line + 1}`)).toEqual(['a.yaml:3']);
  });

  it('list every covering flow when it takes several', () => {
    const [d] = diagnose(flows(flow('web', 'ward', 'pump-server', '[https]'), flow('ssh', 'ward', 'pump-server', '[ssh]'), flow('pumps', 'pumps', 'pump-server', '[https, ssh]')));
    expect(d?.message).toBe('flow "pumps" allows nothing that flows "web", "ssh" do not already allow');
    expect(d?.related).toHaveLength(2);
  });
});
