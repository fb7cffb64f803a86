import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeBudgets, type BudgetResult } from './budgets.js';
import { BENCH_TODAY as TODAY, SIZES } from './generate.js';
import { processRunner } from './processes.js';
import { cliHasDiff, measureSize, type SizeFigures } from './steps.js';

/**
 * `npm run bench [-- --size S|M|L|S,M,L] [--format json] [--queries N] [--records N]`: the synthetic health-system benchmark
 * of issue 7. Generates each size (fixed seed) into a temporary directory, times every step in this process
 * and as whole `wardline` processes, compares the figures with the budgets, and removes what it wrote.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'wardline.js');

interface Options {
  sizes: (keyof typeof SIZES)[];
  format: 'table' | 'json';
  queries: number;
  records: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { sizes: ['M'], format: 'table', queries: 100_000, records: 1_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--size') {
      const sizes = value().split(',').map((s) => s.trim().toUpperCase());
      for (const s of sizes) if (!(s in SIZES)) usage(`unknown size "${s}"; sizes are ${Object.keys(SIZES).join(', ')}`);
      opts.sizes = sizes as Options['sizes'];
    } else if (flag === '--format') {
      const f = value();
      if (f !== 'json' && f !== 'table') usage('--format is table or json');
      opts.format = f as Options['format'];
    } else if (flag === '--queries') {
      opts.queries = Number(value());
      if (!Number.isInteger(opts.queries) || opts.queries < 1) usage('--queries takes a positive whole number');
    } else if (flag === '--records') {
      opts.records = Number(value());
      if (!Number.isInteger(opts.records) || opts.records < 1) usage('--records takes a positive whole number');
    } else usage(`unknown option ${flag}`);
  }
  return opts;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [--size S|M|L|S,M,L] [--format json] [--queries N] [--records N]\n`);
  process.exit(2);
}

const fmt = (x: number, unit: string) =>
  unit === 's' ? `${x < 10 ? x.toFixed(3) : x.toFixed(1)} s` : unit === 'µs' ? `${x.toFixed(1)} µs` : unit === 'MiB' ? `${x.toFixed(0)} MiB` : `${Math.round(x).toLocaleString('en-US')} ${unit}`;

/** The rows of the figures table: label, unit, and how to read the figure of one size. */
const ROWS: [string, string, (f: SizeFigures) => number | null][] = [
  ['check (in-process)', 's', (f) => f.inProcess.check],
  ['compile, all targets (in-process)', 's', (f) => f.inProcess.compileAll],
  ['simulator build (in-process)', 's', (f) => f.inProcess.simulatorBuild],
  ['query p50 (in-process)', 'µs', (f) => f.inProcess.queryP50Micros],
  ['query p99 (in-process)', 'µs', (f) => f.inProcess.queryP99Micros],
  ['matrix --by zone (in-process)', 's', (f) => f.inProcess.matrixByZone],
  ['matrix --by group (in-process)', 's', (f) => f.inProcess.matrixByGroup],
  ['wardline check', 's', (f) => f.wholeProcess.check],
  ['wardline compile (all targets)', 's', (f) => f.wholeProcess.compileAll],
  ['wardline query --batch', 'queries/s', (f) => f.wholeProcess.batchQueriesPerSecond],
  ['wardline matrix --by zone', 's', (f) => f.wholeProcess.matrixByZone],
  ['wardline matrix --by group', 's', (f) => f.wholeProcess.matrixByGroup],
  ['wardline diff (two versions)', 's', (f) => f.wholeProcess.diff],
  ['wardline observe', 's', (f) => f.wholeProcess.observe],
  ['wardline observe throughput', 'records/s', (f) => f.wholeProcess.observeRecordsPerSecond],
  ['wardline observe max RSS', 'MiB', (f) => f.wholeProcess.observeMaxRssMiB],
  ['peak memory (max RSS of the processes)', 'MiB', (f) => f.wholeProcess.peakMemoryMiB],
];

/** How each figure grows from one size to the next, beside how the flows grow. */
function growth(figures: SizeFigures[]): { from: string; to: string; flows: number; steps: Record<string, number | null> }[] {
  return figures.slice(1).map((to, i) => {
    const from = figures[i]!;
    const steps: Record<string, number | null> = {};
    for (const [label, , read] of ROWS) {
      const a = read(from);
      const b = read(to);
      steps[label] = a === null || b === null || a === 0 ? null : b / a;
    }
    return { from: from.size, to: to.size, flows: to.counts.flows / from.counts.flows, steps };
  });
}

