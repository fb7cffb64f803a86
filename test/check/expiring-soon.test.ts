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
  it('give the last live day and the first dead one, never a count of days that changes every morning', () => {
    const at = (date: string, today = '2026-11-28') => diagnose(expiring(date), today)[0];
    expect(at('2026-12-12')?.message).toBe('flow "vendor-support" expires on 2026-12-12, within the 14-day horizon: from 2026-12-13 it is not rendered and allows nothing');
    expect(at('2026-12-12', '2026-12-01')?.message).toBe(at('2026-12-12')?.message);
    expect(at('2026-11-28')?.severity).toBe('info');
    expect(at('2026-11-28')?.hint).toContain('Renew it with a new expires date');
    expect(at('2026-11-28')?.hint).toContain('compile --check fails until compiled again');
  });

  it('look as far ahead as the horizon', () => {
    const codes = (horizon: number) => diagnose(expiring('2027-01-27'), '2026-11-28', { horizon }).map((d) => d.code);
    expect(codes(59)).toEqual([]);
    expect(codes(60)).toEqual(['WL505']);
    expect(diagnose(expiring('2026-11-28'), '2026-11-28', { horizon: 0 }).map((d) => d.message)).toEqual([
      'flow "vendor-support" expires on 2026-11-28, within the 0-day horizon: from 2026-11-29 it is not rendered and allows nothing',
    ]);
  });
});
