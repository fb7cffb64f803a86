import { devicePrograms } from '../compile/devices.js';
import type { Program } from '../compile/ir.js';
import type { Policy } from '../model/policy.js';
import { targets } from '../../targets/registry.js';

/** A compiled program's files as compile writes them: `<point>/<file>`, or `<point>/<device>/<file>` for a pair or group. */
export function renderProgram(policy: Policy, program: Program): [path: string, text: string][] {
  const target = targets[program.platform];
  if (!target) throw new Error(`no target renders platform ${program.platform}`);
  return devicePrograms(policy, program).flatMap(({ device, program: p }) =>
    target.render(p).map((f): [string, string] => [`${program.point}/${device ? `${device}/` : ''}${f.path}`, f.content]),
  );
}

/** Every program's files, keyed by path. */
export function renderedFiles(policy: Policy, programs: readonly Program[]): Map<string, string> {
  return new Map(programs.flatMap((p) => renderProgram(policy, p)));
}
