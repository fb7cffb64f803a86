import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import type { Program } from '../../src/compile/ir.js';
import { limitFindings } from '../../src/compile/limits.js';
import { validateTranslation, type ValidationResult } from '../../src/compile/validate.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import type { Policy } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';

/**
 * A zone with several subnets is one segment (DESIGN.md: traffic inside a zone crosses no enforcement point), but its
 * hosts in different subnets reach each other through the zone's SVI or firewall interface: the device routes them,
 * so its lists or rules must pass that traffic, or the compiled configuration drops what the simulator allows.
 */
const PLATFORMS = Object.keys(targets);

/** IPv4 and, where the platform filters it, IPv6: two subnets of each in the zone `wards`. */
const families = (platform: string) => (targets[platform]!.capabilities.ipv6 ? [4, 6] : [4]);

function policyOn(platform: string, isolated = false): Policy {
  const v6 = families(platform).includes(6);
  const yaml = [
    'wardline: 1',
    'zones:',
    '  wards:',
    '    vlan: 10',
    `    subnets: [10.1.0.0/24, 10.9.0.0/24${v6 ? ', "fd00:1::/64", "fd00:9::/64"' : ''}]`,
    `    gateway: [10.1.0.1, 10.9.0.1${v6 ? ', "fd00:1::1", "fd00:9::1"' : ''}]`,
    '    via: ep',
    `    isolation: ${isolated}`,
    '  servers: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep }',
    'groups:',
    '  pumps: { zone: wards, addresses: [10.1.0.0/25, 10.9.0.0/25] }',
    '  pump-server: { zone: servers, addresses: [10.2.0.10] }',
    'flows:',
    '  - { id: pumps-to-server, from: pumps, to: pump-server, services: [tcp/443] }',
    'enforcement:',
    `  ep: { platform: ${platform} }`,
  ].join('\n');
  const loaded = loadPolicy([{ path: 'p.yaml', text: `${yaml}\n` }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors[0]!.message);
  return loaded.policy;
}

function validate(policy: Policy, programs: readonly Program[]): ValidationResult {
  const sim = simulator(policy);
  return validateTranslation(policy, buildAddressPlan(policy), programs, sim);
}

const shown = (r: ValidationResult) => r.disagreements.slice(0, 5).map((d) => `${d.packet}: simulator ${d.simulator}, compiled ${d.compiled}`);

describe('zones with several subnets', () => {
  it.each(PLATFORMS)('%s: hosts in two subnets of one zone reach each other through the point, as the simulator says', (platform) => {
    const policy = policyOn(platform);
    expect(simulator(policy).query('10.1.0.5', '10.9.0.5').verdict).toBe('same-segment');
    const programs = compilePolicy(policy);
    const result = validate(policy, programs);
    expect(shown(result)).toEqual([]);
    // The permit exists in the IR, per family, and every target renders it.
    const segment = programs.flatMap((p) => (p.kind === 'acl' ? p.lists.flatMap((l) => l.lines) : p.rules)).filter((x) => x.provenance.kind === 'segment');
    expect(new Set(segment.map((x) => x.family))).toEqual(new Set(families(platform)));
    for (const program of programs) {
      const target = targets[program.platform]!;
      expect(limitFindings(policy, program, target.capabilities)).toEqual([]);
      const text = target.render(program).map((f) => f.content).join('\n');
      // ExtremeXOS VLAN ACLs already pass the zone's own traffic first (they see switched packets too).
      expect(text).toMatch(platform === 'extreme-exos' ? /# traffic inside zone wards/ : /zone wards \(p\.yaml:3\): its subnets are one segment/);
    }
  });

  it('on a switch, traffic from the zone to its gateway addresses (the switch itself) is denied first, logged', () => {
    const policy = policyOn('cisco-ios');
    const program = compilePolicy(policy)[0]!;
    const text = targets['cisco-ios']!.render(program).map((f) => f.content).join('\n');
    expect(text).toContain(
      [
        ' remark zone wards (p.yaml:3): its gateways are this device, not hosts of the segment',
        ' deny ip any object-group wards-gateway-v4_v4 log',
        ' remark zone wards (p.yaml:3): its subnets are one segment',
        ' permit ip object-group zone-wards_v4 object-group zone-wards_v4',
      ].join('\n'),
    );
    expect(text).toMatch(/object-group network wards-gateway-v4_v4\n description [^\n]*\n host 10\.1\.0\.1\n host 10\.9\.0\.1\n 224\.0\.0\.0 255\.255\.255\.0\n host 255\.255\.255\.255\n/);
  });

  it('can fail: without the segment lines, the switch drops what the simulator calls one segment', () => {
    const policy = policyOn('cisco-ios');
    const programs = compilePolicy(policy);
    for (const p of programs) if (p.kind === 'acl') for (const l of p.lists) l.lines = l.lines.filter((x) => x.provenance.kind !== 'segment');
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.simulator === 'same-segment' && d.compiled === 'deny')).toBe(true);
    expect(result.disagreements.map((d) => d.packet)).toContain('10.1.0.128 → 10.9.0.0 tcp/0');
  });

  it('can fail: without the segment rule, the firewall drops it too', () => {
    const policy = policyOn('linux-nftables');
    const programs = compilePolicy(policy);
    for (const p of programs) if (p.kind === 'firewall') p.rules = p.rules.filter((x) => x.provenance.kind !== 'segment');
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.simulator === 'same-segment' && d.compiled === 'deny')).toBe(true);
  });

  it('an isolated zone gets no segment lines: its isolation stops its hosts reaching each other in any subnet', () => {
    const policy = policyOn('cisco-ios', true);
    const programs = compilePolicy(policy);
    const lines = programs.flatMap((p) => (p.kind === 'acl' ? p.lists.flatMap((l) => l.lines) : []));
    expect(lines.some((x) => x.provenance.kind === 'segment' && !x.provenance.gateways)).toBe(false);
    expect(shown(validate(policy, programs))).toEqual([]);
  });
});
