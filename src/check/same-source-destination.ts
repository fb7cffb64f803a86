import { diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import { definedLabels, refersToNothing } from '../model/references.js';
import * as iv from '../net/interval-set.js';
import type { Check } from './check.js';
import { endpointsText } from './guardrail-violation.js';

export const sameSourceDestination: Check = {
  code: 'WL507',
  name: 'same-source-destination',
  severity: 'warning',
  description: 'A flow has the same source and destination.',
  run: ({ policy, addresses }) => {
    const labels = definedLabels(policy);
    // An expired flow has its own finding (WL504) and allows nothing; one naming something undefined has WL301.
    return policy.flows.flatMap((flow) => {
      if (!isLive(flow, policy.today) || refersToNothing(flow, labels)) return [];
      const from = addresses.endpoints(flow.from);
      const to = addresses.endpoints(flow.to);
      if (iv.isEmpty(from) || !iv.equals(from, to)) return [];
      return [
        diagnostic('WL507', 'warning', `flow "${flow.id}" has the same source and destination (${endpointsText(flow.from)})`, flow.loc, {
          hint: 'A flow opens access from one set of devices to another: check the from and to of this flow.',
        }),
      ];
    });
  },
};
