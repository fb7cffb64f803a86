import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (from: string, to: string, services: string, extra = '') => `${BASE}flows:
  - id: f
    from: ${from}
    to: ${to}
    services: ${services}
    why: test
    owner: biomed@example.org
${extra}`;

testCheck('flow-allows-nothing', {
  valid: [
    { name: 'IPv4 ends, an IPv4 service', policy: flow('pump-server', 'guest', '[https]') },
    { name: 'ping between IPv4 ends', policy: flow('pump-server', 'pumps', '[icmp/echo-request]') },
    { name: 'dual-stack to IPv6 only, over IPv6', policy: flow('"fd00:20::7"', 'pumps', '[ssh]'), others: ['WL503 policy.yaml:31:9'] },
    { name: 'an expired flow: WL504 only', policy: flow('pump-server', '"fd00:20::1"', '[https]', '    expires: 2026-01-01\n'), others: ['WL504 policy.yaml:37:14'] },
  ],
  invalid: [
    { name: 'IPv4 only to IPv6 only', policy: flow('pump-server', '"fd00:20::1"', '[https]'), findings: ['WL510 policy.yaml:31:9'] },
    { name: 'ICMPv6 between IPv4 ends', policy: flow('pump-server', 'guest', '[icmpv6/echo-request]'), findings: ['WL510 policy.yaml:31:9'] },
    { name: 'ICMPv6 to a dual-stack group from an IPv4-only server', policy: flow('pump-server', 'pumps', '[icmpv6/echo-request]'), findings: ['WL510 policy.yaml:31:9'] },
  ],
});

describe('WL510 messages', () => {
  it('say which families each side has', () => {
    const [d] = diagnose(flow('pump-server', '"fd00:20::1"', '[https]'));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('flow "f" allows nothing: its sources (pump-server) are IPv4 only and its destinations (fd00:20::1) IPv6 only');
    expect(d?.hint).toContain('an address family in common');
  });

  it('say which services exist in no shared family', () => {
    const [d] = diagnose(flow('pump-server', 'pumps', '[icmpv6/echo-request]'));
    expect(d?.message).toBe('flow "f" allows nothing: its services (icmpv6/echo-request) exist in no address family its ends share (IPv4)');
  });
});
