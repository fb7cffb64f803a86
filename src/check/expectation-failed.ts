import { expectationFindings } from '../sim/expectations.js';
import type { Check } from './check.js';

/** The policy's own tests (`expect:`), answered by the simulator, the reference semantics. */
export const expectationFailed: Check = {
  code: 'WL601',
  name: 'expectation-failed',
  severity: 'error',
  description: 'An expectation of the policy does not hold.',
  run: ({ policy, addresses, packets }) => expectationFindings(policy, { addresses, packets }),
};
