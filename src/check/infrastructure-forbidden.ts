import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { infrastructureFlows } from '../model/infrastructure.js';
import type { WrittenPrefix } from '../model/policy.js';
import { formatLoc } from '../model/source.js';
import { prefixBounds } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { describePacketServices, hostExample } from '../net/packet-text.js';
import type { Check } from './check.js';
import { endpointsText } from './guardrail-violation.js';

/**
 * A guardrail wins over a zone's infrastructure as over any flow (docs/infrastructure.md): the network stays as safe
 * as the guardrail says, but the zone's devices lose what the infrastructure was for (a DHCP lease), so say so.
 */
export const infrastructureForbidden: Check = {
  code: 'WL512',
  name: 'infrastructure-forbidden',
  severity: 'warning',
  description: "A guardrail forbids part of a zone's infrastructure (its DHCP relay), so that part will not work.",
  run: ({ policy, addresses, packets }) => {
    const out: Diagnostic[] = [];
    for (const flow of infrastructureFlows(policy)) {
      for (const g of policy.guardrails) {
        const crossing = ps.intersect(packets.flow(flow), packets.guardrail(g));
        if (ps.isEmpty(crossing)) continue;
        const { zone, service } = flow.infrastructure;
        out.push(
          diagnostic(
            'WL512',
            'warning',
            `guardrail "${g.id}" (${formatLoc(g.loc)}) forbids ${describePacketServices(crossing)} from zone ${zone} to ${endpointsText(flow.to)}, ` +
              `which the ${service} of zone ${zone} needs: the guardrail wins, and that part of the relay will not work; for example ${ps.formatPacket(hostExample(crossing, relaySource(policy.zones.get(zone)?.gateways ?? [], addresses.exampleHost))!)}`,
            flow.loc,
            {
              hint: `Relay to servers the guardrail allows, or narrow guardrail "${g.id}" so it does not cover DHCP between zone ${zone} and its servers.`,
              related: [related(`guardrail "${g.id}" forbids it here: ${g.why}`, g.loc)],
            },
          ),
        );
      }
    }
    return out;
  },
};

/** The relay's requests come from the zone's gateway: the example shows that one where the packets include it. */
function relaySource(gateways: readonly WrittenPrefix[], otherwise: (keys: IntervalSet) => bigint): (keys: IntervalSet) => bigint {
  return (keys) => gateways.map((g) => prefixBounds(g.prefix)[0]).find((key) => iv.contains(keys, key)) ?? otherwise(keys);
}
