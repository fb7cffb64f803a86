import { diagnostic, related } from '../model/diagnostic.js';
import { definedLabels, refersToNothing } from '../model/references.js';
import * as ps from '../net/packet-set.js';
import type { Check } from './check.js';

export const needlessException: Check = {
  code: 'WL509',
  name: 'needless-exception',
  severity: 'warning',
  description: 'A guardrail exception names a flow that does not cross the guardrail.',
  run: ({ policy, packets }) => {
    const flows = new Map(policy.flows.map((f) => [f.id, f]));
    const labels = definedLabels(policy);
    // A guardrail or flow naming something undefined already has its finding; it says nothing about the exception.
    return policy.guardrails.filter((g) => !refersToNothing(g, labels)).flatMap((g) =>
      g.exceptions.flatMap((e) => {
        const flow = flows.get(e.flow.value);
        if (!flow || refersToNothing(flow, labels) || !ps.isEmpty(ps.intersect(packets.flow(flow), packets.guardrail(g)))) return [];
        return [
          diagnostic(
            'WL509',
            'warning',
            `guardrail "${g.id}" excepts flow "${flow.id}", which does not cross it`,
            e.flow.loc,
            {
              hint: 'Remove the exception: an exception should exist only while a flow needs it.',
              related: [related(`flow "${flow.id}" is defined here`, flow.loc)],
            },
          ),
        ];
      }),
    );
  },
};
