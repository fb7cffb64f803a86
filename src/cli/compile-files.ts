import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { checkForCompile } from '../check/check-policy.js';
import { programsOf } from '../compile/compile.js';
import { limitFindings } from '../compile/limits.js';
import { budgetsOf } from '../compile/capacity-limits.js';
import { MANIFEST, manifestOf, parseManifest, policyDigest, type Manifest } from '../compile/manifest.js';
import { expiriesSinceCompiled, staleness } from '../compile/stale-output.js';
import { validity } from '../model/expiry.js';
import type { Flow } from '../model/policy.js';
import { readPolicySources, type SourceFile } from '../lang/source-files.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { nacTargets, targets } from '../../targets/registry.js';
import { nacPlan } from '../compile/nac-plan.js';
import { nacLimits } from '../compile/nac-limits.js';
import { renderProgram } from '../verify/rendered-files.js';
import { UsageError } from './exit-code.js';
import { recoverInterrupted, replaceDirectory } from './output-dir.js';
import { withOutputLock } from './output-lock.js';
import { outputDirectory, previousOutput } from './output-owner.js';
import { writeFindings } from './report-paths.js';
import { wardlineVersion } from './version.js';

export interface CompileRequest {
  today: string;
  only?: string | undefined;
  dir: string;
  check: boolean;
  /** Resolution files (--resolve). */
  resolve?: readonly string[];
}

/** Check, compile, render, then write all or nothing (or, with `check`, compare with what is there). */
export async function compileToFiles(paths: string[], req: CompileRequest): Promise<{ ok: boolean }> {
  const sources = await readPolicySources(paths, { resolve: req.resolve ?? [] });
  // Refused before the work of compiling: a DIR that is or holds the policy, or that wardline did not write.
  const out = outputDirectory(req.dir, paths);
  const previous = previousOutput(out);
  const checked = checkForCompile(sources, req.today);
  const only = req.only === undefined ? undefined : new Set(req.only.split(',').map((s) => s.trim()).filter(Boolean));
  for (const name of only ?? []) {
    if (!checked.policy.enforcementPoints.has(name)) throw new UsageError(`--only names "${name}", which is not an enforcement point of the policy`);
  }
  const errors = checked.findings.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    // A policy can stop compiling on the day a flow expires (an expectation needed it): the gate says that day's news too.
    if (req.check) {
      const origin = { wardline: wardlineVersion(), policy: policyDigest(sources) };
      for (const line of expiriesSinceCompiled(committedManifest(previous), origin, checked.policy.flows, req.today)) {
        process.stderr.write(`wardline: ${req.dir} is stale: ${line}\n`);
      }
    }
    return await refuse(errors, sources, 'the policy has errors');
  }
  // One point at a time: compile, check its limits, render, and drop its IR before the next point is built.
  // Once any point has a limit finding nothing more is rendered, but every point is still compiled so that all
  // the findings are reported; nothing is written until every point rendered.
  const limits: Diagnostic[] = [];
  const files = new Map<string, string>();
  const usage: Manifest['usage'] = {};
  for (const program of programsOf(checked.policy, only, checked.context)) {
    const target = targetOf(program.platform);
    const used = target.usage(program);
    const ep = checked.policy.enforcementPoints.get(program.point)!;
    usage[program.point] = Object.fromEntries([...budgetsOf(ep, target.capabilities)].map(([name, b]) => [name, { used: used[name]?.used ?? 0, budget: b.budget }]));
    limits.push(...limitFindings(checked.policy, program, target.capabilities, used));
    if (limits.length > 0) continue;
    // A switch pair or group: a folder per device, each with its own addresses and the shared virtual gateway.
    for (const [path, text] of renderProgram(checked.policy, program)) files.set(path, text);
  }
  // Network access control points place devices; they filter nothing, so they have no program: their one limit is
  // that each answer fits a RADIUS packet.
  for (const ep of checked.policy.enforcementPoints.values()) {
    const nac = Object.hasOwn(nacTargets, ep.platform.value) ? nacTargets[ep.platform.value as keyof typeof nacTargets] : undefined;
    if (!nac || (only && !only.has(ep.name))) continue;
    const plan = nacPlan(checked.policy, ep, checked.context);
    limits.push(...nacLimits(ep, nac.answerSizes(plan)));
    if (limits.length === 0) for (const f of nac.render(plan)) files.set(`${ep.name}/${f.path}`, f.content);
  }
  if (limits.length > 0) {
    files.clear();
    return await refuse(sortDiagnostics(limits), sources, 'a target cannot express what the policy needs');
  }
  const valid = validity(checked.policy.flows, req.today);
  const manifest = (kept: ReadonlyMap<string, string>, committed: string | undefined) => {
    const points = [...new Set([...files.keys(), ...kept.keys()].map((p) => p.split('/')[0]!))];
    // Points kept from the previous output (--only) keep its figures for them: their files did not change.
    const before = committed === undefined ? undefined : parseManifest(committed)?.usage;
    const all = { ...Object.fromEntries(points.filter((p) => !usage[p] && before?.[p]).map((p) => [p, before![p]!])), ...usage };
    const m = manifestOf({ wardline: wardlineVersion(), policy: policyDigest(sources), valid, points, usage: all }, files, kept);
    files.set(MANIFEST, `${JSON.stringify(m, null, 2)}\n`);
    return { m, points: points.length };
  };
  const hashes = (kept: ReadonlyMap<string, string>) => new Map([...kept].map(([path, from]) => [path, fileSha256(from)]));
  if (req.check) {
    const kept = keptFiles(previous, only);
    const { m } = manifest(hashes(kept), committedManifest(previous));
    return compare(files, kept, previous, req.dir, { manifest: m, flows: checked.policy.flows, today: req.today }, paths);
  }
  const written = await withOutputLock(out.path, out.shown, () => {
    recoverInterrupted(out.path);
    // Again under the lock: another compile may have written DIR meanwhile, and a killed one may be undone now.
    const current = previousOutput(out);
    const kept = keptFiles(current, only);
    const { points } = manifest(hashes(kept), committedManifest(current));
    replaceDirectory(out.path, out.shown, files, kept);
    return { points, files: files.size + kept.size, kept: new Set([...kept.keys()].map((p) => p.split('/')[0]!)).size };
  });
  for (const line of usageLines(checked.policy, usage)) process.stderr.write(`wardline: ${line}\n`);
  // With --only, say what was compiled and what was kept as it was: the manifest lists both.
  const compiled = written.points - written.kept;
  const keptText = written.kept > 0 ? ` (${compiled} compiled, ${written.kept} kept from the previous output)` : '';
  process.stderr.write(`wardline: wrote ${written.files} files for ${written.points} enforcement points${keptText} to ${req.dir}\n`);
  return { ok: true };
}

