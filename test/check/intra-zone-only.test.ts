import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

/** The base policy with a second group in the ward and an isolated guest zone. */
const WARD = BASE.replace('labels: [untrusted]', 'labels: [untrusted]\n    isolation: true').replace(
  '  pump-server:\n',
  '  monitors: { zone: ward, addresses: [10.20.2.0/24, fd00:20::200/120] }\n  pump-server:\n',
);
const flow = (id: string, from: string, to: string, services = '[https]', extra = '') => `  - id: ${id}
    from: ${from}
    to: ${to}
    services: ${services}
    why: test
    owner: biomed@example.org
${extra}`;
const flows = (...list: string[]) => `${WARD}flows:\n${list.join('')}`;
const guardrail = (from: string, to: string) => `${WARD}guardrails:\n  - { id: g, never: { from: ${from}, to: ${to} }, why: test }\n`;

testCheck('intra-zone-only', {
  valid: [
    { name: 'a flow between two zones', policy: flows(flow('a', 'pumps', 'pump-server')) },
    { name: 'a flow from a zone group to anywhere', policy: flows(flow('a', 'pumps', 'any')) },
    { name: 'an expired flow inside one zone', policy: flows(flow('a', 'pumps', 'monitors', '[https]', '    expires: 2026-11-01\n')), others: ['WL504 policy.yaml:39:14'] },
    { name: 'a guardrail between two zones', policy: guardrail('guest', 'pumps') },
    { name: 'a guardrail inside an isolated zone', policy: guardrail('guest', '172.16.9.0/24') },
  ],
  invalid: [
    { name: 'a flow between two groups of one zone', policy: flows(flow('a', 'pumps', 'monitors')), findings: ['WL503 policy.yaml:33:9'] },
    { name: 'IPv6 addresses of one zone', policy: flows(flow('a', '"fd00:20::100/120"', '"fd00:20::ffff"')), findings: ['WL503 policy.yaml:33:9'] },
    { name: 'a flow inside an isolated zone', policy: flows(flow('a', '172.16.1.0/24', '172.16.2.0/24')), findings: ['WL503 policy.yaml:33:9'] },
    { name: 'a guardrail between two groups of one zone', policy: guardrail('monitors', 'pumps'), findings: ['WL503 policy.yaml:33:11'] },
    { name: 'a guardrail from anywhere to a group: its zone neighbours cannot be stopped', policy: guardrail('any', 'pumps'), findings: ['WL503 policy.yaml:33:11'] },
  ],
});

describe('WL503 messages', () => {
  it('say the flow crosses no enforcement point and is allowed anyway', () => {
    const [d] = diagnose(flows(flow('pumps-to-monitors', 'pumps', 'monitors')));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe(
      'flow "pumps-to-monitors" only covers traffic inside one zone, which crosses no enforcement point (it is not filtered, so it is already allowed)',
    );
  });

  it('say port isolation blocks an isolated zone whatever the flow says', () => {
    expect(diagnose(flows(flow('a', '172.16.1.0/24', '172.16.2.0/24')))[0]?.message).toContain('(port isolation blocks it whatever the flows say)');
  });

  it('give a guardrail an example packet it cannot stop', () => {
    const [d] = diagnose(guardrail('monitors', 'pumps'));
    expect(d?.message).toBe(
      'guardrail "g" forbids traffic inside one zone, which crosses no enforcement point and cannot be blocked; for example 10.20.2.1 → 10.20.1.1 tcp/1',
    );
    expect(d?.hint).toContain('turn on isolation for the zone');
  });
});
