import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (from: string, to: string, services: string) => `flows:
  - id: vendor-support
    from: ${from}
    to: ${to}
    services: ${services}
    why: test
    owner: biomed@example.org
`;
const GUARDRAIL = `guardrails:
  - id: no-guest-ssh-to-pumps
    never: { from: guest, to: pumps, services: [ssh] }
    why: test
    exceptions:
      - flow: vendor-support
        why: Contract 2026-114
`;

testCheck('needless-exception', {
  valid: [
    { name: 'the excepted flow crosses the guardrail', policy: BASE + flow('guest', 'pumps', '[ssh]') + GUARDRAIL },
    { name: 'it crosses with a part of its services', policy: BASE + flow('guest', 'pumps', '[ssh, https]') + GUARDRAIL },
    {
      name: 'no cascade from a misspelt guardrail endpoint: WL301 alone',
      policy: BASE + flow('guest', 'pumps', '[ssh]') + GUARDRAIL.replace('from: guest,', 'from: gust,'),
      others: ['WL301 policy.yaml:39:20'],
    },
    {
      name: 'no cascade from a misspelt flow service or a label nothing carries',
      policy: BASE + flow('guest', 'pumps', '[shh]') + GUARDRAIL.replace('from: guest,', 'from: "label:untrustd",'),
      others: ['WL301 policy.yaml:34:16', 'WL306 policy.yaml:39:20'],
    },
    { name: 'it crosses over IPv6 only', policy: BASE.replace('[172.16.0.0/16]', '[172.16.0.0/16, fd00:90::/64]') + flow('"fd00:90::5"', 'pumps', '[any]') + GUARDRAIL },
  ],
  invalid: [
    { name: 'a service the guardrail allows', policy: BASE + flow('guest', 'pumps', '[https]') + GUARDRAIL, findings: ['WL509 policy.yaml:42:15'] },
    { name: 'the other direction', policy: BASE + flow('pumps', 'guest', '[ssh]') + GUARDRAIL, findings: ['WL509 policy.yaml:42:15'] },
    {
      name: 'the flow in another file, to a host outside the group',
      policy: { 'policy.yaml': BASE + GUARDRAIL, 'flows.yaml': flow('guest', '10.20.2.9', '[ssh]') },
      findings: ['WL509 policy.yaml:35:15'],
    },
  ],
});

describe('WL509 messages', () => {
  it('name the guardrail and the flow, point at the flow, and say to remove the exception', () => {
    const [d] = diagnose({ 'policy.yaml': BASE + GUARDRAIL, 'flows.yaml': flow('guest', '10.20.2.9', '[ssh]') });
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('guardrail "no-guest-ssh-to-pumps" excepts flow "vendor-support", which does not cross it');
    expect(d?.hint).toContain('Remove the exception');
    expect(d?.related).toEqual([
      { message: 'flow "vendor-support" is defined here', file: 'flows.yaml', range: { start: { line: 2, col: 8 }, end: { line: 2, col: 22 } } },
    ]);
  });
});
