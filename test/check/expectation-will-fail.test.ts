import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const policy = (expires: string, expect = '  - can: { from: guest, to: pump-server, service: ssh }\n') => `${BASE}flows:
  - id: vendor-support
    from: guest
    to: pump-server
    services: [ssh]
    expires: ${expires}
  - id: steady
    from: guest
    to: pump-server
    services: [https]
expect:
${expect}`;

testCheck('expectation-will-fail', {
  valid: [
    { name: 'the flow it needs expires after the horizon', policy: policy('2026-12-31') },
    { name: 'it needs a flow that never expires', policy: policy('2026-12-01', '  - can: { from: guest, to: pump-server, service: https }\n'), others: ['WL505 policy.yaml:35:14'] },
    { name: 'a cannot that an expiry only makes truer', policy: policy('2026-12-01', '  - cannot: { from: pump-server, to: guest }\n'), others: ['WL505 policy.yaml:35:14'] },
  ],
  invalid: [
    { name: 'the flow it needs expires within the horizon', policy: policy('2026-12-01'), findings: ['WL505 policy.yaml:35:14', 'WL602 policy.yaml:41:5'] },
  ],
});

describe('WL602', () => {
  it('names the day it starts failing, the flow whose expiry causes it and why it fails then', () => {
    const [d] = diagnose(policy('2026-12-01')).filter((x) => x.code === 'WL602');
    expect(d?.message).toBe(
      'expectation holds today but fails from 2026-12-02, after flow "vendor-support" expires on 2026-12-01: guest cannot reach pump-server on ssh: 172.16.0.1 → 10.50.0.20 tcp/22 is denied by default (no live flow allows it); expired flow "vendor-support" (policy.yaml:31) would have allowed it until 2026-12-01',
    );
    expect(d?.severity).toBe('warning');
    expect(d?.related[0]?.message).toBe('flow "vendor-support" is live through 2026-12-01');
  });

  it('an expectation failing today is WL601 only; one far ahead appears once the horizon reaches it', () => {
    expect(diagnose(policy('2026-11-27')).map((d) => d.code)).toEqual(['WL504', 'WL601']);
    expect(diagnose(policy('2027-03-01')).map((d) => d.code)).toEqual([]);
    expect(diagnose(policy('2027-03-01'), '2026-11-28', { horizon: 100 }).map((d) => d.code).sort()).toEqual(['WL505', 'WL602']);
  });
});
