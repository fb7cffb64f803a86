import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const FLOWS = `flows:
  - id: pumps-to-server
    from: pumps
    to: pump-server
    services: [https]
    why: Drug library updates
    owner: biomed@example.org
guardrails:
  - id: no-guest-to-medical
    never: { from: "label:untrusted", to: "label:medical" }
    why: Guest devices must never reach clinical equipment
`;
const policy = (expectations: string) => `${BASE}${FLOWS}expect:\n${expectations}`;

testCheck('expectation-failed', {
  valid: [
    { name: 'a can that a flow allows', policy: policy('  - can: { from: pumps, to: pump-server, service: https }\n') },
    { name: 'a cannot held by a guardrail', policy: policy('  - cannot: { from: guest, to: pumps }\n') },
    { name: 'a cannot held by default deny (only replies come back)', policy: policy('  - cannot: { from: pump-server, to: pumps }\n') },
  ],
  invalid: [
    { name: 'a can denied by default', policy: policy('  - can: { from: pump-server, to: pumps, service: https }\n'), findings: ['WL601 policy.yaml:42:5'] },
    { name: 'a can denied by a guardrail', policy: policy('  - can: { from: guest, to: pumps, service: https }\n'), findings: ['WL601 policy.yaml:42:5'] },
    { name: 'a cannot that a flow breaks', policy: policy('  - cannot: { from: pumps, to: pump-server }\n'), findings: ['WL601 policy.yaml:42:5'] },
    {
      name: 'expectations in their own file',
      policy: { 'policy.yaml': `${BASE}${FLOWS}`, 'expect.yaml': 'expect:\n  - can: { from: pumps, to: pump-server, service: https }\n  - cannot: { from: pumps, to: pump-server, service: https }\n' },
      findings: ['WL601 expect.yaml:4:5'],
    },
  ],
});

describe('WL601 messages', () => {
  it('name the expectation and the intent that decided the opposite, with its file:line', () => {
    const [byGuardrail] = diagnose(policy('  - can: { from: guest, to: pumps, service: https }\n'));
    expect(byGuardrail?.message).toBe(
      'expectation fails: guest cannot reach pumps on https: 172.16.0.1 → 10.20.1.1 tcp/443 is denied by guardrail "no-guest-to-medical" (policy.yaml:38)',
    );
    const [byFlow] = diagnose(policy('  - cannot: { from: pumps, to: pump-server }\n'));
    expect(byFlow?.message).toBe(
      'expectation fails: pumps can reach pump-server: 10.20.1.1 → 10.50.0.20 tcp/443 is allowed by flow "pumps-to-server" (policy.yaml:31)',
    );
  });
});
