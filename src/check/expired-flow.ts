import { diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import type { Check } from './check.js';

export const expiredFlow: Check = {
  code: 'WL504',
  name: 'expired-flow',
  severity: 'warning',
  description: 'A flow is past its expiry date and is not rendered.',
  run: ({ policy }) =>
    policy.flows
      .filter((f) => f.expires && !isLive(f, policy.today))
      .map((f) =>
        diagnostic(
          'WL504',
          'warning',
          `flow "${f.id}" expired on ${f.expires!.value}: it is not rendered and allows nothing`,
          f.expires!.loc,
          { hint: 'Remove the flow, or renew it with a new expires date and a ticket that approves the extension.' },
        ),
      ),
};
