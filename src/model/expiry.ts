import type { Flow } from './policy.js';

const DAY_MS = 86_400_000;

/** Days from `today` to the flow's last live day (negative once expired); undefined when it never expires. */
export function daysLeft(flow: Flow, today: string): number | undefined {
  if (!flow.expires) return undefined;
  return Math.round((Date.parse(`${flow.expires.value}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** A flow is live through its `expires` day and dead from the day after. */
export function isLive(flow: Flow, today: string): boolean {
  const left = daysLeft(flow, today);
  return left === undefined || left >= 0;
}
