import type { Guardrail, Policy, Zone } from './policy.js';

/*
 * Monitor mode (staged rollout). A zone is monitored when it says `mode: monitor` or its enforcement point does (a
 * point's mode is its zones'). For a packet the policy would deny:
 * - denied by default, between two zones of which either is monitored (or from/to a monitored zone and external):
 *   passed and logged, the default's marker naming the point that logs it;
 * - denied by guardrails: passed and logged only when every guardrail that forbids it is in monitor mode. An enforced
 *   guardrail denies in a monitored zone too: a guest must not reach a pump during a rollout.
 * Nothing else changes: what flows allow stays allowed, same-segment and isolation stay as they are.
 */

export function isMonitoredZone(policy: Policy, zone: Zone): boolean {
  return zone.mode === 'monitor' || policy.enforcementPoints.get(zone.via.value)?.mode === 'monitor';
}

/** The names of the monitored zones, in policy order. */
export function monitoredZones(policy: Policy): string[] {
  return [...policy.zones.values()].filter((z) => isMonitoredZone(policy, z)).map((z) => z.name);
}

export function isMonitoredGuardrail(g: Guardrail): boolean {
  return g.mode === 'monitor';
}
