import { diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import * as iv from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import type { Check } from './check.js';

const MEDICAL = 'medical';

export const medicalFlowUnowned: Check = {
  code: 'WL506',
  name: 'medical-flow-unowned',
  severity: 'warning',
  description: 'A flow into a medical zone or group has no owner or why.',
  run: ({ policy, addresses, packets }) => {
    const medical = addresses.label(MEDICAL);
    return policy.flows.flatMap((flow) => {
      // An expired flow allows nothing: its only finding is WL504.
      if (!isLive(flow, policy.today)) return [];
      const missing = [!flow.owner && 'owner', !flow.why && 'why'].filter((x): x is string => Boolean(x));
      if (missing.length === 0) return [];
      if (iv.isEmpty(iv.intersect(ps.destinationsOf(packets.flow(flow)), medical))) return [];
      return [
        diagnostic(
          'WL506',
          'warning',
          `flow "${flow.id}" reaches devices labelled ${MEDICAL} but has no ${missing.join(' and no ')}`,
          flow.loc,
          { hint: 'Say who answers for this access (owner: a team mailbox) and why clinical devices need it (why:).' },
        ),
      ];
    });
  },
};
