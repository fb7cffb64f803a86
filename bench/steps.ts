import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicy } from '../src/check/check-policy.js';
import { compileToFiles } from '../src/cli/compile-files.js';
import { readPolicySources } from '../src/lang/source-files.js';
import type { Policy } from '../src/model/policy.js';
import { simulator } from '../src/sim/simulator.js';
import { targets } from '../targets/registry.js';
import { writeObserveRecords } from './observe-records.js';
import { generateSystem, type GeneratedSystem, type SystemSize } from './generate.js';
import type { ProcessRun, processRunner } from './processes.js';

/** Every figure of one size. Seconds unless the name says otherwise; null where the build has no such command. */
export interface SizeFigures {
  size: string;
  counts: GeneratedSystem['counts'];
  deliberate: GeneratedSystem['deliberate'];
  /** The finding codes `check` reported, by code: must equal `deliberate`. */
  found: Record<string, number>;
  inProcess: {
    check: number;
    compileAll: number;
    simulatorBuild: number;
    queryP50Micros: number;
    queryP99Micros: number;
    matrixByZone: number;
    matrixByGroup: number;
  };
  wholeProcess: {
    check: number;
    compileAll: number;
    batchQueriesPerSecond: number;
    batchSeconds: number;
    matrixByZone: number;
    matrixByGroup: number;
    diff: number | null;
    /** `wardline observe` over `observeRecords` synthetic flow-jsonl records: its wall time, records/s and max RSS. */
    observe: number;
    observeRecordsPerSecond: number;
    observeMaxRssMiB: number;
    peakMemoryMiB: number;
    /** Max RSS of each whole process, by step: which one sets the peak. */
    memoryByStepMiB: Record<string, number>;
  };
  queries: number;
  observeRecords: number;
  /** Per point and resource: what the compiled configuration fills, against the platform's default budget. */
  capacity: CapacityFigure[];
}

export interface CapacityFigure {
  point: string;
  platform: string;
  resource: string;
  used: number;
  /** The platform's default budget (the generated policy sets its own, higher: see CHASSIS_BUDGET). */
  budget: number;
}

export interface StepOptions {
  today: string;
  queries: number;
  scratch: string;
  runner: ReturnType<typeof processRunner>;
  /** Whether this build has `wardline diff`. */
  hasDiff: boolean;
  /** How many synthetic flow records `wardline observe` reads. */
  records: number;
}

const SERVICES = ['https', 'hl7-mllp', 'dicom', 'tcp/8443', 'ssh'];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Query = { from: string; to: string; service?: string };

/** Half random group pairs, half pairs some flow names; half with a service. Fixed seed. */
function queriesFor(policy: Policy, n: number): Query[] {
  const rnd = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const groups = [...policy.groups.keys()];
  return Array.from({ length: n }, () => {
    const flow = rnd() < 0.5 ? pick(policy.flows) : undefined;
    const q = flow ? { from: flow.from[0]!.text, to: flow.to[0]!.text } : { from: pick(groups), to: pick(groups) };
    return rnd() < 0.5 ? { ...q, service: pick(SERVICES) } : q;
  });
}

/** The second version for `diff`: in each flows file every 100th flow gains ssh and every 250th is gone. */
function revised(system: GeneratedSystem): Map<string, string> {
  const files = new Map(system.files);
  for (const [name, text] of system.files) {
    if (!name.startsWith('flows')) continue;
    const [head, ...flows] = text.split('\n  - id: ');
    const kept = flows
      .filter((_, i) => i % 250 !== 249)
      .map((flow, i) => (i % 100 === 0 ? flow.replace(/services: \[([^\]]*)\]/, 'services: [$1, ssh]') : flow));
    files.set(name, [head, ...kept].join('\n  - id: '));
  }
  return files;
}

function writeSystem(dir: string, files: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}

