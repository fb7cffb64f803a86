import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (from: string, to: string) => `${BASE}flows:
  - id: f
    from: ${from}
    to: ${to}
    services: [https]
    why: test
    owner: biomed@example.org
`;

testCheck('same-source-destination', {
  valid: [
    { name: 'a group to its own zone', policy: flow('pumps', 'ward'), others: ['WL503 policy.yaml:31:9'] },
    { name: 'two groups', policy: flow('pumps', 'pump-server') },
    { name: 'a prefix to a host inside it', policy: flow('"fd00:20::/64"', '"fd00:20::1"'), others: ['WL503 policy.yaml:31:9'] },
  ],
  invalid: [
    { name: 'one group both sides', policy: flow('pumps', 'pumps'), findings: ['WL503 policy.yaml:31:9', 'WL507 policy.yaml:31:9'] },
    { name: 'one list in another order', policy: flow('[pump-server, guest]', '[guest, pump-server]'), findings: ['WL507 policy.yaml:31:9'] },
    { name: 'one IPv6 prefix written two ways', policy: flow('"fd00:20::100/120"', '"FD00:0020::0100/120"'), findings: ['WL503 policy.yaml:31:9', 'WL507 policy.yaml:31:9'] },
    { name: 'any to any', policy: flow('any', 'any'), findings: ['WL507 policy.yaml:31:9'] },
  ],
});

describe('WL507 messages', () => {
  it('name the flow and the endpoints', () => {
    const [d] = diagnose(flow('[pump-server, guest]', '[guest, pump-server]'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('flow "f" has the same source and destination (pump-server, guest)');
    expect(d?.hint).toContain('check the from and to of this flow');
  });
});
