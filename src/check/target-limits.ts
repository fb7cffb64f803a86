import { PLATFORM_KIND, programsOf } from '../compile/compile.js';
import { capacityFindings } from '../compile/capacity-limits.js';
import { pointLimits, programLimits, programLimitsPossible } from '../compile/limits.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Platform, Policy } from '../model/policy.js';
import { nacTargets, targets } from '../../targets/registry.js';
import { nacLimits } from '../compile/nac-limits.js';
import { nacPlan } from '../compile/nac-plan.js';
import type { CheckContext } from './check.js';

/**
 * The WL7xx findings of every enforcement point, from the same limit functions compile uses, so `check` and `compile`
 * cannot disagree: the limits of each point's zones from the model, and those of its program, with its use of the
 * device's capacity counted as compile counts it (every bundled platform has a budget).
 */
export function targetLimits(policy: Policy, context: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const needPrograms = new Set<string>();
  const unresolvedNames = context.addresses.names.all.some((e) => !context.addresses.names.resolved(e.name));
  for (const ep of policy.enforcementPoints.values()) {
    const platform = ep.platform.value;
    const target = Object.hasOwn(targets, platform) ? targets[platform] : undefined;
    const kind = PLATFORM_KIND[platform as Platform];
    // A NAC point filters nothing: no program; its answers must fit a RADIUS packet.
    if (kind === 'nac' && Object.hasOwn(nacTargets, platform)) {
      const nac = nacTargets[platform as keyof typeof nacTargets];
      out.push(...nacLimits(ep, nac.answerSizes(nacPlan(policy, ep, context))));
    }
    if (!target || kind === 'nac') continue;
    out.push(...pointLimits(policy, ep, kind, target.capabilities));
    if (programLimitsPossible(target.capabilities, unresolvedNames)) needPrograms.add(ep.name);
  }
  if (needPrograms.size === 0) return out;
  for (const program of programsOf(policy, needPrograms, context)) {
    const target = targets[program.platform]!;
    const ep = policy.enforcementPoints.get(program.point)!;
    out.push(...programLimits(policy, program, target.capabilities), ...capacityFindings(policy, ep, target.capabilities, target.usage(program)));
  }
  return out;
}
