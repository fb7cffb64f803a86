import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { AddressPlan } from '../model/address-plan.js';
import type { Policy } from '../model/policy.js';
import type { IntentPackets } from '../model/intent-packets.js';

/** What every check sees: the model, its address identities, and the packet sets of its intents (memoised). */
export interface CheckContext {
  policy: Policy;
  addresses: AddressPlan;
  packets: IntentPackets;
  /** How many days ahead of `policy.today` the checks look for what an expiry will change (`check --horizon`). */
  horizon: number;
}

/** The horizon when none is asked for: two weeks, time enough to renew a contract's flow. */
export const DEFAULT_HORIZON_DAYS = 14;

/** One semantic check: one file, one stable code, messages next to the code that emits them. */
export interface Check {
  code: string;
  name: string;
  severity: Severity;
  description: string;
  run(ctx: CheckContext): Diagnostic[];
}
