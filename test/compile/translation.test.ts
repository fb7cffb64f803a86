import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import type { Program } from '../../src/compile/ir.js';
import { validateTranslation, type ValidationResult } from '../../src/compile/validate.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import type { Policy } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';
import { randomMonitoredPolicy, randomPolicy } from '../sim/random-policy.js';

/** The compiled IR, answered by the IR evaluator, against the simulator (the reference semantics) on every class. */
function validate(policy: Policy, programs: readonly Program[] = compilePolicy(policy)): ValidationResult {
  const sim = simulator(policy);
  return validateTranslation(policy, buildAddressPlan(policy), programs, sim);
}

async function example() {
  const checked = checkPolicy(await readPolicySources([`${REPO}policies/example-hospital`]), TODAY);
  return { policy: checked.policy, programs: compilePolicy(checked.policy) };
}

const shown = (r: ValidationResult) => r.disagreements.slice(0, 5).map((d) => `${d.packet}: simulator ${d.simulator}, compiled ${d.compiled}`);

describe('translation validation on the example hospital', () => {
  it('the IR evaluator equals the simulator on every packet class, IPv4 and IPv6, forward and reply', async () => {
    const { policy, programs } = await example();
    const result = validate(policy, programs);
    expect(result.classes).toBeGreaterThan(100_000);
    expect(shown(result)).toEqual([]);
  });

  it('can fail: a permit of a flow removed from one list shows up with a packet of that flow', async () => {
    const { policy, programs } = await example();
    const sw = programs.find((p) => p.point === 'ward4-sw');
    if (sw?.kind !== 'acl') throw new Error('ward4-sw is a switch');
    const list = sw.lists.find((l) => l.zone === 'ward4e-devices' && l.direction === 'in' && l.family === 4)!;
    list.lines = list.lines.filter((l) => l.provenance.id !== 'pumps-to-pump-server');
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements[0]).toMatchObject({ simulator: 'allow', compiled: 'deny' });
    expect(result.disagreements[0]!.packet).toMatch(/^10\.20\.\d+\.\d+ → 10\.50\.\d+\.\d+ tcp\/(443|8443|9443)$/);
  });

  it('can fail: without the exception lines ahead of the guardrail, the excepted vendor flow is cut', async () => {
    const { policy, programs } = await example();
    for (const p of programs) {
      if (p.kind === 'acl') for (const l of p.lists) l.lines = l.lines.filter((x) => x.provenance.kind !== 'exception');
      else p.rules = p.rules.filter((r) => r.provenance.kind !== 'exception');
    }
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.simulator === 'allow' && d.compiled === 'deny' && d.packet.endsWith('tcp/22'))).toBe(true);
  });

  it('can fail: without the VLAN isolation filter, hosts of an isolated zone reach each other', async () => {
    const { policy, programs } = await example();
    const sw = programs.find((p) => p.point === 'icu-sw');
    if (sw?.kind !== 'acl') throw new Error('icu-sw is a switch');
    delete sw.interfaces.find((i) => i.zone === 'icu-monitoring')!.isolation;
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    const hosts = (d: { simulator: string; compiled: string; packet: string }) => d.simulator === 'deny' && d.compiled === 'same-segment' && d.packet.startsWith('10.40.0.');
    const switched = (d: { simulator: string; compiled: string; packet: string }) => d.simulator === 'drop' && d.compiled === 'forward' && d.packet.endsWith('switched in zone icu-monitoring');
    expect(result.disagreements.every((d) => hosts(d) || switched(d))).toBe(true);
    // Link-local, broadcast and multicast between its stations too, in both families (the zone has IPv4 only).
    for (const start of ['169.254.10.1 → 169.254.10.2', '10.40.0.2 → 255.255.255.255', '10.40.0.2 → 224.0.0.251', 'fe80::a → fe80::b', 'fe80::a → ff02::fb']) {
      expect(result.disagreements.some((d) => d.packet.startsWith(start))).toBe(true);
    }
  });

  it('can fail: an isolation filter that covers only the zone\'s subnets (as before link-local was covered) lets link-local through', async () => {
    const { policy, programs } = await example();
    const sw = programs.find((p) => p.point === 'ward4-sw');
    if (sw?.kind !== 'acl') throw new Error('ward4-sw is a switch');
    const iso = sw.interfaces.find((i) => i.zone === 'ward4e-devices')!.isolation!;
    const subnets = new Map(sw.objects.map((o) => [o.name, o.prefixes]));
    const onlySubnets = (name: string) => (subnets.get(name) ?? []).every((p) => p.startsWith('10.20.') || p.startsWith('fd4e:'));
    for (const f of iso.families) f.lines = f.lines.filter((l) => l.action === 'permit' || (onlySubnets(l.src) && onlySubnets(l.dst)));
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.some((d) => d.packet.startsWith('fe80::a → fe80::b'))).toBe(true);
  });
});

describe('translation validation on random policies', () => {
  it('the IR evaluator equals the simulator on every packet class of random small policies', () => {
    fc.assert(
      fc.property(randomPolicy, ({ yaml }) => {
        const loaded = loadPolicy([{ path: 'random.yaml', text: yaml }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the generator wrote a broken policy: ${errors[0]!.message}`);
        const result = validate(loaded.policy);
        expect(result.classes).toBeGreaterThan(0);
        expect(shown(result), yaml).toEqual([]);
      }),
      { seed: Number(process.env.SEED ?? 20261129), numRuns: Number(process.env.RUNS ?? 16) },
    );
  });

  it('the same when the first zone has a second IPv4 subnet, routed by its point (gateways in both)', () => {
    fc.assert(
      fc.property(randomPolicy, ({ yaml }) => {
        // z0 gains 10.100.0.0/24 and a gateway in each IPv4 subnet: traffic between them crosses ep1 or ep2.
        const twoSubnets = yaml.replace(/^ {2}z0: \{ subnets: \["10\.0\.0\.0\/24"/m, '  z0: { gateway: ["10.0.0.1", "10.100.0.1"], subnets: ["10.0.0.0/24", "10.100.0.0/24"');
        expect(twoSubnets).not.toBe(yaml);
        const loaded = loadPolicy([{ path: 'random.yaml', text: twoSubnets }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the edited policy is broken: ${errors[0]!.message}`);
        expect(shown(validate(loaded.policy)), twoSubnets).toEqual([]);
      }),
      { seed: Number(process.env.SEED ?? 20261130), numRuns: Number(process.env.RUNS ?? 8) },
    );
  });

  it('the same with monitor mode: zones and guardrails in mode: monitor pass and log what they would deny', () => {
    let monitored = 0;
    fc.assert(
      fc.property(randomMonitoredPolicy, ({ yaml }) => {
        const loaded = loadPolicy([{ path: 'random.yaml', text: yaml }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the generator wrote a broken policy: ${errors[0]!.message}`);
        if (yaml.includes('mode: monitor')) monitored++;
        expect(shown(validate(loaded.policy)), yaml).toEqual([]);
      }),
      { seed: Number(process.env.SEED ?? 20261205), numRuns: Number(process.env.RUNS ?? 20) },
    );
    expect(monitored).toBeGreaterThan(8);
  });
});
