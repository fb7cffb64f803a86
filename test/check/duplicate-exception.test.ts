import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const FLOWS = `flows:
  - { id: vendor-ssh, from: guest, to: pumps, services: [ssh], why: test, owner: biomed@example.org }
  - { id: vendor-https, from: guest, to: pumps, services: [https], why: test, owner: biomed@example.org }
`;
const guardrail = (...flows: string[]) => `guardrails:
  - id: no-guest-to-pumps
    never: { from: guest, to: pumps }
    why: test
    exceptions:
${flows.map((f) => `      - { flow: ${f}, why: Contract 2026-114 }\n`).join('')}`;

testCheck('duplicate-exception', {
  valid: [
    { name: 'two flows, each once', policy: BASE + FLOWS + guardrail('vendor-ssh', 'vendor-https') },
    {
      name: 'one flow excepted by two guardrails',
      policy: BASE + FLOWS + guardrail('vendor-ssh', 'vendor-https') + guardrail('vendor-ssh', 'vendor-https').replace('guardrails:\n', '').replace('no-guest-to-pumps', 'no-guest-to-pumps-2'),
    },
  ],
  invalid: [
    { name: 'the same flow twice', policy: BASE + FLOWS + guardrail('vendor-ssh', 'vendor-https', 'vendor-ssh'), findings: ['WL511 policy.yaml:40:17'] },
    {
      name: 'three times: the second and the third',
      policy: BASE + FLOWS + guardrail('vendor-ssh', 'vendor-ssh', 'vendor-https', 'vendor-ssh'),
      findings: ['WL511 policy.yaml:39:17', 'WL511 policy.yaml:41:17'],
    },
  ],
});

describe('WL511 messages', () => {
  it('name the guardrail, the flow and both places', () => {
    const [d] = diagnose(BASE + FLOWS + guardrail('vendor-ssh', 'vendor-https', 'vendor-ssh'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('guardrail "no-guest-to-pumps" lists flow "vendor-ssh" as an exception twice: here and at policy.yaml:38:17');
    expect(d?.related.map((r) => `${r.message} ${r.range.start.line + 1}:${r.range.start.col + 1}`)).toEqual(['flow "vendor-ssh" is first excepted here 38:17']);
    expect(d?.hint).toContain('Remove one of them');
  });
});
