import { checkPolicy } from '../../src/check/check-policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { simulator, type Simulator } from '../../src/sim/simulator.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

let cached: Simulator | undefined;

/** The simulator over the bundled example hospital, as of TODAY (2026-11-28); file names are relative to its directory. */
export async function exampleSimulator(): Promise<Simulator> {
  if (cached) return cached;
  const checked = checkPolicy(await readPolicySources([`${REPO}policies/example-hospital`]), TODAY);
  if (!checked.complete) throw new Error('the example hospital does not load');
  cached = simulator(checked.policy);
  return cached;
}
