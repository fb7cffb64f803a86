import { existsSync, readdirSync } from 'node:fs';
import { checkForCompile } from '../check/check-policy.js';
import { programsOf } from '../compile/compile.js';
import { limitFindings } from '../compile/limits.js';
import { MANIFEST, manifestText, policyDigest } from '../compile/manifest.js';
import { readPolicySources, type SourceFile } from '../lang/source-files.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { targets } from '../../targets/registry.js';
import { UsageError } from './exit-code.js';
import { readTree, recoverInterrupted, replaceDirectory } from './output-dir.js';
import { writeFindings } from './report-paths.js';
import { wardlineVersion } from './version.js';

export interface CompileRequest {
  today: string;
  only?: string | undefined;
  dir: string;
  check: boolean;
}

/** Check, compile, render, then write all or nothing (or, with `check`, compare with what is there). */
export async function compileToFiles(paths: string[], req: CompileRequest): Promise<{ ok: boolean }> {
  const sources = await readPolicySources(paths);
  const checked = checkForCompile(sources, req.today);
  const only = req.only === undefined ? undefined : new Set(req.only.split(',').map((s) => s.trim()).filter(Boolean));
  for (const name of only ?? []) {
    if (!checked.policy.enforcementPoints.has(name)) throw new UsageError(`--only names "${name}", which is not an enforcement point of the policy`);
  }
  const errors = checked.findings.filter((d) => d.severity === 'error');
  if (errors.length > 0) return await refuse(errors, sources, 'the policy has errors');
  // One point at a time: compile, check its limits, render, and drop its IR before the next point is built.
  // Once any point has a limit finding nothing more is rendered, but every point is still compiled so that all
  // the findings are reported; nothing is written until every point rendered.
  const limits: Diagnostic[] = [];
  const files = new Map<string, string>();
  for (const program of programsOf(checked.policy, only, checked.context)) {
    const target = targetOf(program.platform);
    limits.push(...limitFindings(checked.policy, program, target.capabilities));
    if (limits.length > 0) continue;
    for (const f of target.render(program)) files.set(`${program.point}/${f.path}`, f.content);
  }
  if (limits.length > 0) {
    files.clear();
    return await refuse(sortDiagnostics(limits), sources, 'a target cannot express what the policy needs');
  }
  if (!req.check) recoverInterrupted(req.dir);
  // Only --only (keeps other points' files) and --check (compares) need the old contents; a plain compile replaces
  // the directory whole, so its 17 MB (M system) are not read. A DIR that is a file still fails here, as before.
  const existing = only || req.check ? readTree(req.dir) : new Map<string, string>();
  if (!only && !req.check && existsSync(req.dir)) readdirSync(req.dir);
  if (only) {
    // Keep what other enforcement points already have; their programs were not compiled this time.
    for (const [path, content] of existing) {
      const point = path.split('/')[0]!;
      if (path !== MANIFEST && path.includes('/') && !only.has(point)) files.set(path, content);
    }
  }
  const points = [...new Set([...files.keys()].map((p) => p.split('/')[0]!))];
  files.set(
    MANIFEST,
    manifestText({ wardline: wardlineVersion(), policy: policyDigest(sources), today: req.today, points }, files),
  );
  if (req.check) return compare(files, existing, req.dir);
  replaceDirectory(req.dir, files);
  process.stderr.write(`wardline: wrote ${files.size} files for ${points.length} enforcement points to ${req.dir}\n`);
  return { ok: true };
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

/** `compile --check`: every file that differs, is missing or is extra, one per line on stdout. */
function compare(wanted: Map<string, string>, existing: Map<string, string>, dir: string): { ok: boolean } {
  const lines: string[] = [];
  for (const [path, content] of wanted) {
    const have = existing.get(path);
    if (have === undefined) lines.push(`missing  ${dir}/${path}`);
    else if (have !== content) lines.push(`differs  ${dir}/${path}`);
  }
  for (const path of existing.keys()) if (!wanted.has(path)) lines.push(`extra    ${dir}/${path}`);
  if (lines.length === 0) return { ok: true };
  process.stdout.write(`${lines.sort((a, b) => (a.slice(9) < b.slice(9) ? -1 : 1)).join('\n')}\n`);
  process.stderr.write(`wardline: ${dir} is not what the policy compiles to (${lines.length} files); run wardline compile -o ${dir}\n`);
  return { ok: false };
}
