import { createHash } from 'node:crypto';

/**
 * The stable marker a monitor-mode rule logs with, naming what would have denied the packet: `wlmon-` and eight hex
 * digits of sha256 over the key of what would deny (`guardrail:ID`, or `default:ZONE` for a monitored zone's default). Short enough for iptables' 29-character --log-prefix and for every
 * platform's rule names and log tags; `wardline observe` maps it back to the intent through the same keys.
 */
export const MONITOR_PREFIX = 'wlmon-';

/** What would have denied: a guardrail by id, or the default deny, for traffic from or to a monitored zone. */
export type MonitorKey = { kind: 'guardrail'; id: string } | { kind: 'default'; zone: string };

export function monitorKeyText(key: MonitorKey): string {
  return key.kind === 'guardrail' ? `guardrail:${key.id}` : `default:${key.zone}`;
}

export function monitorMarker(key: MonitorKey): string {
  return `${MONITOR_PREFIX}${createHash('sha256').update(monitorKeyText(key)).digest('hex').slice(0, 8)}`;
}

/** The marker in a log line or rule name, when there is one. */
export function findMonitorMarker(text: string): string | undefined {
  return /\bwlmon-[0-9a-f]{8}\b/.exec(text)?.[0];
}
