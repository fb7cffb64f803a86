import { PLATFORM_KIND, programsOf } from '../compile/compile.js';
import { pointLimits, programLimits, programLimitsPossible } from '../compile/limits.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Platform, Policy } from '../model/policy.js';
import { targets } from '../../targets/registry.js';
import type { CheckContext } from './check.js';

/**
 * The WL7xx findings of every enforcement point, from the same limit functions compile uses, so `check` and `compile`
 * cannot disagree: the limits of each point's zones from the model, and, only for points whose platform has limits
 * an intent can meet (PAN-OS: SCTP ports, ::/96), those of its program, built as compile builds it.
 */
export function targetLimits(policy: Policy, context: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const needPrograms = new Set<string>();
  for (const ep of policy.enforcementPoints.values()) {
    const platform = ep.platform.value;
    const target = Object.hasOwn(targets, platform) ? targets[platform] : undefined;
    if (!target) continue;
    out.push(...pointLimits(policy, ep, PLATFORM_KIND[platform as Platform], target.capabilities));
    if (programLimitsPossible(target.capabilities)) needPrograms.add(ep.name);
  }
  if (needPrograms.size === 0) return out;
  for (const program of programsOf(policy, needPrograms, context)) out.push(...programLimits(policy, program, targets[program.platform]!.capabilities));
  return out;
}
