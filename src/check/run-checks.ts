import { buildAddressPlan } from '../model/address-plan.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { intentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';
import type { CheckContext } from './check.js';
import { checks } from './registry.js';

/** Runs every registered check over a built policy. */
export function runChecks(policy: Policy): Diagnostic[] {
  const addresses = buildAddressPlan(policy);
  const ctx: CheckContext = { policy, addresses, packets: intentPackets(policy, addresses) };
  return Object.values(checks).flatMap((check) => check.run(ctx));
}
