import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { Flow, Guardrail } from '../model/policy.js';
import { formatLoc } from '../model/source.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { describePacketServices, hostExample } from '../net/packet-text.js';
import type { Check } from './check.js';
import { liveFlowIndex } from './live-flow-index.js';

export const endpointsText = (refs: readonly { text: string }[]) => refs.map((r) => r.text).join(', ');

export const guardrailViolation: Check = {
  code: 'WL501',
  name: 'guardrail-violation',
  severity: 'error',
  description: 'A flow allows packets that a guardrail forbids.',
  run: ({ policy, addresses, packets }) => {
    const { index } = liveFlowIndex(policy, addresses);
    const out: Diagnostic[] = [];
    for (const g of policy.guardrails) {
      const forbidden = packets.guardrail(g);
      const excepted = new Set(g.exceptions.map((e) => e.flow.value));
      const [src, dst] = [addresses.endpoints(g.from), addresses.endpoints(g.to)];
      for (const flow of index.candidates(src, dst)) {
        // Addresses first, so a flow that shares no address with the guardrail needs no packet set.
        if (excepted.has(flow.id) || !overlaps(src, addresses.endpoints(flow.from)) || !overlaps(dst, addresses.endpoints(flow.to))) continue;
        const crossing = ps.intersect(packets.flow(flow), forbidden);
        if (!ps.isEmpty(crossing)) out.push(violation(flow, g, crossing, addresses.exampleHost, addresses.names.keyText));
      }
    }
    return out;
  },
};

function overlaps(a: IntervalSet, b: IntervalSet): boolean {
  return !iv.isEmpty(iv.intersect(a, b));
}

function violation(flow: Flow, g: Guardrail, crossing: ps.PacketSet, pickHost: (keys: IntervalSet) => bigint, keyText: (key: bigint) => string): Diagnostic {
  const example = hostExample(crossing, pickHost)!;
  const services = describePacketServices(crossing);
  return diagnostic(
    'WL501',
    'error',
    `flow "${flow.id}" (${formatLoc(flow.loc)}) allows ${services} from ${endpointsText(flow.from)} to ` +
      `${endpointsText(flow.to)}, which guardrail "${g.id}" (${formatLoc(g.loc)}) forbids; ` +
      `for example ${ps.formatPacket(example, keyText)}`,
    flow.loc,
    {
      hint: `Remove the flow, narrow it, or list it under the exceptions of guardrail "${g.id}" with a why.`,
      related: [related(`guardrail "${g.id}" forbids it here: ${g.why}`, g.loc)],
    },
  );
}
