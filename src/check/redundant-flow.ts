import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { Flow } from '../model/policy.js';
import { definedLabels, refersToNothing } from '../model/references.js';
import { formatLine } from '../model/source.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import type { Check } from './check.js';
import { liveFlowIndex } from './live-flow-index.js';

/**
 * Flows are weighed from the last to the first, and a flow found redundant is set aside before the ones above
 * it are weighed: of flows that cover each other (two identical flows; c = a ∪ b) only the later ones are
 * reported, each naming kept flows only, so every reported flow can be removed together without changing
 * what the policy allows.
 */
export const redundantFlow: Check = {
  code: 'WL502',
  name: 'redundant-flow',
  severity: 'warning',
  description: 'Every packet of a flow is already allowed by other flows.',
  run: ({ policy, addresses, packets }) => {
    const labels = definedLabels(policy);
    const { live, index } = liveFlowIndex(policy, addresses);
    const setAside = new Set<Flow>();
    const out: Diagnostic[] = [];
    for (const flow of [...live].reverse()) {
      // A flow naming something undefined is smaller than meant; its WL301 comes first.
      if (refersToNothing(flow, labels)) continue;
      const [src, dst] = [addresses.endpoints(flow.from), addresses.endpoints(flow.to)];
      // Addresses first: most flows share a zone pair with others but no address, and need no packet set here.
      const near = index
        .candidates(src, dst)
        .filter((o) => o !== flow && !setAside.has(o) && overlaps(src, addresses.endpoints(o.from)) && overlaps(dst, addresses.endpoints(o.to)));
      if (near.length === 0) continue;
      const mine = packets.flow(flow);
      if (ps.isEmpty(mine)) continue;
      const others = near.filter((o) => !ps.isEmpty(ps.intersect(packets.flow(o), mine)));
      if (others.length === 0 || !ps.isSubset(mine, ps.unionAll(others.map((o) => packets.flow(o))))) continue;
      setAside.add(flow);
      out.push(report(flow, fewestCovering(mine, others, packets.flow)));
    }
    return out;
  },
};

/**
 * A covering set none of whose flows can be left out: one flow alone when one suffices, else the overlapping
 * flows pruned in file order (each dropped when the ones kept so far and the ones after it still cover).
 */
function fewestCovering(mine: PacketSet, others: Flow[], packetsOf: (f: Flow) => PacketSet): Flow[] {
  const single = others.find((o) => ps.isSubset(mine, packetsOf(o)));
  if (single) return [single];
  const after: PacketSet[] = new Array(others.length + 1);
  after[others.length] = ps.EMPTY_PACKETS;
  for (let i = others.length - 1; i >= 0; i--) after[i] = ps.union(after[i + 1]!, ps.intersect(packetsOf(others[i]!), mine));
  const kept: Flow[] = [];
  let keptPackets = ps.EMPTY_PACKETS;
  others.forEach((o, i) => {
    if (ps.isSubset(mine, ps.union(keptPackets, after[i + 1]!))) return;
    kept.push(o);
    keptPackets = ps.union(keptPackets, ps.intersect(packetsOf(o), mine));
  });
  return kept;
}

function overlaps(a: IntervalSet, b: IntervalSet): boolean {
  return !iv.isEmpty(iv.intersect(a, b));
}

function report(flow: Flow, covering: Flow[]): Diagnostic {
  const names = covering.map((o) => `"${o.id}" (${formatLine(o.loc)})`).join(covering.length === 2 ? ' and ' : ', ');
  const subject = covering.length === 1 ? `flow ${names} does` : `flows ${names} together do`;
  return diagnostic('WL502', 'warning', `flow "${flow.id}" allows nothing that ${subject} not already allow`, flow.loc, {
    hint:
      covering.length === 1
        ? 'Remove this flow, or narrow the other one if this one states the intent better.'
        : 'Remove this flow, or narrow the others if this one states the intent better.',
    related: covering.map((o) => related(`flow "${o.id}" covers ${covering.length === 1 ? 'all' : 'part'} of it`, o.loc)),
  });
}
