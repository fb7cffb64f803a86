import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const guardrail = (from: string, to: string) => `guardrails:
  - id: g
    never: { from: "${from}", to: "${to}" }
    why: test
`;

testCheck('unused-label', {
  valid: [
    { name: 'labels carried by a zone and by a group', policy: BASE + guardrail('label:untrusted', 'label:medical') },
    { name: 'a label defined but never referenced', policy: BASE.replace('[untrusted]', '[untrusted, wifi]') },
    {
      name: 'a label defined in another file',
      policy: { 'policy.yaml': BASE.replace('    labels: [medical]\n  pump-server', '  pump-server'), 'more.yaml': `groups:\n  ventilators: { zone: ward, addresses: [10.20.2.0/24], labels: [life-critical] }\n${guardrail('label:untrusted', 'label:life-critical')}` },
    },
  ],
  invalid: [
    { name: 'a misspelt label in a guardrail', policy: BASE + guardrail('label:untrustd', 'label:medical'), findings: ['WL306 policy.yaml:32:20'] },
    {
      name: 'labels in a flow and in an expectation',
      policy: `${BASE}flows:
  - id: f
    from: "label:servers"
    to: pumps
    services: [https]
    why: test
    owner: biomed@example.org
expect:
  - cannot: { from: "label:guest", to: pumps }
`,
      findings: ['WL306 policy.yaml:32:11', 'WL306 policy.yaml:38:21'],
    },
  ],
});

describe('WL306 messages', () => {
  it('say the label means no address, and suggest the close label', () => {
    const [d] = diagnose(BASE + guardrail('label:untrustd', 'label:medical'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('"label:untrustd" matches no zone or group, so it means no address at all');
    expect(d?.hint).toBe('Did you mean "label:untrusted"? Add the label to the zones or groups it should mean, or fix the reference.');
  });
});
