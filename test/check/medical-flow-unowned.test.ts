import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (to: string, from = 'pump-server', extra = '') => `${BASE}flows:
  - id: f
    from: ${from}
    to: ${to}
    services: [https]
${extra}`;

testCheck('medical-flow-unowned', {
  valid: [
    { name: 'into a medical group with owner and why', policy: flow('pumps', 'pump-server', '    why: Event logs\n    owner: biomed@example.org\n') },
    { name: 'out of a medical group, nothing medical reached', policy: flow('pump-server', 'pumps') },
    { name: 'to a host in no medical zone or group', policy: flow('guest', 'pump-server') },
    { name: 'to an IPv6 address outside the medical prefixes', policy: flow('"fd00:99::1"', 'pumps') },
  ],
  invalid: [
    { name: 'into a medical group, no owner and no why', policy: flow('pumps'), findings: ['WL506 policy.yaml:31:9'] },
    { name: 'an owner but no why', policy: flow('pumps', 'pump-server', '    owner: biomed@example.org\n'), findings: ['WL506 policy.yaml:31:9'] },
    { name: 'into a medical zone by label', policy: flow('"label:medical"', 'pump-server', '    why: Event logs\n'), findings: ['WL506 policy.yaml:31:9'] },
    { name: 'to an address inside a medical group', policy: flow('10.20.1.7'), findings: ['WL506 policy.yaml:31:9'] },
    { name: 'to an IPv6 address inside a medical zone', policy: flow('"fd00:20::5"', '"fd00:20::6"'), findings: ['WL503 policy.yaml:31:9', 'WL506 policy.yaml:31:9'] },
    { name: 'to any', policy: flow('any'), findings: ['WL506 policy.yaml:31:9'] },
  ],
});

describe('WL506 messages', () => {
  it('say which of owner and why are missing, and what to write', () => {
    const [both] = diagnose(flow('pumps'));
    expect(both?.severity).toBe('warning');
    expect(both?.message).toBe('flow "f" reaches devices labelled medical but has no owner and no why');
    expect(both?.hint).toContain('owner: a team mailbox');
    expect(diagnose(flow('pumps', 'pump-server', '    owner: biomed@example.org\n'))[0]?.message).toBe('flow "f" reaches devices labelled medical but has no why');
    expect(diagnose(flow('pumps', 'pump-server', '    why: Event logs\n'))[0]?.message).toBe('flow "f" reaches devices labelled medical but has no owner');
  });
});
