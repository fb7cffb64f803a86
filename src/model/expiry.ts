import type { Flow } from './policy.js';

const DAY_MS = 86_400_000;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why a text is not a calendar day written YYYY-MM-DD, or undefined when it is one. Checked field by field:
 * Date.parse rolls 2026-02-30 over into March instead of refusing it.
 */
export function dateProblem(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return 'it is not written YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : MONTH_DAYS[month - 1]!;
  if (day < 1 || day > days) return `${m[1]}-${m[2]} has ${days} days`;
  return undefined;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  return dateProblem(text) === undefined;
}

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

/** `YYYY-MM-DD` moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days on which the policy means what it means on `today`: from the day after the last expiry before today,
 * through the next expiry on or after today (a flow is live through its `expires` day). `null`: no such bound.
 * Everything evaluated from the policy (compiled output, answers) is the same on every day of the window.
 */
export interface Validity {
  from: string | null;
  through: string | null;
}

export function validity(flows: readonly Flow[], today: string): Validity {
  let lastBefore: string | undefined;
  let nextFrom: string | undefined;
  for (const f of flows) {
    const day = f.expires?.value;
    if (day === undefined) continue;
    if (day < today) {
      if (lastBefore === undefined || day > lastBefore) lastBefore = day;
    } else if (nextFrom === undefined || day < nextFrom) {
      nextFrom = day;
    }
  }
  return { from: lastBefore === undefined ? null : addDays(lastBefore, 1), through: nextFrom ?? null };
}

/** Whether `day` lies in the window (inclusive at both ends). */
export function isWithin(window: Validity, day: string): boolean {
  return (window.from === null || day >= window.from) && (window.through === null || day <= window.through);
}

/**
 * The flows whose liveness differs between two days: those that expire on or after the earlier day and before the
 * later one (live on the earlier, dead on the later), sorted by expiry then id.
 */
export function expiredBetween(flows: readonly Flow[], earlier: string, later: string): Flow[] {
  return flows
    .filter((f) => f.expires !== undefined && f.expires.value >= earlier && f.expires.value < later)
    .sort((a, b) => cmp(a.expires!.value, b.expires!.value) || cmp(a.id, b.id));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
