import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

/** A smoke test only: the benchmark runs at size S and reports every figure. Timing budgets are not asserted here. */
describe('npm run bench', () => {
  it('measures size S and prints every figure as one JSON object', async () => {
    const { stdout } = await execa(process.execPath, ['dist/bench/run.js', '--size', 'S', '--format', 'json', '--queries', '2000', '--records', '20000'], { stdin: 'ignore', stderr: 'ignore' });
    const report = JSON.parse(stdout);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.sizes).toHaveLength(1);
    const [s] = report.sizes;
    expect(s.size).toBe('S');
    expect(s.counts).toMatchObject({ groups: 500, flows: 2000, points: 20 });
    // The generated policy checks clean apart from the findings the generator put there on purpose.
    expect(s.found).toEqual(s.deliberate);
    const { memoryByStepMiB, ...whole } = s.wholeProcess;
    expect(Object.keys(memoryByStepMiB)).toEqual(expect.arrayContaining(['check', 'compileAll', 'batch', 'matrixByZone', 'matrixByGroup', 'observe']));
    expect(s.observeRecords).toBe(20000);
    for (const [name, value] of Object.entries({ ...s.inProcess, ...whole })) {
      if (name === 'diff' && value === null) continue;
      expect(value, name).toBeGreaterThan(0);
      expect(Number.isFinite(value), name).toBe(true);
    }
    // Every point's use of every resource its platform counts, against the default budget.
    expect(new Set(s.capacity.map((c: { point: string }) => c.point)).size).toBe(20);
    // At size S some points route no zone (20 points, fewer sites): those use nothing; the others use something.
    const using = new Set(s.capacity.filter((c: { used: number }) => c.used > 0).map((c: { point: string }) => c.point));
    expect(using.size).toBeGreaterThan(5);
    for (const c of s.capacity) expect(c.used, `${c.point} ${c.resource}`).toBeGreaterThanOrEqual(0);
    expect(report.versionSeconds).toBeGreaterThan(0);
    expect(report.budgets.map((b: { name: string }) => b.name)).toContain('wardline --version');
    // Whole processes on a shared 2-core machine: generous, so a busy machine never fails the suite.
  }, 120_000);
});
