import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import type { Program } from '../../src/compile/ir.js';
import type { Policy } from '../../src/model/policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { REPO } from './cli.js';
import { TODAY } from './policy.js';
import { join } from 'node:path';

let example: Program[] | undefined;
let policy: Policy | undefined;

/** The model of the bundled example hospital as of TODAY. */
export async function loadExample(): Promise<{ policy: Policy }> {
  if (!policy) {
    const checked = checkPolicy(await readPolicySources([join(REPO, 'policies', 'example-hospital')]), TODAY);
    if (!checked.complete) throw new Error('the example hospital does not load');
    policy = checked.policy;
  }
  return { policy };
}

/** The IR of the bundled example hospital as of TODAY, for every enforcement point. Paths relative to its directory. */
export async function exampleHospitalPrograms(): Promise<Program[]> {
  if (!example) example = compilePolicy((await loadExample()).policy);
  return example;
}

export async function exampleProgram(platform: string): Promise<Program[]> {
  return (await exampleHospitalPrograms()).filter((p) => p.platform === platform);
}
