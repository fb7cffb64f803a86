import { monitorKeyText, monitorMarker, type MonitorKey } from '../model/monitor-marker.js';
import type { Policy } from '../model/policy.js';

/** Each marker this policy's monitor-mode rules would log, with what it names (`guardrail:ID`, `default:ZONE`). */
export function markerIntents(policy: Policy): Map<string, string> {
  const keys: MonitorKey[] = [
    ...policy.guardrails.map((g): MonitorKey => ({ kind: 'guardrail', id: g.id })),
    ...[...policy.zones.keys()].map((zone): MonitorKey => ({ kind: 'default', zone })),
  ];
  return new Map(keys.map((k) => [monitorMarker(k), monitorKeyText(k)]));
}
