import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import type { AddressPlan } from '../model/address-plan.js';
import { intraZonePackets } from '../model/intra-zone.js';
import type { Flow } from '../model/policy.js';
import { definedLabels, refersToNothing } from '../model/references.js';
import { EXTERNAL, zonesTouched } from '../model/zone-index.js';
import * as ps from '../net/packet-set.js';
import { hostExample } from '../net/packet-text.js';
import type { Check } from './check.js';

export const intraZoneOnly: Check = {
  code: 'WL503',
  name: 'intra-zone-only',
  severity: 'warning',
  description: 'An intent only intra-zone filtering could enforce.',
  run: ({ policy, addresses, packets }) => {
    const intra = intraZonePackets(policy, addresses);
    const inside = ps.union(intra.open, intra.isolated);
    const labels = definedLabels(policy);
    const out: Diagnostic[] = [];
    for (const flow of policy.flows) {
      if (!isLive(flow, policy.today) || refersToNothing(flow, labels) || !withinOneZone(addresses, flow)) continue;
      const mine = packets.flow(flow);
      if (ps.isEmpty(mine) || !ps.isSubset(mine, inside)) continue;
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
            `blocked; for example ${ps.formatPacket(hostExample(unenforced, addresses.exampleHost)!)}`,
          g.loc,
          { hint: 'Move the endpoints into separate zones, turn on isolation for the zone, or narrow the guardrail.' },
        ),
      );
    }
    return out;
  },
};

/** Cheap pre-filter: only a flow whose sources and destinations lie in one and the same zone can stay inside it. */
function withinOneZone(addresses: AddressPlan, flow: Flow): boolean {
  const from = zonesTouched(addresses, addresses.endpoints(flow.from));
  const to = zonesTouched(addresses, addresses.endpoints(flow.to));
  return from.length === 1 && to.length === 1 && from[0] === to[0] && from[0] !== EXTERNAL;
}
