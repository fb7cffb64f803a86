import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

/** The base policy with a dual-stack guest zone. */
const DUAL = BASE.replace('subnets: [172.16.0.0/16]', 'subnets: [172.16.0.0/16, fd00:90::/64]');
const GUARDRAIL = `guardrails:
  - id: no-guest-to-medical
    never: { from: "label:untrusted", to: "label:medical" }
    why: Guest devices must never reach clinical equipment
`;
const flow = (id: string, from: string, to: string, services: string, extra = '') => `  - id: ${id}
    from: ${from}
    to: ${to}
    services: ${services}
    why: test
    owner: biomed@example.org
${extra}`;

testCheck('guardrail-violation', {
  valid: [
    {
      name: 'a flow listed in the exceptions of the guardrail',
      policy: `${BASE}flows:\n${flow('portal-test', 'guest', 'pumps', '[https]')}${GUARDRAIL}    exceptions:\n      - flow: portal-test\n        why: Approved test, CHG-7\n`,
    },
    { name: 'an expired flow does not violate', policy: `${BASE}flows:\n${flow('old', 'guest', 'pumps', '[https]', '    expires: 2026-11-27\n')}${GUARDRAIL}`, others: ['WL504 policy.yaml:37:14'] },
    { name: 'the other direction: from medical to untrusted', policy: `${BASE}flows:\n${flow('pumps-out', 'pumps', 'guest', '[https]')}${GUARDRAIL}` },
    {
      name: 'a service the guardrail does not forbid',
      policy: `${BASE}flows:\n${flow('guest-web', 'guest', 'pumps', '[https]')}guardrails:\n  - { id: no-ssh, never: { from: guest, to: pumps, services: [ssh] }, why: test }\n`,
    },
    { name: 'a host outside every medical group and zone', policy: `${BASE}flows:\n${flow('guest-to-server', 'guest', 'pump-server', '[https]')}${GUARDRAIL}` },
    { name: 'an IPv4-only flow against an IPv6-only guardrail', policy: `${DUAL}flows:\n${flow('guest-v4', '172.16.0.0/16', 'pumps', '[https]')}guardrails:\n  - { id: no-v6, never: { from: "fd00:90::/64", to: pumps }, why: test }\n` },
  ],
  invalid: [
    { name: 'a zone to a group, both by label', policy: `${BASE}flows:\n${flow('guest-to-pumps', 'guest', 'pumps', '[https]')}${GUARDRAIL}`, findings: ['WL501 policy.yaml:31:9'] },
    { name: 'literal addresses whose identity the guardrail names', policy: `${BASE}flows:\n${flow('one-host', '172.16.5.5', '10.20.1.7', '[tcp/22]')}${GUARDRAIL}`, findings: ['WL501 policy.yaml:31:9'] },
    { name: 'IPv6 only', policy: `${DUAL}flows:\n${flow('guest-v6', '"fd00:90::/64"', '"fd00:20::100/120"', '[ssh]')}${GUARDRAIL}`, findings: ['WL501 policy.yaml:31:9'] },
    {
      name: 'every service against some of them',
      policy: `${BASE}flows:\n${flow('guest-any', 'guest', 'pumps', '[any]')}guardrails:\n  - { id: no-mgmt, never: { from: guest, to: pumps, services: [ssh, tcp/8000-8100] }, why: test }\n`,
      findings: ['WL501 policy.yaml:31:9'],
    },
    { name: 'a flow expiring today is still live', policy: `${BASE}flows:\n${flow('ends-today', 'guest', 'pumps', '[https]', '    expires: 2026-11-28\n')}${GUARDRAIL}`, findings: ['WL501 policy.yaml:31:9', 'WL505 policy.yaml:37:14'] },
    {
      name: 'one flow, two guardrails; an exception under one does not cover the other',
      policy: `${BASE}flows:\n${flow('guest-to-ward', 'guest', 'ward', '[https]')}${GUARDRAIL}    exceptions:\n      - { flow: guest-to-ward, why: test }\n  - { id: no-guest-to-ward, never: { from: guest, to: ward }, why: test }\n`,
      findings: ['WL501 policy.yaml:31:9'],
    },
    {
      name: 'a flow in one file, the guardrail in another',
      policy: { 'policy.yaml': BASE, 'flows.yaml': `flows:\n${flow('guest-to-pumps', 'guest', 'pumps', '[https]')}`, 'guardrails.yaml': GUARDRAIL },
      findings: ['WL501 flows.yaml:3:9'],
    },
  ],
});

