import { buildAddressPlan } from '../model/address-plan.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { intentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';
import { DEFAULT_HORIZON_DAYS, type Check, type CheckContext } from './check.js';
import { checks } from './registry.js';

/** What the checks share: the address plan and the (memoised) intent packets; the compiler reuses it. */
export function checkContext(policy: Policy, horizon = DEFAULT_HORIZON_DAYS): CheckContext {
  const addresses = buildAddressPlan(policy);
  return { policy, addresses, packets: intentPackets(policy, addresses), horizon };
}

/** Runs every registered check (or those `only` keeps) over a built policy. */
export function runChecks(policy: Policy, only: (check: Check) => boolean = () => true, ctx = checkContext(policy)): Diagnostic[] {
  return Object.values(checks)
    .filter(only)
    .flatMap((check) => check.run(ctx));
}

/**
 * The checks whose findings stop a policy from being simulated: errors, but not failed expectations (WL6xx), which
 * queries and diffs are there to explain. Warnings are `wardline check`'s business (they cost half of a big check).
 */
export function blocksSimulation(check: Check): boolean {
  return check.severity === 'error' && !check.code.startsWith('WL6');
}
