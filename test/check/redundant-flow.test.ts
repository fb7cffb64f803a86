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
      name: 'c = a ∪ b after a and b: only c, not a and b as well',
      policy: flows(flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'pumps', 'pump-server', '[ssh]'), flow('c', 'pumps', 'pump-server', '[https, ssh]')),
      findings: ['WL502 policy.yaml:43:9'],
    },
    {
      name: 'c = a ∪ b before a and b: a and b, each covered by c, and not c',
      policy: flows(flow('c', 'pumps', 'pump-server', '[https, ssh]'), flow('a', 'pumps', 'pump-server', '[https]'), flow('b', 'pumps', 'pump-server', '[ssh]')),
      findings: ['WL502 policy.yaml:37:9', 'WL502 policy.yaml:43:9'],
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
    expect(d?.message).toBe('flow "narrow" allows nothing that flow "broad" (a.yaml:3) does not already allow');
    expect(d?.related.map((r) => `${r.file}:${r.range.start.line + 1}`)).toEqual(['a.yaml:3']);
  });

  it('list every covering flow when it takes several', () => {
    const [d] = diagnose(flows(flow('web', 'ward', 'pump-server', '[https]'), flow('ssh', 'ward', 'pump-server', '[ssh]'), flow('pumps', 'pumps', 'pump-server', '[https, ssh]')));
    expect(d?.message).toBe('flow "pumps" allows nothing that flows "web" (policy.yaml:31) and "ssh" (policy.yaml:37) together do not already allow');
    expect(d?.related).toHaveLength(2);
  });

  it('name a fewest set of covering flows, not every overlapping one', () => {
    // "wide" alone covers "narrow"; "web" and "ssh" overlap it too but are not needed.
    const policy = flows(
      flow('web', 'pumps', 'pump-server', '[https]'),
      flow('ssh', 'pumps', 'pump-server', '[ssh]'),
      flow('wide', 'ward', 'pump-server', '[https, ssh, tcp/8443]'),
      flow('narrow', 'pumps', 'pump-server', '[https, ssh]'),
    );
    const findings = diagnose(policy).filter((d) => d.code === 'WL502');
    expect(findings.map((d) => d.message)).toEqual([
      'flow "web" allows nothing that flow "wide" (policy.yaml:43) does not already allow',
      'flow "ssh" allows nothing that flow "wide" (policy.yaml:43) does not already allow',
      'flow "narrow" allows nothing that flow "wide" (policy.yaml:43) does not already allow',
    ]);
    // Of three flows that need each other, only the ones that can be left out are named.
    const three = flows(
      flow('a', 'pumps', 'pump-server', '[https]'),
      flow('b', 'pumps', 'pump-server', '[ssh]'),
      flow('ab', 'pumps', 'pump-server', '[https, ssh]'),
      flow('abc', 'pumps', 'pump-server', '[https, ssh, tcp/8443]'),
      flow('c', 'pumps', 'pump-server', '[tcp/8443]'),
    );
    expect(diagnose(three).filter((d) => d.code === 'WL502').map((d) => d.message)).toEqual([
      'flow "a" allows nothing that flow "abc" (policy.yaml:49) does not already allow',
      'flow "b" allows nothing that flow "abc" (policy.yaml:49) does not already allow',
      'flow "ab" allows nothing that flow "abc" (policy.yaml:49) does not already allow',
      'flow "c" allows nothing that flow "abc" (policy.yaml:49) does not already allow',
    ]);
  });

  it('report flows that can all be removed together without changing what is allowed', () => {
    const policy = flows(
      flow('a', 'pumps', 'pump-server', '[https]'),
      flow('b', 'pumps', 'pump-server', '[ssh]'),
      flow('c', 'pumps', 'pump-server', '[https, ssh]'),
      flow('d', 'pumps', 'pump-server', '[https]'),
    );
    expect(diagnose(policy).filter((d) => d.code === 'WL502').map((d) => d.message)).toEqual([
      'flow "c" allows nothing that flows "a" (policy.yaml:31) and "b" (policy.yaml:37) together do not already allow',
      'flow "d" allows nothing that flow "a" (policy.yaml:31) does not already allow',
    ]);
  });
});
