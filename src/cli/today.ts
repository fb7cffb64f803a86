import { UsageError } from './exit-code.js';

/** The evaluation date for expiry: `--today`, else WARDLINE_TODAY, else the current UTC date. */
export function resolveToday(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const value = option ?? env.WARDLINE_TODAY ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--today must be a date YYYY-MM-DD, not "${value}"`);
  }
  return value;
}