function table(cores: number, figures: SizeFigures[], versionSeconds: number, budgets: BudgetResult[]): string {
  const out: string[] = [`wardline benchmark: ${cores} cores, Node ${process.version}, seed 1, evaluation date ${TODAY} (fixed: see BENCH_TODAY)`, ''];
  for (const f of figures) {
    const c = f.counts;
    out.push(`${f.size}: ${c.zones} zones, ${c.groups} groups, ${c.flows} flows, ${c.guardrails} guardrails, ${c.expectations} expectations, ${c.points} enforcement points; ${f.queries.toLocaleString('en-US')} queries; ${f.observeRecords.toLocaleString('en-US')} flow records`);
    out.push(`   deliberate findings ${JSON.stringify(f.deliberate)}; check found ${JSON.stringify(f.found)}`);
  }
  const width = Math.max(...ROWS.map(([label]) => label.length));
  out.push('', `${'step'.padEnd(width)}  ${figures.map((f) => f.size.padStart(16)).join('')}`);
  for (const [label, unit, read] of ROWS) {
    out.push(`${label.padEnd(width)}  ${figures.map((f) => { const x = read(f); return (x === null ? 'no diff command' : fmt(x, unit)).padStart(16); }).join('')}`);
  }
  out.push(`${'wardline --version'.padEnd(width)}  ${fmt(versionSeconds, 's').padStart(16)}`);
  for (const f of figures) out.push(`${f.size} max RSS by process (MiB): ${JSON.stringify(f.wholeProcess.memoryByStepMiB)}`);
  for (const g of growth(figures)) {
    out.push('', `growth ${g.from} -> ${g.to} (flows x${g.flows.toFixed(1)}):`);
    for (const [label, ratio] of Object.entries(g.steps)) out.push(`  ${label.padEnd(width)}  ${ratio === null ? '-' : `x${ratio.toFixed(2)}`}`);
  }
  for (const f of figures) out.push('', ...capacityTable(f));
  out.push('', 'budgets:');
  for (const b of budgets) out.push(`  ${b.met ? 'met   ' : 'MISSED'}  ${b.size.padEnd(3)} ${b.name.padEnd(24)} ${fmt(b.figure, b.unit).padStart(18)}  (budget ${b.limit})`);
  return out.join('\n') + '\n';
}

/**
 * Per platform and resource: the most any point of the platform fills, against the platform's default budget (the
 * generated policy raises every budget so that every step runs), and how many of its points would not fit.
 */
function capacityTable(f: SizeFigures): string[] {
  const rows = new Map<string, { platform: string; resource: string; max: number; budget: number; points: number; over: number }>();
  for (const c of f.capacity) {
    const k = `${c.platform} ${c.resource}`;
    const row = rows.get(k) ?? { platform: c.platform, resource: c.resource, max: 0, budget: c.budget, points: 0, over: 0 };
    row.max = Math.max(row.max, c.used);
    row.points++;
    if (c.used > c.budget) row.over++;
    rows.set(k, row);
  }
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `${f.size}: capacity, most per point against the default budget (points over it / points)`,
    ...[...rows.values()].map((r) => `  ${r.platform.padEnd(17)} ${r.resource.padEnd(19)} ${n(r.max).padStart(8)} of ${n(r.budget).padStart(6)} ${r.max > r.budget ? 'OVER' : 'fits'} (${r.over}/${r.points})`),
  ];
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  const scratch = mkdtempSync(join(tmpdir(), 'wardline-bench-'));
  try {
    const runner = processRunner(BIN, scratch, TODAY);
    const hasDiff = cliHasDiff(REPO);
    const figures: SizeFigures[] = [];
    for (const size of opts.sizes) {
      process.stderr.write(`bench: size ${size}...\n`);
      figures.push(await measureSize(size, SIZES[size], { today: TODAY, queries: opts.queries, scratch, runner, hasDiff, records: opts.records }));
    }
    const versionSeconds = runner.median(['--version'], 5);
    const budgets = judgeBudgets(figures, versionSeconds);
    if (opts.format === 'json') {
      const json = { machine: { cores, node: process.version }, seed: 1, today: TODAY, sizes: figures, versionSeconds, growth: growth(figures), budgets };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stdout.write(table(cores, figures, versionSeconds, budgets));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
