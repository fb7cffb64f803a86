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

testCheck('expiring-soon', {
  valid: [
    { name: 'no expiry', policy: expiring('x').replace('    expires: x\n', '') },
    { name: 'a flow expiring in 15 days', policy: expiring('2026-12-13') },
    { name: 'expired yesterday (WL504, not WL505)', policy: expiring('2026-11-27'), others: ['WL504 policy.yaml:35:14'] },
  ],
  invalid: [
    { name: 'in 14 days', policy: expiring('2026-12-12'), findings: ['WL505 policy.yaml:35:14'] },
    { name: 'tomorrow', policy: expiring('2026-11-29'), findings: ['WL505 policy.yaml:35:14'] },
    { name: 'today', policy: expiring('2026-11-28'), findings: ['WL505 policy.yaml:35:14'] },
    { name: 'across the new year', policy: expiring('2027-01-03'), today: '2026-12-25', findings: ['WL505 policy.yaml:35:14'] },
  ],
});

describe('WL505 messages', () => {
  it('say when, in words people use, and give the date', () => {
    const at = (date: string) => diagnose(expiring(date))[0];
    expect(at('2026-12-12')?.message).toBe('flow "vendor-support" expires in 14 days (2026-12-12)');
    expect(at('2026-11-29')?.message).toBe('flow "vendor-support" expires tomorrow (2026-11-29)');
    expect(at('2026-11-28')?.message).toBe('flow "vendor-support" expires today (2026-11-28)');
    expect(at('2026-11-28')?.severity).toBe('info');
    expect(at('2026-11-28')?.hint).toContain('Renew it with a new expires date');
  });
});