describe('WL501 messages', () => {
  const both = { 'policy.yaml': BASE, 'flows.yaml': `flows:\n${flow('guest-to-pumps', 'guest', 'pumps', '[https]')}`, 'guardrails.yaml': GUARDRAIL };

  it('name the flow and the guardrail with both places, the services, and an example packet', () => {
    const [d] = diagnose(both);
    expect(d?.message).toBe(
      'flow "guest-to-pumps" (flows.yaml:3:9) allows tcp/443 from guest to pumps, which guardrail "no-guest-to-medical" ' +
        '(guardrails.yaml:3:9) forbids; for example 172.16.0.1 → 10.20.1.1 tcp/443',
    );
    expect(d?.hint).toBe('Remove the flow, narrow it, or list it under the exceptions of guardrail "no-guest-to-medical" with a why.');
    expect(d?.related).toEqual([
      {
        message: 'guardrail "no-guest-to-medical" forbids it here: Guest devices must never reach clinical equipment',
        file: 'guardrails.yaml',
        range: { start: { line: 2, col: 8 }, end: { line: 2, col: 27 } },
      },
    ]);
  });

  it('give only the forbidden services, and an IPv6 example for IPv6 traffic', () => {
    const any = diagnose(`${BASE}flows:\n${flow('guest-any', 'guest', 'pumps', '[any]')}guardrails:\n  - { id: no-mgmt, never: { from: guest, to: pumps, services: [ssh, tcp/8000-8100] }, why: test }\n`);
    expect(any[0]?.message).toContain('allows tcp/22, tcp/8000-8100 from guest to pumps');
    const v6 = diagnose(`${DUAL}flows:\n${flow('guest-v6', '"fd00:90::/64"', '"fd00:20::100/120"', '[ssh]')}${GUARDRAIL}`);
    expect(v6[0]?.message).toContain('for example fd00:90::1 → fd00:20::101 tcp/22');
  });

  it('say "any" for every service, naming the family when only one can be concerned, never each protocol', () => {
    const v4 = diagnose(`${BASE}flows:\n${flow('guest-any', 'guest', 'pumps', '[any]')}${GUARDRAIL}`);
    expect(v4[0]?.message).toBe(
      'flow "guest-any" (policy.yaml:31:9) allows any IPv4 service from guest to pumps, which guardrail "no-guest-to-medical" ' +
        '(policy.yaml:38:9) forbids; for example 172.16.0.1 → 10.20.1.1 tcp/1',
    );
    const dual = diagnose(`${DUAL}flows:\n${flow('guest-any', 'guest', 'pumps', '[any]')}${GUARDRAIL}`);
    expect(dual[0]?.message).toContain('allows any from guest to pumps');
    const v6 = diagnose(`${DUAL}flows:\n${flow('guest-v6', '"fd00:90::/64"', 'pumps', '[any]')}${GUARDRAIL}`);
    expect(v6[0]?.message).toContain('allows any IPv6 service from');
  });

  it('cut a long service list short and say what is left out', () => {
    const ports = Array.from({ length: 12 }, (_, i) => `tcp/${1000 + 2 * i}`).join(', ');
    const [d] = diagnose(`${BASE}flows:\n${flow('guest-many', 'guest', 'pumps', `[${ports}]`)}${GUARDRAIL}`);
    expect(d?.message).toContain('allows tcp/1000, tcp/1002, tcp/1004, tcp/1006, tcp/1008, tcp/1010, tcp/1012, tcp/1014 and 4 more from guest');
  });

  it('use a host address, not the network address, in the example; a /32 is its own host', () => {
    const [d] = diagnose(`${BASE}flows:\n${flow('one-host', '172.16.5.0', '10.20.1.0/31', '[tcp/22]')}${GUARDRAIL}`);
    expect(d?.message).toContain('for example 172.16.5.0 → 10.20.1.0 tcp/22');
    const [wide] = diagnose(`${BASE}flows:\n${flow('net', '172.16.4.0/30', '10.20.1.0/24', '[tcp/22]')}${GUARDRAIL}`);
    expect(wide?.message).toContain('for example 172.16.4.1 → 10.20.1.1 tcp/22');
  });
});
