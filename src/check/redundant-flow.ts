import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { isLive } from '../model/expiry.js';
import { zonePairIndex } from '../model/zone-index.js';
import * as ps from '../net/packet-set.js';
import type { Check } from './check.js';

const MAX_RELATED = 3;

export const redundantFlow: Check = {
  code: 'WL502',
  name: 'redundant-flow',
  severity: 'warning',
  description: 'Every packet of a flow is already allowed by other flows.',
  run: ({ policy, addresses, packets }) => {
    const live = policy.flows.filter((f) => isLive(f, policy.today));
    const order = new Map(live.map((f, i) => [f, i]));
    const index = zonePairIndex(addresses, live, (f) => addresses.endpoints(f.from), (f) => addresses.endpoints(f.to));
    const out: Diagnostic[] = [];
    for (const flow of live) {
      const mine = packets.flow(flow);
      if (ps.isEmpty(mine)) continue;
      // Overlapping flows only; of two identical flows only the later one is reported.
      const others = index.candidates(addresses.endpoints(flow.from), addresses.endpoints(flow.to)).filter((o) => {
        if (o === flow) return false;
        const theirs = packets.flow(o);
        if (ps.isEmpty(ps.intersect(theirs, mine))) return false;
        return !(order.get(o)! > order.get(flow)! && ps.equals(theirs, mine));
      });
      if (others.length === 0) continue;
      if (!ps.isSubset(mine, ps.unionAll(others.map((o) => packets.flow(o))))) continue;
      const names = others.map((o) => `"${o.id}"`).join(', ');
      out.push(
        diagnostic('WL502', 'warning', `flow "${flow.id}" allows nothing that ${plural(others.length)} ${names} ${others.length === 1 ? 'does' : 'do'} not already allow`, flow.loc, {
          hint: 'Remove the flow, or narrow the others if this one states the intent better.',
          related: others.slice(0, MAX_RELATED).map((o) => related(`flow "${o.id}" covers part of it`, o.loc)),
        }),
      );
    }
    return out;
  },
};

function plural(n: number): string {
  return n === 1 ? 'flow' : 'flows';
}
