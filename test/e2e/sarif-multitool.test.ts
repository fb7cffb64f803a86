import { accessSync, chmodSync, constants, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';
import { MULTITOOL, validateSarif } from '../support/sarif.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import { placed, reportPaths } from '../../src/cli/report-paths.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { FORMATTERS } from '../../src/report/formatters.js';

// Every kind of SARIF wardline writes, judged by Microsoft's SARIF Multitool with the rules GitHub code
// scanning applies on upload (`--rule-kind "Sarif;Gh"`): the schema, the SARIF spec's rules and GH1001…GH2012.

const work = mkdtempSync(join(tmpdir(), 'wardline-sarif-multitool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm may install the package without running its chmod script. */
function executableMultitool(): string {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    chmodSync(MULTITOOL, 0o755);
  }
  return MULTITOOL;
}

interface MultitoolResult {
  file: string;
  rule: string;
  level: string;
  message: string;
}

/** The Multitool's findings on directories of .sarif files, in one run (it starts slowly). As root it runs without a network (its URL probes then fail at once instead of timing out). */
async function multitool(dirs: string[]): Promise<MultitoolResult[]> {
  const out = join(work, 'multitool-output.json');
  const args = ['validate', ...dirs.map((d) => join(d, '*.sarif')), '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite', '-o', out, '--quiet'];
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? await execa('unshare', ['-n', executableMultitool(), ...args], { reject: false })
    : await execa(executableMultitool(), args, { reject: false });
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  const log = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[];
  };
  return (log.runs[0]!.results ?? []).map((res) => ({
    file: res.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.replace(/^.*\//, '') ?? '?',
    rule: res.ruleId,
    level: res.level ?? 'warning',
    message: res.message.text ?? `${res.message.id ?? ''} ${(res.message.arguments ?? []).join(' | ')}`,
  }));
}

async function sarifOf(name: string, args: string[], cwd = REPO): Promise<void> {
  const r = await wardline(args, { cwd });
  expect([0, 1], `${name}: ${r.stderr}`).toContain(r.exitCode);
  expect(validateSarif(r.stdout), name).toEqual([]);
  writeFileSync(join(work, 'logs', `${name}.sarif`), r.stdout);
}

const JUDGED = new Set([
  'yaml-bad-indentation', 'schema-unknown-key', 'undefined-names', 'vlan-duplicate', 'guardrail-violation',
  'expiring-soon', 'expectation-failed', 'unknown-platform', 'identity-shadowed', 'identity-claimed-twice',
]);

describe('SARIF as GitHub code scanning accepts it', () => {
  it('check (findings of every fixture, clean), diff (risks, a mode change) and verify (drift) pass the Multitool with no error or warning; a log GitHub would reject fails it', { timeout: 120_000 }, async () => {
    rmSync(join(work, 'logs'), { recursive: true, force: true });
    mkdirSync(join(work, 'logs'));
    // Every broken fixture's findings, formatted in-process as check does (the CLI path is the clean run below).
    const fixtures = readdirSync(join(REPO, 'test', 'fixtures', 'broken')).filter((f) => f !== 'alias-bomb');
    for (const f of fixtures) {
      const sources = await readPolicySources([join(REPO, 'test', 'fixtures', 'broken', f)]);
      const place = reportPaths(sources, 'repository');
      const findings = checkPolicy(sources, '2026-11-28').findings;
      const text = FORMATTERS.sarif(placed(findings, place), { color: false, toolVersion: '0.0.0', files: sources.map((s) => place(s.path)), failOn: 'error' });
      expect(validateSarif(text), f).toEqual([]);
      // The Multitool takes about 0.3 s a log: one fixture of each code family, and each kind of finding it can
      // hold (related locations, info, warning, a YAML error) go to it; the schema judged every one above.
      if (JUDGED.has(f)) writeFileSync(join(work, 'logs', `check-${f}.sarif`), text);
    }
    const checks = Promise.all([
      sarifOf('check-clean', ['check', 'policies/example-hospital', '--format', 'sarif']),
      sarifOf('check-broken-cli', ['check', 'test/fixtures/broken/guardrail-violation', '--format', 'sarif', '--fail-on', 'info']),
    ]);

    // diff between two directories: the head adds a flow from the lab analyzers to a pump (a medical risk).
    const base = join(work, 'base');
    const head = join(work, 'head');
    cpSync(join(REPO, 'policies'), base, { recursive: true });
    cpSync(join(REPO, 'policies'), head, { recursive: true });
    appendFileSync(
      join(head, 'example-hospital', 'flows.yaml'),
      '  - id: lab-to-pumps\n    from: lab-analyzers\n    to: infusion-pumps-4e\n    services: [https]\n    why: Trial integration\n    owner: biomed@example.org\n',
    );
    const diffs = [sarifOf('diff-risks', ['diff', join(base, 'example-hospital'), join(head, 'example-hospital'), '--format', 'sarif'])];
    // A monitor-mode switch (a small policy: the diff's cost is not the point): one mode result at the zone.
    const enforced = join(work, 'enforced');
    mkdirSync(enforced, { recursive: true });
    const monitored = join(REPO, 'test', 'lab', 'fixtures', 'monitor');
    writeFileSync(join(enforced, 'policy.yaml'), readFileSync(join(monitored, 'policy.yaml'), 'utf8').replace(', mode: monitor', ''));
    diffs.push(sarifOf('diff-mode', ['diff', monitored, enforced, '--format', 'sarif']));
    // verify on hand-edited configuration: a two-zone router whose state rule is gone (replies stopped, WL902).
    const configs = join(work, 'configs');
    const compiled = await wardline(['compile', join(REPO, 'test', 'lab', 'fixtures', 'two-zones'), '-o', configs, '--today', '2026-11-28']);
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const ruleset = join(configs, 'r1', 'ruleset.nft');
    writeFileSync(ruleset, readFileSync(ruleset, 'utf8').replace(/\t\tct state established,related accept\n/, ''));
    const verified = sarifOf('verify-drift', ['verify', join(REPO, 'test', 'lab', 'fixtures', 'two-zones'), '--config', configs, '--format', 'sarif', '--today', '2026-11-28']);
    await Promise.all([checks, ...diffs, verified]);
    expect(readFileSync(join(work, 'logs', 'verify-drift.sarif'), 'utf8')).toContain('"ruleId": "WL902"');
    expect(readFileSync(join(work, 'logs', 'diff-mode.sarif'), 'utf8')).toContain('wardline-diff/mode');
    const diffRisks = JSON.parse(readFileSync(join(work, 'logs', 'diff-risks.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(diffRisks.runs[0]!.results.length).toBeGreaterThan(0);

    // And the check can fail: rules without help or a full description are what GitHub refuses (GH2012).
    rmSync(join(work, 'bad'), { recursive: true, force: true });
    mkdirSync(join(work, 'bad'));
    const bad = JSON.parse(readFileSync(join(work, 'logs', 'check-vlan-duplicate.sarif'), 'utf8')) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[] };
    for (const rule of bad.runs[0]!.tool.driver.rules) {
      delete rule.help;
      delete rule.fullDescription;
    }
    writeFileSync(join(work, 'bad', 'bad.sarif'), JSON.stringify(bad));

    const findings = await multitool([join(work, 'logs'), join(work, 'bad')]);
    const serious = findings.filter((f) => f.file !== 'bad.sarif' && (f.level === 'error' || f.level === 'warning'));
    expect(serious.map((f) => `${f.file} ${f.rule} ${f.level}: ${f.message}`)).toEqual([]);
    expect(findings.filter((f) => f.file === 'bad.sarif' && f.level === 'error').map((f) => f.rule)).toContain('GH2012');
  });
});
