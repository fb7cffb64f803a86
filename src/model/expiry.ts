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
