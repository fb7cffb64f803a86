import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { validateTranslation, type Decide } from '../../src/compile/validate.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { buildAddressPlan, type AddressPlan } from '../../src/model/address-plan.js';
import { isLive } from '../../src/model/expiry.js';
import { intentPackets } from '../../src/model/intent-packets.js';
import type { Policy } from '../../src/model/policy.js';
import * as ps from '../../src/net/packet-set.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

/** DESIGN.md's semantics, packet by packet, straight from the intents. */
function reference(policy: Policy, plan: AddressPlan): Decide {
  const packets = intentPackets(policy, plan);
  const live = policy.flows.filter((f) => isLive(f, policy.today));
  return (p) => {
    const from = plan.identityOf(p.src).zone;
    const to = plan.identityOf(p.dst).zone;
    if (from === undefined && to === undefined) return 'unrouted';
    if (from === to) return policy.zones.get(from!)!.isolation ? 'deny' : 'same-segment';
    const excepted = (g: (typeof policy.guardrails)[number]) =>
      g.exceptions.some((e) => live.some((f) => f.id === e.flow.value && ps.contains(packets.flow(f), p)));
    if (policy.guardrails.some((g) => ps.contains(packets.guardrail(g), p) && !excepted(g))) return 'deny';
    return live.some((f) => ps.contains(packets.flow(f), p)) ? 'allow' : 'deny';
  };
}

async function example() {
  const cwd = process.cwd();
  process.chdir(REPO);
  const checked = checkPolicy(await readPolicySources(['policies/example-hospital']), TODAY);
  process.chdir(cwd);
  const plan = buildAddressPlan(checked.policy);
  return { policy: checked.policy, plan, programs: compilePolicy(checked.policy) };
}

describe('translation validation on the example hospital', () => {
  it('the compiled IR agrees with the intents on every packet class', async () => {
    const { policy, plan, programs } = await example();
    const result = validateTranslation(policy, plan, programs, reference(policy, plan));
    expect(result.classes).toBeGreaterThan(100_000);
    expect(result.disagreements.slice(0, 10)).toEqual([]);
  });

  it('can fail: a permit of a flow removed from one list shows up with a packet of that flow', async () => {
    const { policy, plan, programs } = await example();
    const sw = programs.find((p) => p.point === 'ward4-sw');
    if (sw?.kind !== 'acl') throw new Error('ward4-sw is a switch');
    const list = sw.lists.find((l) => l.zone === 'ward4e-devices' && l.direction === 'in' && l.family === 4)!;
    list.lines = list.lines.filter((l) => l.provenance.id !== 'pumps-to-pump-server');
    const result = validateTranslation(policy, plan, programs, reference(policy, plan));
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements[0]).toMatchObject({ simulator: 'allow', compiled: 'deny' });
    expect(result.disagreements[0]!.packet).toMatch(/^10\.20\.\d+\.\d+ → 10\.50\.\d+\.\d+ tcp\/(443|8443|9443)$/);
  });

  it('can fail: without the exception lines ahead of the guardrail, the excepted vendor flow is cut', async () => {
    const { policy, plan, programs } = await example();
    for (const p of programs) {
      if (p.kind === 'acl') for (const l of p.lists) l.lines = l.lines.filter((x) => x.provenance.kind !== 'exception');
      else p.rules = p.rules.filter((r) => r.provenance.kind !== 'exception');
    }
    const result = validateTranslation(policy, plan, programs, reference(policy, plan));
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.simulator === 'allow' && d.compiled === 'deny' && d.packet.endsWith('tcp/22'))).toBe(true);
  });
});
