import { isLive } from '../model/expiry.js';
import { infrastructureFlows } from '../model/infrastructure.js';
import type { IntentPackets } from '../model/intent-packets.js';
import type { Flow, Guardrail, Policy } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';
import * as ps from '../net/packet-set.js';
import type { PacketSet } from '../net/packet-set.js';
import type { Provenance } from './ir.js';
import { ALL_ADDRESSES } from '../net/address-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import { ALL_SERVICES } from '../net/service-set.js';
import { isMonitoredGuardrail, monitoredZones } from '../model/monitor.js';
import { monitorMarker } from '../model/monitor-marker.js';

/** One policy-wide rule before it is cut per enforcement point: first match wins. */
export interface Rule {
  action: 'permit' | 'deny';
  packets: PacketSet;
  log: boolean;
  provenance: Provenance;
  description: string;
}

export function where(loc: SourceLoc): { file: string; line: number } {
  return { file: loc.file, line: loc.range.start.line + 1 };
}

/**
 * The policy as one ordered rule list, the order every target renders: for each guardrail, its excepted flows'
 * crossing packets (minus what other guardrails forbid), then the guardrail's deny; then every live flow, less what
 * its exception rules already permit; then the zones' routed infrastructure; then a logged deny of everything.
 * Expired flows are left out.
 */
export function policyRules(policy: Policy, packets: IntentPackets, plan: { zone(name: string): IntervalSet }): Rule[] {
  const live = policy.flows.filter((f) => isLive(f, policy.today));
  const flows = new Map(live.map((f) => [f.id, f]));
  const rules: Rule[] = [];
  // What exception rules already permit, per flow: the flow's own rule leaves it out rather than repeat it.
  const excepted = new Map<string, PacketSet>();
  for (const g of policy.guardrails) {
    const forbidden = packets.guardrail(g);
    for (const e of g.exceptions) {
      const flow = flows.get(e.flow.value);
      if (!flow) continue;
      // Other enforced guardrails that do not except the flow still deny its packets; one in monitor mode denies nothing.
      const others = policy.guardrails.filter((o) => o !== g && !isMonitoredGuardrail(o) && !o.exceptions.some((x) => x.flow.value === flow.id));
      const crossing = ps.subtract(ps.intersect(packets.flow(flow), forbidden), ps.unionAll(others.map(packets.guardrail)));
      if (ps.isEmpty(crossing)) continue;
      excepted.set(flow.id, ps.union(excepted.get(flow.id) ?? ps.EMPTY_PACKETS, crossing));
      rules.push({
        action: 'permit',
        packets: crossing,
        log: flow.log,
        provenance: { kind: 'exception', id: flow.id, guardrail: g.id, ...where(flow.loc) },
        description: `${flow.id}: excepted from ${g.id}: ${e.why}`,
      });
    }
    if (!isMonitoredGuardrail(g)) rules.push(guardrailRule(g, forbidden));
  }
  // A guardrail in monitor mode passes and logs what it forbids, after every enforced guardrail has denied its part.
  for (const g of policy.guardrails.filter(isMonitoredGuardrail)) rules.push(monitoredGuardrailRule(g, packets.guardrail(g)));
  for (const flow of live) {
    const done = excepted.get(flow.id);
    const rest = done ? ps.subtract(packets.flow(flow), done) : packets.flow(flow);
    if (!ps.isEmpty(rest)) rules.push(flowRule(flow, rest));
  }
  // The zones' routed infrastructure (DHCP relay) is decided as a flow is, after the guardrails.
  for (const flow of infrastructureFlows(policy)) {
    const allowed = packets.flow(flow);
    if (!ps.isEmpty(allowed)) rules.push({ ...flowRule(flow, allowed), provenance: { kind: 'infrastructure', id: flow.id, ...where(flow.loc) } });
  }
  // Monitored zones pass and log what the default would deny, from them or to them; the first such zone in policy order names it.
  for (const zone of monitoredZones(policy)) {
    const set = plan.zone(zone);
    rules.push({
      action: 'permit',
      packets: ps.union(ps.between(set, ALL_ADDRESSES, ALL_SERVICES), ps.between(ALL_ADDRESSES, set, ALL_SERVICES)),
      log: true,
      provenance: { kind: 'monitor', id: zone, monitor: monitorMarker({ kind: 'default', zone }) },
      description: `monitor: zone ${zone} is in monitor mode: what the default would deny from or to it is passed and logged`,
    });
  }
  rules.push({
    action: 'deny',
    packets: ps.ALL_PACKETS,
    log: true,
    provenance: { kind: 'default' },
    description: 'default deny: nothing else is allowed',
  });
  return rules;
}

function guardrailRule(g: Guardrail, forbidden: PacketSet): Rule {
  return {
    action: 'deny',
    packets: forbidden,
    log: g.log,
    provenance: { kind: 'guardrail', id: g.id, ...where(g.loc) },
    description: `${g.id}: ${g.why}`,
  };
}

function monitoredGuardrailRule(g: Guardrail, forbidden: PacketSet): Rule {
  return {
    action: 'permit',
    packets: forbidden,
    log: true,
    provenance: { kind: 'guardrail', id: g.id, ...where(g.loc), monitor: monitorMarker({ kind: 'guardrail', id: g.id }) },
    description: `${g.id}: monitor mode, would deny: ${g.why}`,
  };
}

function flowRule(flow: Flow, allowed: PacketSet): Rule {
  return {
    action: 'permit',
    packets: allowed,
    log: flow.log,
    provenance: { kind: 'flow', id: flow.id, ...where(flow.loc) },
    description: flow.why ? `${flow.id}: ${flow.why}` : flow.id,
  };
}

/**
 * What each permit rule lets through at its place in the order (minus the denies before it): the connections
 * whose replies stateless targets must pass. Overlapping permits each keep their part, so replies carry provenance.
 */
export function effectivePermits(rules: readonly Rule[]): { rule: Rule; packets: PacketSet }[] {
  let denied = ps.EMPTY_PACKETS;
  const out: { rule: Rule; packets: PacketSet }[] = [];
  for (const rule of rules) {
    if (rule.action === 'deny') {
      denied = ps.union(denied, rule.packets);
      continue;
    }
    // Most permits meet no deny: they keep their own set (no copy), which the zone index then finds known.
    const packets = ps.meets(rule.packets, denied) ? ps.subtract(rule.packets, denied) : rule.packets;
    if (!ps.isEmpty(packets)) out.push({ rule, packets });
  }
  return out;
}
