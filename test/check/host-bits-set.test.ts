import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (from: string, to: string) => `flows:
  - id: f
    from: ${from}
    to: ${to}
    services: [https]
    why: test
    owner: biomed@example.org
`;

testCheck('host-bits-set', {
  valid: [
    { name: 'networks, hosts without a length, /32 and /128', policy: BASE + flow('[10.20.1.7, 10.20.1.8/32, fd00:20::100/128]', '[10.50.0.0/24, fd00:20::1]') },
    { name: 'the default routes', policy: BASE + flow('[0.0.0.0/0, ::/0]', 'pump-server') },
    { name: 'an odd but aligned prefix', policy: BASE.replace('10.50.0.20]', '10.50.0.24/29]') },
  ],
  invalid: [
    { name: 'a zone subnet', policy: BASE.replace('10.50.0.0/24', '10.50.0.1/24'), findings: ['WL401 policy.yaml:12:15'] },
    { name: 'a group address, IPv4 and IPv6', policy: BASE.replace('[10.20.1.0/24, fd00:20::100/120]', '[10.20.1.1/24, fd00:20::101/120]'), findings: ['WL401 policy.yaml:23:17', 'WL401 policy.yaml:23:31'] },
    { name: 'flow endpoints', policy: BASE + flow('172.16.1.1/16', 'fd00:20::1/64'), findings: ['WL510 policy.yaml:31:9', 'WL401 policy.yaml:32:11', 'WL401 policy.yaml:33:9'] },
    {
      name: 'guardrail and expectation endpoints',
      policy: `${BASE}guardrails:
  - { id: g, never: { from: 172.16.0.1/12, to: pumps }, why: test }
expect:
  - cannot: { from: 172.16.0.1/12, to: 10.20.1.9/24 }
`,
      findings: ['WL401 policy.yaml:31:29', 'WL401 policy.yaml:33:21', 'WL401 policy.yaml:33:40'],
    },
  ],
});

describe('WL401 messages', () => {
  it('give the network and the one-host form, /32 for IPv4', () => {
    const [d] = diagnose(BASE.replace('10.50.0.0/24', '10.50.0.1/24'));
    expect(d?.message).toBe('10.50.0.1/24 has host bits set; its network is 10.50.0.0/24');
    expect(d?.hint).toBe('Write 10.50.0.0/24 for the network, or 10.50.0.1 alone for the one host (/32).');
    expect(d?.range).toEqual({ start: { line: 11, col: 14 }, end: { line: 11, col: 26 } });
  });

  it('and /128 for IPv6, in RFC 5952 form', () => {
    const d = diagnose(BASE + flow('pumps', 'FD00:0020:0000::1/64')).find((x) => x.code === 'WL401');
    expect(d?.message).toBe('FD00:0020:0000::1/64 has host bits set; its network is fd00:20::/64');
    expect(d?.hint).toContain('or FD00:0020:0000::1 alone for the one host (/128)');
  });
});
