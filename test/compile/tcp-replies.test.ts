import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { irEvaluator, type WirePacket } from '../../src/compile/evaluate.js';
import type { Program } from '../../src/compile/ir.js';
import { ACK, FIN, flagsText, PSH, REPLY_SEGMENT_FLAGS, replyFlagsMatch, RST, SYN, URG } from '../../src/compile/tcp-replies.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import type { Policy } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';
import { randomPolicy } from '../sim/random-policy.js';

async function example() {
  const checked = checkPolicy(await readPolicySources([`${REPO}policies/example-hospital`]), TODAY);
  return { policy: checked.policy, programs: compilePolicy(checked.policy) };
}

function validate(policy: Policy, programs: readonly Program[]) {
  const sim = simulator(policy);
  return validateTranslation(policy, buildAddressPlan(policy), programs, sim);
}

function key(text: string): bigint {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
}

describe('TCP reply flags', () => {
  it('an ACK-or-RST match passes any segment with either bit; a whole-field match only the listed values', () => {
    for (const flags of [ACK, RST, SYN | ACK, ACK | URG, FIN | PSH | ACK]) expect(replyFlagsMatch(undefined, flags), flagsText(flags)).toBe(true);
    for (const flags of [SYN, FIN, 0, PSH]) expect(replyFlagsMatch(undefined, flags), flagsText(flags)).toBe(false);
    for (const flags of REPLY_SEGMENT_FLAGS) expect(replyFlagsMatch(REPLY_SEGMENT_FLAGS, flags), flagsText(flags)).toBe(true);
    for (const flags of [SYN, ACK | URG, SYN | FIN, 0]) expect(replyFlagsMatch(REPLY_SEGMENT_FLAGS, flags), flagsText(flags)).toBe(false);
    expect(REPLY_SEGMENT_FLAGS.map(flagsText)).toEqual(['RST', 'RST+ACK', 'SYN+ACK', 'ACK', 'PSH+ACK', 'FIN+ACK', 'FIN+PSH+ACK']);
  });

  it('the IR says which points compare the whole field: the EXOS switch of the example, no other', async () => {
    const { programs } = await example();
    const listed = programs.filter((p) => p.kind === 'acl' && p.tcpReplyFlags).map((p) => `${p.point} ${p.platform}`);
    expect(listed).toEqual(['imaging-sw extreme-exos']);
  });

  it('the evaluator passes a reply segment on the EXOS switch by its exact flags: a bare SYN or ACK+URG back is stopped', async () => {
    const { policy, programs } = await example();
    const ir = irEvaluator(programs, buildAddressPlan(policy), (zone) => policy.zones.get(zone)?.via.value);
    // A DICOM reply from a CT scanner (imaging, via imaging-sw) to PACS (pacs-to-modalities, dicom tcp/104).
    const reply = (tcpFlags: number): WirePacket => ({ src: key('10.45.0.17'), dst: key('10.50.12.1'), proto: 6, port: 61000, srcPort: 104, tcpFlags });
    for (const flags of REPLY_SEGMENT_FLAGS) expect(ir.packet(reply(flags), { reply: true }).action, flagsText(flags)).toBe('permit');
    for (const flags of [SYN, ACK | URG]) {
      const verdict = ir.packet(reply(flags), { reply: true });
      expect(verdict.action, flagsText(flags)).toBe('deny');
      expect(verdict.hops[0]).toMatchObject({ point: 'imaging-sw', where: 'imaging in imaging-in-v4', action: 'deny' });
    }
    // The same segments on an ACK-or-RST platform: ACK+URG passes, the SYN does not.
    const sw = programs.find((p) => p.point === 'imaging-sw')!;
    if (sw.kind !== 'acl') throw new Error('imaging-sw is a switch');
    delete sw.tcpReplyFlags;
    expect(ir.packet(reply(ACK | URG), { reply: true }).action).toBe('permit');
    expect(ir.packet(reply(SYN), { reply: true }).action).toBe('deny');
  });

  it('can fail: validation sends every kind of reply segment, so a whole-field list without SYN+ACK breaks the flows', async () => {
    const { policy, programs } = await example();
    const sw = programs.find((p) => p.point === 'imaging-sw')!;
    if (sw.kind !== 'acl') throw new Error('imaging-sw is a switch');
    sw.tcpReplyFlags = REPLY_SEGMENT_FLAGS.filter((f) => f !== (SYN | ACK));
    const result = validate(policy, programs);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.simulator === 'allow' && /^allow forward, reply stopped at imaging-sw .* \(SYN\+ACK\)$/.test(d.compiled))).toBe(true);
    // And FIN+PSH+ACK, the close that carries the last data.
    sw.tcpReplyFlags = REPLY_SEGMENT_FLAGS.filter((f) => f !== (FIN | PSH | ACK));
    expect(validate(policy, programs).disagreements[0]?.compiled).toMatch(/\(FIN\+PSH\+ACK\)$/);
  });

  it('random policies with a whole-field switch: the IR evaluator equals the simulator on every class', () => {
    fc.assert(
      fc.property(randomPolicy, ({ yaml }) => {
        const exos = yaml.replace('ep1: { platform: cisco-ios }', 'ep1: { platform: extreme-exos }');
        expect(exos).not.toBe(yaml);
        const loaded = loadPolicy([{ path: 'random.yaml', text: exos }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the edited policy is broken: ${errors[0]!.message}`);
        const programs = compilePolicy(loaded.policy);
        expect(programs.some((p) => p.kind === 'acl' && p.tcpReplyFlags)).toBe(true);
        const result = validate(loaded.policy, programs);
        expect(result.disagreements.slice(0, 3), exos).toEqual([]);
      }),
      { seed: Number(process.env.SEED ?? 20261201), numRuns: Number(process.env.RUNS ?? 30) },
    );
  });
});
