import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const expiring = (date: string) => `${BASE}flows:
  - id: vendor-support
    from: guest
    to: pump-server
    services: [ssh]
    expires: ${date}
`;

testCheck('expired-flow', {
  valid: [
    { name: 'no expiry', policy: expiring('x').replace('    expires: x\n', '') },
    { name: 'expires in a month', policy: expiring('2026-12-31') },
    { name: 'expires today: still live', policy: expiring('2026-11-28'), others: ['WL505 policy.yaml:35:14'] },
    { name: 'expired by the calendar, but checked as of an earlier day', policy: expiring('2026-06-30'), today: '2026-06-01' },
  ],
  invalid: [
    { name: 'expired yesterday', policy: expiring('2026-11-27'), findings: ['WL504 policy.yaml:35:14'] },
    { name: 'expired last year', policy: expiring('2025-01-31'), findings: ['WL504 policy.yaml:35:14'] },
    {
      name: 'an expired flow gets only the expiry warning, not the warnings of a live flow',
      // Into a medical group without owner or why (WL506), from and to the same group (WL507), inside one zone (WL503).
      policy: `${BASE}flows:\n  - { id: old, from: pumps, to: pumps, services: [ssh], expires: 2026-01-31 }\n`,
      findings: ['WL504 policy.yaml:31:66'],
    },
    { name: 'across a leap day', policy: expiring('2028-02-29'), today: '2028-03-01', findings: ['WL504 policy.yaml:35:14'] },
  ],
});

describe('WL504 messages', () => {
  it('name the flow and the date, say it allows nothing, and point at the date', () => {
    const [d] = diagnose(expiring('2026-11-27'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('flow "vendor-support" expired on 2026-11-27: it is not rendered and allows nothing');
    expect(d?.hint).toContain('renew it with a new expires date');
    expect(d?.range).toEqual({ start: { line: 34, col: 13 }, end: { line: 34, col: 23 } });
  });
});
