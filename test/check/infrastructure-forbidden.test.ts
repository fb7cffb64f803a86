import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

/** The base policy's ward relays DHCP to the pump server's zone (a stand-in DHCP server). */
const RELAYING = BASE.replace('    labels: [medical]\n  dc:', '    labels: [medical]\n    infrastructure: { dhcp-relay: [pump-server] }\n  dc:');
const guardrail = (never: string) => `guardrails:\n  - id: fence\n    never: ${never}\n    why: test\n`;

testCheck('infrastructure-forbidden', {
  valid: [
    { name: 'a relay no guardrail touches', policy: RELAYING },
    { name: 'a guardrail on other services', policy: RELAYING + guardrail('{ from: ward, to: dc, services: [ssh] }') },
    { name: 'a guardrail the other way round', policy: RELAYING + guardrail('{ from: dc, to: ward }') },
  ],
  invalid: [
    { name: 'a guardrail from the zone to the servers', policy: RELAYING + guardrail('{ from: "label:medical", to: dc }'), findings: ['WL512 policy.yaml:10:5'] },
  ],
});

describe('WL512', () => {
  it('names the guardrail, the service and an example packet of the relay it stops', () => {
    const [d] = diagnose(RELAYING + guardrail('{ from: "label:medical", to: dc }'));
    expect(d?.message).toBe(
      'guardrail "fence" (policy.yaml:32:9) forbids udp/67 from zone ward to pump-server, which the dhcp-relay of zone ward needs: the guardrail wins, and that part of the relay will not work; for example 10.20.0.1 → 10.50.0.20 udp/67',
    );
  });
});
