import { dateProblem } from '../model/expiry.js';
import { UsageError } from './exit-code.js';

/** The evaluation date for expiry: `--today`, else WARDLINE_TODAY, else the current UTC date. */
export function resolveToday(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = option === undefined && env.WARDLINE_TODAY !== undefined;
  const value = option ?? env.WARDLINE_TODAY ?? new Date().toISOString().slice(0, 10);
  const problem = dateProblem(value);
  if (problem !== undefined) {
    const what = fromEnv ? 'WARDLINE_TODAY' : '--today';
    throw new UsageError(`${what} ${JSON.stringify(value)} is not a date: ${problem}; write YYYY-MM-DD, like 2026-12-31`);
  }
  return value;
}
