import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import { intraZonePackets } from '../model/intra-zone.js';
import * as ps from '../net/packet-set.js';
import type { Check } from './check.js';

export const intraZoneOnly: Check = {
  code: 'WL503',
  name: 'intra-zone-only',
  severity: 'warning',
  description: 'An intent only intra-zone filtering could enforce.',
  run: ({ policy, addresses, packets }) => {
    const intra = intraZonePackets(policy, addresses);
    const inside = ps.union(intra.open, intra.isolated);
    const out: Diagnostic[] = [];
    for (const flow of policy.flows) {
      const mine = packets.flow(flow);
      if (!isLive(flow, policy.today) || ps.isEmpty(mine) || !ps.isSubset(mine, inside)) continue;
      const blocked = !ps.isEmpty(ps.intersect(mine, intra.isolated));
      out.push(
        diagnostic(
          'WL503',
          'warning',
          `flow "${flow.id}" only covers traffic inside one zone, which crosses no enforcement point` +
            (blocked ? ' (port isolation blocks it whatever the flows say)' : ' (it is not filtered, so it is already allowed)'),
          flow.loc,
          { hint: 'Remove the flow, or point it at endpoints in another zone.' },
        ),
      );
    }
    for (const g of policy.guardrails) {
      const unenforced = ps.intersect(packets.guardrail(g), intra.open);
      if (ps.isEmpty(unenforced)) continue;
      out.push(
        diagnostic(
          'WL503',
          'warning',
          `guardrail "${g.id}" forbids traffic inside one zone, which crosses no enforcement point and cannot be ` +
            `blocked; for example ${ps.formatPacket(ps.example(unenforced)!)}`,
          g.loc,
          { hint: 'Move the endpoints into separate zones, turn on isolation for the zone, or narrow the guardrail.' },
        ),
      );
    }
    return out;
  },
};
