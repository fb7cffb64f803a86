/**
 * The adversarial hunt made permanent (README "Safety"): hostile policies (test/adversarial/hostile-policy.ts) against
 * the three promises. For each one: `check` never throws; when check finds no error, compile succeeds on every one of
 * the nine platforms (check and compile agree on what a target cannot express); free text adds no line to anything
 * written (line counts equal a benign twin's); the nftables and iptables outputs load (`nft -c`,
 * `iptables-restore --test`); and translation validation holds on the policy's own platforms.
 *
 * CI runs a fixed seed and a bounded number of runs; WARDLINE_FUZZ_RUNS=2000 (and WARDLINE_FUZZ_SEED=n) hunts longer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkForCompile, checkPolicy } from '../../src/check/check-policy.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { compilePolicy, programsOf } from '../../src/compile/compile.js';
import { devicePrograms } from '../../src/compile/devices.js';
import { limitFindings } from '../../src/compile/limits.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { simulator } from '../../src/sim/simulator.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';
import { hostilePolicy, onPlatform, PLATFORMS } from './hostile-policy.js';

const RUNS = Number(process.env.WARDLINE_FUZZ_RUNS ?? 40);
/** A long hunt takes its time: about 70 ms a policy on nine platforms. */
const TIMEOUT = Math.max(120_000, RUNS * 300);
const SEED = Number(process.env.WARDLINE_FUZZ_SEED ?? 20261205);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

/** Every file compile would write for a policy text: path to content; or the reason it refuses. */
function compiled(yaml: string): { files: Map<string, string> } | { refused: string } {
  const sources = [{ path: 'policy.yaml', text: yaml }];
  const said = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`).sort();
  // What `wardline check` says: it never throws, and its errors are exactly compile's.
  const check = said(checkPolicy(sources, TODAY).findings);
  const checked = checkForCompile(sources, TODAY);
  const errors = said(checked.findings);
  if (errors.length > 0) {
    expect(check).toEqual(errors);
    return { refused: errors.join('; ') };
  }
  const files = new Map<string, string>();
  const limits: Diagnostic[] = [];
  for (const program of programsOf(checked.policy, undefined, checked.context)) {
    const target = targets[program.platform]!;
    limits.push(...limitFindings(checked.policy, program, target.capabilities, target.usage(program)));
    if (limits.length > 0) continue;
    for (const { device, program: p } of devicePrograms(checked.policy, program)) {
      for (const f of target.render(p)) files.set(`${program.point}/${device ? `${device}/` : ''}${f.path}`, f.content);
    }
  }
  expect(check, 'check and compile report the same errors').toEqual(said(limits));
  return limits.length > 0 ? { refused: said(limits).join('; ') } : { files };
}

const lines = (text: string) => text.split('\n').length;

/** Rulesets to load, kept to check in one go after the runs (one process per file, not per run). */
const work = mkdtempSync(join(tmpdir(), 'wardline-adversarial-'));
const rulesets: { path: string; loader: string[] }[] = [];
afterAll(() => rmSync(work, { recursive: true, force: true }));

function keep(files: Map<string, string>): void {
  for (const [path, content] of files) {
    const loader = path.endsWith('ruleset.nft') ? ['nft', '-c', '-f'] : path.endsWith('rules.v4') ? ['iptables-restore', '--test'] : path.endsWith('rules.v6') ? ['ip6tables-restore', '--test'] : undefined;
    if (!loader || rulesets.length >= 400) continue;
    const file = join(work, `${rulesets.length}-${path.replace(/[^A-Za-z0-9.]/g, '_')}`);
    writeFileSync(file, content);
    rulesets.push({ path: file, loader });
  }
}

let accepted = 0;

describe('adversarial policies', () => {
  it('check never throws; when it finds no error, all nine platforms compile, and free text adds no line', () => {
    fc.assert(
      fc.property(hostilePolicy, ({ yaml, benign }) => {
        for (const platform of PLATFORMS) {
          const hostile = compiled(onPlatform(yaml, platform));
          const twin = compiled(onPlatform(benign, platform));
          if ('refused' in hostile) continue;
          accepted++;
          // The twin differs only in free text: it compiles too, to files of the same names and line counts.
          expect('files' in twin, `the benign twin is refused on ${platform}: ${'refused' in twin ? twin.refused : ''}`).toBe(true);
          if (!('files' in twin)) continue;
          expect([...hostile.files.keys()]).toEqual([...twin.files.keys()]);
          for (const [path, content] of hostile.files) expect(lines(content), `${platform} ${path}: free text added lines`).toBe(lines(twin.files.get(path)!));
          keep(hostile.files);
        }
      }),
      params,
    );
    // The generator must reach compile often enough to mean something (a policy on one of nine platforms counts once).
    expect(accepted).toBeGreaterThan(RUNS / 2);
  }, TIMEOUT);

  it('translation validation holds on the platforms the policy names', () => {
    fc.assert(
      fc.property(hostilePolicy, ({ yaml }) => {
        const checked = checkForCompile([{ path: 'policy.yaml', text: yaml }], TODAY);
        if (checked.findings.some((d) => d.severity === 'error')) return;
        const policy = checked.policy;
        const result = validateTranslation(policy, buildAddressPlan(policy), compilePolicy(policy), simulator(policy));
        expect(result.disagreements.slice(0, 3)).toEqual([]);
      }),
      { ...params, numRuns: Math.max(5, Math.floor(RUNS / 2)) },
    );
  }, TIMEOUT);

  const root = execaSync('sh', ['-c', 'test "$(id -u)" = 0 && command -v nft && command -v iptables-restore && command -v ip6tables-restore'], { stdio: 'ignore', reject: false }).exitCode === 0;
  const required = process.env.WARDLINE_LAB === 'required';
  it.skipIf(!root && !required)('every nftables and iptables output loads (nft -c, iptables-restore --test)', () => {
    expect(root, 'WARDLINE_LAB=required: root, nft and iptables-restore must be present').toBe(true);
    expect(rulesets.length, 'the runs produced Linux rulesets to load').toBeGreaterThan(0);
    const failed = rulesets.flatMap(({ path, loader }) => {
      const r = execaSync(loader[0]!, [...loader.slice(1), path], { reject: false });
      return r.exitCode === 0 ? [] : [`${loader.join(' ')} ${path}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' / ')}`];
    });
    expect(failed).toEqual([]);
  }, TIMEOUT);
});
