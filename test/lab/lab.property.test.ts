import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomPolicy } from '../sim/random-policy.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';
import { labAvailable, leftovers } from './lab-available.js';

/** The built lab (its agent runs from dist/), fed policies loaded by the built loader. */
const dist = (path: string) => import(pathToFileURL(join(REPO, 'dist', path)).href);
// Each policy builds a lab (about a second of namespaces and probes): 9 in npm test; WARDLINE_LAB_POLICIES hunts longer.
const POLICIES = Number(process.env.WARDLINE_LAB_POLICIES ?? 9);
/** Labs side by side: each spends most of its time waiting for timeouts and building namespaces. */
const AT_ONCE = 4;

describe.skipIf(!labAvailable.ok && !labAvailable.required)('wardline lab on random policies (kernel)', () => {
  it(`agrees with the simulator on every probe of ${POLICIES} small random policies`, async () => {
    expect(labAvailable.ok, labAvailable.why).toBe(true);
    const { runLab } = await dist('src/lab/run-lab.js');
    const { loadPolicy } = await dist('src/lang/load-policy.js');
    const samples = fc.sample(randomPolicy, { seed: 20261129, numRuns: POLICIES });
    const failures: string[] = [];
    let probed = 0;
    const runs: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const { yaml } = samples[next++]!;
        const loaded = loadPolicy([{ path: 'random.yaml', text: yaml }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the generator wrote a broken policy: ${errors[0].message}\n${yaml}`);
        const r = await runLab(loaded.policy, { keep: false, timeoutMs: 500, quiet: true });
        probed += r.probes.length;
        runs.push(r.labId);
        const wrong = r.probes.filter((p: { actual: boolean; expected: boolean }) => p.actual !== p.expected);
        const show = (p: { kind: { label: string }; src: { address: string }; dst: { address: string }; actual: boolean }) =>
          `${p.kind.label} ${p.src.address} -> ${p.dst.address}: kernel ${p.actual ? 'allowed' : 'blocked'}`;
        if (wrong.length > 0 || r.faults.length > 0) failures.push(`${[...wrong.map(show), ...r.faults].join('\n')}\n${yaml}`);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    expect(failures, failures.join('\n\n')).toEqual([]);
    // Not vacuous: every policy was built and probed.
    expect(probed).toBeGreaterThan(POLICIES * 10);
    for (const id of runs) expect(leftovers(id)).toEqual([]);
  }, 300_000);
});