const seconds = (start: number) => (performance.now() - start) / 1000;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function measureSize(name: string, size: SystemSize, opts: StepOptions): Promise<SizeFigures> {
  const system = generateSystem(size, 1, opts.today);
  const dir = join(opts.scratch, name, 'v1');
  const dir2 = join(opts.scratch, name, 'v2');
  writeSystem(dir, system.files);
  writeSystem(dir2, revised(system));

  // In this process: what an editor integration or a long-running service would see.
  let start = performance.now();
  const checked = checkPolicy(await readPolicySources([dir]), opts.today);
  const check = seconds(start);
  const found: Record<string, number> = {};
  for (const d of checked.findings) found[d.code] = (found[d.code] ?? 0) + 1;

  start = performance.now();
  await compileToFiles([dir], { today: opts.today, dir: join(opts.scratch, name, 'out-in-process'), check: false });
  const compileAll = seconds(start);
  const capacity = capacityFigures(checked.policy, readFileSync(join(opts.scratch, name, 'out-in-process', 'manifest.json'), 'utf8'));

  start = performance.now();
  const sim = simulator(checked.policy);
  const simulatorBuild = seconds(start);
  const queries = queriesFor(checked.policy, opts.queries);
  const latencies = new Float64Array(queries.length);
  queries.forEach((q, i) => {
    const t = process.hrtime.bigint();
    sim.query(q.from, q.to, q.service);
    latencies[i] = Number(process.hrtime.bigint() - t) / 1000;
  });
  latencies.sort();
  start = performance.now();
  sim.matrix('zone');
  const matrixByZone = seconds(start);
  start = performance.now();
  sim.matrix('group');
  const matrixByGroup = seconds(start);

  // Whole processes, as a user at a terminal or a CI job feels them.
  const batchFile = join(opts.scratch, name, 'queries.jsonl');
  writeFileSync(batchFile, queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
  const runs: Record<string, ProcessRun> = {
    check: opts.runner.run(['check', dir]),
    compileAll: opts.runner.run(['compile', dir, '-o', join(opts.scratch, name, 'out')]),
    batch: opts.runner.run(['query', dir, '--batch', batchFile, '--format', 'json']),
    matrixByZone: opts.runner.run(['matrix', dir, '--by', 'zone']),
    matrixByGroup: opts.runner.run(['matrix', dir, '--by', 'group']),
  };
  if (opts.hasDiff) runs.diff = opts.runner.run(['diff', dir, dir2]);
  const recordsFile = join(opts.scratch, name, 'records.jsonl');
  writeObserveRecords(checked.policy, opts.records, recordsFile);
  runs.observe = opts.runner.run(['observe', dir, recordsFile, '--format', 'json']);
  rmSync(recordsFile, { force: true });
  for (const [step, run] of Object.entries(runs)) {
    // check exits 1 only on errors; the generated policy has none. diff exits 1 when the versions differ; observe
    // when some record would be denied (random pairs are).
    const expected = step === 'diff' || step === 'observe' ? [0, 1] : [0];
    if (!expected.includes(run.exitCode)) throw new Error(`${name}: wardline ${step} exited ${run.exitCode}`);
  }
  return {
    size: name,
    counts: system.counts,
    deliberate: system.deliberate,
    found,
    queries: queries.length,
    observeRecords: opts.records,
    capacity,
    inProcess: {
      check,
      compileAll,
      simulatorBuild,
      queryP50Micros: percentile(latencies, 0.5),
      queryP99Micros: percentile(latencies, 0.99),
      matrixByZone,
      matrixByGroup,
    },
    wholeProcess: {
      check: runs.check!.seconds,
      compileAll: runs.compileAll!.seconds,
      batchSeconds: runs.batch!.seconds,
      batchQueriesPerSecond: queries.length / runs.batch!.seconds,
      matrixByZone: runs.matrixByZone!.seconds,
      matrixByGroup: runs.matrixByGroup!.seconds,
      diff: runs.diff?.seconds ?? null,
      observe: runs.observe.seconds,
      observeRecordsPerSecond: opts.records / runs.observe.seconds,
      observeMaxRssMiB: runs.observe.maxRssMiB,
      peakMemoryMiB: Math.max(...Object.values(runs).map((r) => r.maxRssMiB)),
      memoryByStepMiB: Object.fromEntries(Object.entries(runs).map(([step, r]) => [step, Math.round(r.maxRssMiB)])),
    },
  };
}

/** Each point's use of each resource, from the manifest compile wrote, against the platform's default budget. */
function capacityFigures(policy: Policy, manifestText: string): CapacityFigure[] {
  const usage = (JSON.parse(manifestText) as { usage?: Record<string, Record<string, { used: number }>> }).usage ?? {};
  const out: CapacityFigure[] = [];
  for (const [point, resources] of Object.entries(usage)) {
    const platform = policy.enforcementPoints.get(point)!.platform.value;
    const defaults = new Map(targets[platform]!.capabilities.capacity.map((r) => [r.name, r.budget]));
    for (const [resource, { used }] of Object.entries(resources)) out.push({ point, platform, resource, used, budget: defaults.get(resource)! });
  }
  return out;
}

/** Whether the built CLI has a `diff` command (it is being added while this benchmark is written). */
export function cliHasDiff(repo: string): boolean {
  return existsSync(join(repo, 'dist', 'src', 'cli', 'diff-command.js'));
}
