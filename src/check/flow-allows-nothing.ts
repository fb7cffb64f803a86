import { diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import { definedLabels, refersToNothing } from '../model/references.js';
import { V4_ADDRESSES, V6_ADDRESSES } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import type { Check } from './check.js';
import { endpointsText } from './guardrail-violation.js';

const familiesOf = (set: IntervalSet) =>
  [iv.isEmpty(iv.intersect(set, V4_ADDRESSES)) ? undefined : 'IPv4', iv.isEmpty(iv.intersect(set, V6_ADDRESSES)) ? undefined : 'IPv6'].filter(
    (f): f is string => f !== undefined,
  );

/**
 * A live flow whose packets are none: its sources and destinations share no address family (IPv4-only devices to an
 * IPv6-only server), or its services exist in none of the families they share (ICMPv6 between IPv4 hosts). Nothing is
 * rendered for it and nothing is allowed, which its author did not mean.
 */
export const flowAllowsNothing: Check = {
  code: 'WL510',
  name: 'flow-allows-nothing',
  severity: 'warning',
  description: 'A flow allows no packet: its ends share no address family, or its services exist in none they share.',
  run: ({ policy, addresses, packets }) => {
    const labels = definedLabels(policy);
    // Expired flows (WL504) and flows naming something undefined (WL301, WL306, WL508) allow less for their own reason.
    return policy.flows.flatMap((flow) => {
      if (!isLive(flow, policy.today) || refersToNothing(flow, labels)) return [];
      const from = addresses.endpoints(flow.from);
      const to = addresses.endpoints(flow.to);
      if (iv.isEmpty(from) || iv.isEmpty(to) || !ps.isEmpty(packets.flow(flow))) return [];
      const mine = familiesOf(from);
      const theirs = familiesOf(to);
      const shared = mine.filter((f) => theirs.includes(f));
      const why =
        shared.length === 0
          ? `its sources (${endpointsText(flow.from)}) are ${mine.join(' and ')} only and its destinations (${endpointsText(flow.to)}) ${theirs.join(' and ')} only`
          : `its services (${endpointsText(flow.services)}) exist in no address family its ends share (${shared.join(', ')})`;
      return [
        diagnostic('WL510', 'warning', `flow "${flow.id}" allows nothing: ${why}`, flow.loc, {
          hint:
            shared.length === 0
              ? 'Give both ends an address family in common (an IPv6 prefix for the IPv4-only side, or the other way round), or remove the flow.'
              : 'ICMP exists only between IPv4 addresses and ICMPv6 only between IPv6 addresses: name the services of the family the ends share.',
        }),
      ];
    });
  },
};
