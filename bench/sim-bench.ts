import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaSync } from 'execa';
import { loadPolicy } from '../src/lang/load-policy.js';
import { readPolicySources } from '../src/lang/source-files.js';
import type { Policy } from '../src/model/policy.js';
import { formatAnswerJsonLine } from '../src/sim/render/answer-json.js';
import { simulator } from '../src/sim/simulator.js';
import { BENCH_TODAY as TODAY, generateSystem, SIZES, type SystemSize } from './generate.js';

/**
 * `node dist/bench/sim-bench.js [flows]`: query latency (p50/p99, first and repeated) and `--batch` throughput
 * through the built CLI, on the example hospital and on a generated policy (default 10,000 flows), and
 * `matrix --by group` for 1,000 groups.
 */
const flows = Number(process.argv[2] ?? SIZES.M.flows);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'wardline.js');
const SERVICES = ['https', 'hl7-mllp', 'dicom', 'tcp/8443', 'ssh'];

type Query = { from: string; to: string; service?: string };

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random group pairs; with `fromFlows`, half of them the pairs some flow names (allowed or partial answers). */
function queries(policy: Policy, n: number, fromFlows: boolean): Query[] {
  const rnd = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const groups = [...policy.groups.keys()];
  return Array.from({ length: n }, () => {
    const flow = fromFlows && rnd() < 0.5 ? pick(policy.flows) : undefined;
    const q = flow ? { from: flow.from[0]!.text, to: flow.to[0]!.text } : { from: pick(groups), to: pick(groups) };
    return rnd() < 0.5 ? { ...q, service: pick(SERVICES) } : q;
  });
}

const us = (x: number) => `${x.toFixed(1)} µs`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Latency of answer plus JSON line, each query asked twice: first (cold caches for its pair) and repeated. */
function latency(label: string, policy: Policy, list: Query[]): void {
  const sim = simulator(policy);
  const time = () =>
    list
      .map((q) => {
        const start = process.hrtime.bigint();
        formatAnswerJsonLine(sim.query(q.from, q.to, q.service));
        return Number(process.hrtime.bigint() - start) / 1000;
      })
      .sort((a, b) => a - b);
  const first = time();
  const again = time();
  process.stdout.write(
    `${label}: query + JSON line, ${list.length} queries: first p50 ${us(percentile(first, 0.5))} p99 ${us(percentile(first, 0.99))}; ` +
      `repeated p50 ${us(percentile(again, 0.5))} p99 ${us(percentile(again, 0.99))}\n`,
  );
}

function run(args: string[]): number {
  const start = performance.now();
  execaSync('node', [BIN, ...args], { env: { WARDLINE_TODAY: TODAY }, stdin: 'ignore', stdout: 'ignore', stderr: 'inherit' });
  return (performance.now() - start) / 1000;
}

/** `wardline query DIR --batch FILE` end to end, and past loading (minus the time of one single query). */
function batch(label: string, dir: string, policyPath: string, list: Query[]): void {
  const file = join(dir, `${label.replace(/\W+/g, '-')}.jsonl`);
  writeFileSync(file, list.map((q) => JSON.stringify(q)).join('\n') + '\n');
  const alone = run(['query', policyPath, '--from', list[0]!.from, '--to', list[0]!.to]);
  const seconds = run(['query', policyPath, '--batch', file]);
  process.stdout.write(
    `${label}: --batch ${list.length} queries in ${seconds.toFixed(2)} s = ${Math.round(list.length / seconds)} queries/s end to end; ` +
      `loading ${alone.toFixed(2)} s, then ${Math.round(list.length / Math.max(seconds - alone, 1e-3))} queries/s\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'wardline-sim-bench-'));
try {
  const examplePath = join(REPO, 'policies', 'example-hospital');
  const example = loadPolicy(await readPolicySources([examplePath]), { today: TODAY }).policy;
  latency('example hospital', example, queries(example, 20_000, true));
  batch('example hospital', dir, examplePath, queries(example, 200_000, true));

  const size: SystemSize = { ...SIZES.M, flows };
  const system = generateSystem(size);
  const generated = loadPolicy([...system.files].map(([path, text]) => ({ path, text })), { today: TODAY }).policy;
  const policyDir = join(dir, 'generated');
  mkdirSync(policyDir);
  for (const [name, text] of system.files) writeFileSync(join(policyDir, name), text);
  const label = `generated ${system.counts.flows} flows, ${system.counts.groups} groups`;
  const build = performance.now();
  const atoms = simulator(generated).engine.atoms.count;
  process.stdout.write(`${label}: simulator built in ${(performance.now() - build).toFixed(0)} ms, ${atoms} atoms\n`);
  latency(`${label}, random pairs`, generated, queries(generated, 20_000, false));
  latency(`${label}, half flow pairs`, generated, queries(generated, 20_000, true));
  batch(`${label}, random pairs`, dir, policyDir, queries(generated, 200_000, false));
  batch(`${label}, half flow pairs`, dir, policyDir, queries(generated, 200_000, true));

  const thousand = generateSystem({ groups: 1_000, flows, points: 20 });
  const matrixDir = join(dir, 'matrix');
  mkdirSync(matrixDir);
  for (const [name, text] of thousand.files) writeFileSync(join(matrixDir, name), text);
  const policy = loadPolicy([...thousand.files].map(([path, text]) => ({ path, text })), { today: TODAY }).policy;
  const start = performance.now();
  simulator(policy).matrix('group');
  const inProcess = (performance.now() - start) / 1000;
  const text = run(['matrix', matrixDir, '--by', 'group', '--format', 'text']);
  const html = run(['matrix', matrixDir, '--by', 'group', '--format', 'html']);
  process.stdout.write(`matrix --by group, 1,000 groups, ${flows} flows: ${inProcess.toFixed(2)} s in process; CLI end to end text ${text.toFixed(2)} s, html ${html.toFixed(2)} s\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
