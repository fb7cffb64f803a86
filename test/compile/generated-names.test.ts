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
 * Names the compiler makes can never meet the policy's: a zone named `transit` beside the generated transit zone, zone
 * names no platform takes as they are (`1bad.zone`, 40 characters), and names that become one when made safe (`a.b`
 * and `a_b`) compile on every platform to distinct names, with the same meaning.
 */
const LONG = `z${'x'.repeat(39)}`;

function policyOn(platform: string): Policy {
  const yaml = [
    'wardline: 1',
    'zones:',
    '  a.b: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: ep }',
    '  transit: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: ep }',
    '  1bad.zone: { vlan: 30, subnets: [10.3.0.0/24], gateway: 10.3.0.1, via: ep }',
    '  a_b: { vlan: 40, subnets: [10.4.0.0/24], gateway: 10.4.0.1, via: ep }',
    `  ${LONG}: { vlan: 50, subnets: [10.5.0.0/24], gateway: 10.5.0.1, via: ep }`,
    'flows:',
    '  - { id: f1, from: a.b, to: transit, services: [https] }',
    `  - { id: f2, from: ${LONG}, to: 1bad.zone, services: [ssh] }`,
    '  - { id: f3, from: a_b, to: 192.0.2.0/24, services: [dns] }',
    'enforcement:',
    `  ep: { platform: ${platform} }`,
  ].join('\n');
  const loaded = loadPolicy([{ path: 'p.yaml', text: `${yaml}\n` }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors[0]!.message);
  return loaded.policy;
}

describe('names the compiler makes never meet the policy\'s', () => {
  it.each(Object.keys(targets))('%s: compiles, with distinct zone and VLAN names, and means what the simulator says', (platform) => {
    const policy = policyOn(platform);
    const programs = compilePolicy(policy);
    for (const program of programs) {
      expect(limitFindings(policy, program, targets[platform]!.capabilities)).toEqual([]);
      expect(() => targets[platform]!.render(program)).not.toThrow();
      const names = program.kind === 'firewall' ? program.zones.map((z) => z.name) : program.interfaces.map((i) => i.vlanName);
      expect(new Set(names).size, names.join(' ')).toBe(names.length);
      for (const n of names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/);
    }
    const sim = simulator(policy);
    const result = validateTranslation(policy, buildAddressPlan(policy), programs, sim);
    expect(result.disagreements.slice(0, 5)).toEqual([]);
  });

  it('a zone named transit keeps its name; the generated transit zone takes the next free one, and the rules say which is which', () => {
    const [program] = compilePolicy(policyOn('paloalto-panos'));
    if (program?.kind !== 'firewall') throw new Error('a firewall program');
    expect(program.zones.map((z) => `${z.name}${z.zone === undefined ? ' (generated)' : ''}`)).toEqual([
      'a_b',
      'transit',
      'n1bad_zone',
      'a_b-2',
      'zxxxxxxxxxxxxxxxxxxxxx-21973244',
      'transit-2 (generated)',
    ]);
    const f1 = program.rules.find((r) => r.provenance.id === 'f1')!;
    expect([f1.fromZones, f1.toZones]).toEqual([['a_b'], ['transit']]);
    const f3 = program.rules.find((r) => r.provenance.id === 'f3')!;
    expect(f3.toZones).toEqual(['transit-2']);
    const text = targets['paloalto-panos']!.render(program)[0]!.content;
    expect(text).toContain('set zone transit network layer3 ethernet1/1.20\n');
    expect(text).toContain('set zone transit-2 network layer3 ethernet1/2\n');
    expect(text).toContain('comment "wardline zone 1bad.zone"');
  });
});
