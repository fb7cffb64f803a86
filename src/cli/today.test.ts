import { describe, expect, it } from 'vitest';
import { resolveToday } from './today.js';

describe('resolveToday', () => {
  it('takes --today, else WARDLINE_TODAY', () => {
    expect(resolveToday('2028-02-29', {})).toBe('2028-02-29');
    expect(resolveToday(undefined, { WARDLINE_TODAY: '2026-12-31' })).toBe('2026-12-31');
  });

  it('refuses a day the month does not have, instead of rolling over into the next month', () => {
    expect(() => resolveToday('2026-02-30', {})).toThrow('--today "2026-02-30" is not a date: 2026-02 has 28 days');
    expect(() => resolveToday('2026-02-29', {})).toThrow('2026-02 has 28 days');
    expect(() => resolveToday('2026-04-31', {})).toThrow('2026-04 has 30 days');
    expect(() => resolveToday('2026-13-01', {})).toThrow('there is no month 13');
    expect(() => resolveToday('2026-01-00', {})).toThrow('2026-01 has 31 days');
  });

  it('names WARDLINE_TODAY when the bad date came from it', () => {
    expect(() => resolveToday(undefined, { WARDLINE_TODAY: '2026-02-31' })).toThrow('WARDLINE_TODAY "2026-02-31" is not a date: 2026-02 has 28 days');
  });

  it('refuses other shapes', () => {
    expect(() => resolveToday('2026-2-3', {})).toThrow('it is not written YYYY-MM-DD');
    expect(() => resolveToday('', {})).toThrow('is not a date');
  });
});
