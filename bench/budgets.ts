import type { SizeFigures } from './steps.js';

/** One budget of issue 7, checked against a figure of one size (whole-process figures unless named otherwise). */
export interface BudgetResult {
  size: string;
  name: string;
  figure: number;
  unit: 's' | 'µs' | 'queries/s' | 'MiB';
  limit: string;
  met: boolean;
}

type Budget = { size: string; name: string; unit: BudgetResult['unit']; limit: string; value: (f: SizeFigures) => number | null; met: (x: number) => boolean };

const BUDGETS: Budget[] = [
  { size: 'M', name: 'check', unit: 's', limit: '< 1 s', value: (f) => f.wholeProcess.check, met: (x) => x < 1 },
  { size: 'M', name: 'compile all targets', unit: 's', limit: '< 2 s', value: (f) => f.wholeProcess.compileAll, met: (x) => x < 2 },
  { size: 'M', name: 'query p50 (in-process)', unit: 'µs', limit: '< 20 µs', value: (f) => f.inProcess.queryP50Micros, met: (x) => x < 20 },
  { size: 'M', name: 'query --batch', unit: 'queries/s', limit: '>= 50,000 queries/s', value: (f) => f.wholeProcess.batchQueriesPerSecond, met: (x) => x >= 50_000 },
  { size: 'M', name: 'matrix --by group', unit: 's', limit: '< 5 s', value: (f) => f.wholeProcess.matrixByGroup, met: (x) => x < 5 },
  { size: 'M', name: 'diff', unit: 's', limit: '< 5 s', value: (f) => f.wholeProcess.diff, met: (x) => x < 5 },
  { size: 'L', name: 'check + compile', unit: 's', limit: '< 10 s', value: (f) => f.wholeProcess.check + f.wholeProcess.compileAll, met: (x) => x < 10 },
  { size: 'L', name: 'peak memory', unit: 'MiB', limit: '< 1 GB (953.7 MiB)', value: (f) => f.wholeProcess.peakMemoryMiB, met: (x) => x * 2 ** 20 < 1e9 },
];

/** The budgets that apply to the sizes measured; a budget whose figure this build cannot produce is left out. */
export function judgeBudgets(figures: SizeFigures[], versionSeconds: number): BudgetResult[] {
  const results: BudgetResult[] = [];
  for (const budget of BUDGETS) {
    const f = figures.find((x) => x.size === budget.size);
    const value = f ? budget.value(f) : null;
    if (value === null) continue;
    results.push({ size: budget.size, name: budget.name, figure: value, unit: budget.unit, limit: budget.limit, met: budget.met(value) });
  }
  results.push({ size: 'any', name: 'wardline --version', figure: versionSeconds, unit: 's', limit: '< 200 ms', met: versionSeconds < 0.2 });
  return results;
}
