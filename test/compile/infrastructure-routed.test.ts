import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { limitFindings } from '../../src/compile/limits.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import type { Policy } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';

/**
 * A zone's DHCP relay (docs/infrastructure.md): the gateway relays to servers in another zone, and clients renew
 * with them directly, so the zone reaches the servers on DHCP's port, the servers answer as replies, and a guardrail
 * still wins over it. The simulator says so, and the IR of every platform agrees (translation validation).
 */
const PLATFORMS = Object.keys(targets);

function policyOn(platform: string, extra = ''): Policy {
  const v6 = targets[platform]!.capabilities.ipv6;
  const yaml = [
    'wardline: 1',
    'zones:',
    '  wards:',
    '    vlan: 10',
    `    subnets: [10.1.0.0/24${v6 ? ', "fd00:1::/64"' : ''}]`,
    `    gateway: [10.1.0.1${v6 ? ', "fd00:1::1"' : ''}]`,
    '    via: ep',
    '    infrastructure: { dhcp-relay: [dhcp-servers] }',
    `  servers: { vlan: 20, subnets: [10.2.0.0/24${v6 ? ', "fd00:2::/64"' : ''}], gateway: [10.2.0.1${v6 ? ', "fd00:2::1"' : ''}], via: ep }`,
    '  guests: { vlan: 30, subnets: [10.3.0.0/24], gateway: 10.3.0.1, via: ep, infrastructure: { dhcp-relay: 10.2.0.10 } }',
    'groups:',
    `  dhcp-servers: { zone: servers, addresses: [10.2.0.10${v6 ? ', "fd00:2::10"' : ''}] }`,
    'enforcement:',
    `  ep: { platform: ${platform} }`,
    extra,
  ].join('\n');
  const loaded = loadPolicy([{ path: 'p.yaml', text: `${yaml}\n` }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors[0]!.message);
  return loaded.policy;
}

describe('routed infrastructure: a zone relays DHCP to its servers', () => {
  it('the simulator allows the zone to the servers on DHCP, by the zone\'s infrastructure, and nothing more', () => {
    const sim = simulator(policyOn('cisco-ios'));
    const relay = sim.query('10.1.0.0/24', 'dhcp-servers', 'udp/67');
    expect(relay.verdict).toBe('allow');
    expect(relay.decidedBy).toEqual([{ kind: 'infrastructure', id: 'dhcp-relay', zone: 'wards', file: 'p.yaml', line: 8, services: 'udp/67' }]);
    expect(sim.query('wards', 'dhcp-servers', 'udp/68').verdict).toBe('deny');
    expect(sim.query('dhcp-servers', 'wards', 'udp/67').verdict).toBe('deny');
    // DHCPv6's port between the IPv6 addresses only; DHCPv4's between the IPv4 ones.
    expect(sim.query('fd00:1::5', 'fd00:2::10', 'udp/547').verdict).toBe('allow');
    expect(sim.query('10.1.0.5', '10.2.0.10', 'udp/547').verdict).toBe('deny');
    expect(sim.query('fd00:1::5', 'fd00:2::10', 'udp/67').verdict).toBe('deny');
  });

  it('a guardrail wins over it, as over any flow', () => {
    const sim = simulator(policyOn('cisco-ios', 'guardrails:\n  - { id: no-guests-to-servers, never: { from: guests, to: servers }, why: test }'));
    expect(sim.query('guests', '10.2.0.10', 'udp/67').verdict).toBe('deny');
    expect(sim.query('10.1.0.0/24', 'dhcp-servers', 'udp/67').verdict).toBe('allow');
  });

  it.each(PLATFORMS)('%s: the compiled configuration agrees with the simulator on every packet class', (platform) => {
    const policy = policyOn(platform);
    const sim = simulator(policy);
    const programs = compilePolicy(policy);
    const result = validateTranslation(policy, buildAddressPlan(policy), programs, sim);
    expect(result.disagreements.slice(0, 5)).toEqual([]);
    for (const program of programs) {
      const target = targets[program.platform]!;
      expect(limitFindings(policy, program, target.capabilities)).toEqual([]);
      const text = target.render(program).map((f) => f.content).join('\n');
      expect(text).toContain('wards/dhcp-relay');
    }
  });
});

describe('a relay server written as an address', () => {
  // Found by test/adversarial: the address was no cut of the simulator's atoms, so the relay reached every address of
  // the zone the server lies in (query said allow to all of it), while the compiled lists allow the server alone.
  const policy = (platform: string) =>
    loadPolicy(
      [
        {
          path: 'p.yaml',
          text: `wardline: 1
zones:
  servers: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep, interface: eth2 }
  guests: { vlan: 30, subnets: [10.3.0.0/24], gateway: 10.3.0.1, via: ep, interface: eth3, infrastructure: { dhcp-relay: 10.2.0.77 } }
enforcement:
  ep: { platform: ${platform} }
`,
        },
      ],
      { today: TODAY },
    ).policy;

  it('reaches that address alone', () => {
    const sim = simulator(policy('cisco-ios'));
    expect(sim.query('guests', '10.2.0.77', 'udp/67').verdict).toBe('allow');
    expect(sim.query('guests', '10.2.0.76', 'udp/67').verdict).toBe('deny');
    expect(sim.query('guests', 'servers', 'udp/67').verdict).toBe('partial');
  });

  it.each(PLATFORMS)('%s: the compiled configuration agrees with the simulator on every packet class', (platform) => {
    const p = policy(platform);
    const sim = simulator(p);
    const result = validateTranslation(p, buildAddressPlan(p), compilePolicy(p), sim);
    expect(result.disagreements.slice(0, 5)).toEqual([]);
  });
});