/** One line per compiled point: what its configuration fills of each resource its platform counts, against the budget. */
export function usageLines(policy: { enforcementPoints: ReadonlyMap<string, { platform: { value: string } }> }, usage: Manifest['usage']): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  return Object.keys(usage)
    .sort()
    .map((point) => {
      const figures = Object.entries(usage[point]!).map(([name, f]) => `${n(f.used)} of ${n(f.budget)} ${name} (${Math.round((100 * f.used) / f.budget)}%)`);
      return `${point} (${policy.enforcementPoints.get(point)?.platform.value}) uses ${figures.join(', ')}`;
    });
}

/** --only keeps what other enforcement points already have (path → file): their programs were not compiled this time. */
function keptFiles(previous: ReadonlyMap<string, string>, only: ReadonlySet<string> | undefined): Map<string, string> {
  const kept = new Map<string, string>();
  if (!only) return kept;
  for (const [path, from] of previous) if (path !== MANIFEST && path.includes('/') && !only.has(path.split('/')[0]!)) kept.set(path, from);
  return kept;
}

function targetOf(platform: string) {
  // The platform is the policy's text: an own property only, so `constructor` is no target.
  const target = Object.hasOwn(targets, platform) ? targets[platform] : undefined;
  if (!target) throw new Error(`no target is registered for platform "${platform}"`);
  return target;
}

async function refuse(findings: Diagnostic[], sources: SourceFile[], why: string): Promise<{ ok: boolean }> {
  await writeFindings(findings, sources, false);
  process.stderr.write(`wardline: nothing compiled: ${why}\n`);
  return { ok: false };
}

/**
 * `compile --check`: every file that differs, is missing or is extra, one per line on stdout, and on stderr why (the
 * policy changed, wardline changed, an expiry passed, or the files were edited). A manifest whose validity window has
 * passed while no configuration file changed is current: the compile date is not part of the output.
 */
function compare(
  wanted: Map<string, string>,
  kept: ReadonlyMap<string, string>,
  existing: ReadonlyMap<string, string>,
  dir: string,
  now: { manifest: Manifest; flows: readonly Flow[]; today: string },
  paths: readonly string[],
): { ok: boolean } {
  const lines: string[] = [];
  for (const [path, content] of wanted) {
    const have = existing.get(path);
    if (have === undefined) lines.push(`missing  ${dir}/${path}`);
    else if (!sameContent(have, content)) lines.push(`differs  ${dir}/${path}`);
  }
  for (const path of existing.keys()) if (!wanted.has(path) && !kept.has(path)) lines.push(`extra    ${dir}/${path}`);
  if (lines.length === 0) return { ok: true };
  const filesDiffer = lines.some((l) => !l.endsWith(`/${MANIFEST}`));
  const why = staleness(committedManifest(existing), now.manifest, now.flows, now.today, filesDiffer);
  if (why.reasons.length === 0) {
    for (const note of why.notes) process.stderr.write(`wardline: ${dir} is current; ${note}\n`);
    return { ok: true };
  }
  process.stdout.write(`${lines.sort((a, b) => (a.slice(9) < b.slice(9) ? -1 : 1)).join('\n')}\n`);
  for (const reason of why.reasons) process.stderr.write(`wardline: ${dir} is stale: ${reason}\n`);
  const again = ['wardline', 'compile', ...paths, '-o', dir].map(shellWord).join(' ');
  process.stderr.write(`wardline: ${dir} is not what the policy compiles to (${lines.length} files); run ${again}\n`);
  return { ok: false };
}

/** A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The previous output's manifest text (its owner check already parsed it), if it has one. */
function committedManifest(previous: ReadonlyMap<string, string>): string | undefined {
  const file = previous.get(MANIFEST);
  return file === undefined ? undefined : readFileSync(file, 'utf8');
}

/** A file is read only when its size is the wanted text's: never more than the policy compiles to. */
function sameContent(file: string, content: string): boolean {
  const bytes = Buffer.from(content);
  return statSync(file).size === bytes.length && readFileSync(file).equals(bytes);
}

function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
