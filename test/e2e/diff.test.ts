import { execa } from 'execa';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, wardline } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';
import { readTree } from '../support/tree.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const repo = join(work, 'repo');
const GOLDEN = join(REPO, 'test/e2e/golden/diff');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Wardline Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Wardline Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  GIT_AUTHOR_DATE: '2026-11-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (...args: string[]) => execa('git', args, { cwd: repo, env: GIT_ENV });
const edit = (file: string, from: string, to: string) => {
  const path = join(repo, 'policy', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
};
const commit = async (tag: string) => {
  await git('add', '-A');
  await git('commit', '-q', '-m', tag);
  await git('tag', tag);
};
const diff = (args: string[], cwd = repo) => wardline(['diff', ...args], { cwd });

const GUEST_FLOW = `
  - id: guest-portal-to-pumps
    from: guest-wifi
    to: infusion-pumps-5
    services: [https]
    why: Pilot of a bedside guest portal
    owner: it@example.org
    ticket: CHG-3000
`;

beforeAll(async () => {
  mkdirSync(repo);
  cpSync(join(REPO, 'policies/example-hospital'), join(repo, 'policy'), { recursive: true });
  await git('init', '-q', '-b', 'main');
  await commit('base');
  // One flow gains ssh, another changes ticket: a connectivity change and a bookkeeping change.
  edit('flows.yaml', '    services: [https, pump-mgmt]\n', '    services: [https, pump-mgmt, ssh]\n');
  edit('flows.yaml', 'ticket: CHG-1043', 'ticket: CHG-2001');
  // The scanners lose the medication server, which an `expect: can` needs.
  edit('flows.yaml', '    to: [med-admin-server, emr-app]\n', '    to: [emr-app]\n');
  await commit('edit');
  // A flow from the guest Wi-Fi to a medical group, with the guardrail exception it needs.
  writeFileSync(join(repo, 'policy/flows.yaml'), readFileSync(join(repo, 'policy/flows.yaml'), 'utf8') + GUEST_FLOW);
  edit('guardrails.yaml', '    why: Patient and visitor devices must never reach clinical equipment\n', '    why: Patient and visitor devices must never reach clinical equipment\n    exceptions:\n      - flow: guest-portal-to-pumps\n        why: Portal pilot\n');
  await commit('guest');
  await git('checkout', '-q', '-b', 'renamed', 'base');
  edit('flows.yaml', '- id: bcma-to-medication-servers', '- id: bcma-to-med-servers');
  await commit('rename');
  await git('checkout', '-q', '-b', 'broken', 'base');
  edit('zones.yaml', 'via: ward4-sw', 'via: nowhere-sw');
  await commit('broken-base');
  await git('checkout', '-q', 'guest');
}, 60_000);

// Each test runs several whole wardline processes; under a loaded 2-core machine 30 s is too tight.
// They only read the repository: side by side, their processes overlap.
describe.concurrent('wardline diff between git revisions', { timeout: 90_000 }, () => {
  for (const format of ['text', 'json', 'markdown', 'sarif']) {
    it(`pins a changed flow as ${format}`, async () => {
      const r = await diff(['base', 'edit', '--path', 'policy', '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expectGolden(join(GOLDEN, `edit.${format === 'markdown' ? 'md' : format}`), r.stdout);
    });
  }

  it('SARIF that GitHub code scanning takes: rules with full description and help, fingerprinted results, a category without paths', async () => {
    const r = await diff(['base', 'edit', '--path', 'policy', '--format', 'sarif']);
    const run = JSON.parse(r.stdout).runs[0];
    for (const rule of run.tool.driver.rules) {
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(0);
      expect(rule.help.text.length, rule.id).toBeGreaterThan(0);
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) expect(result.partialFingerprints['wardline-diff/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(run.automationDetails.id).toBe('wardline-diff/');
    // A second run gives the same fingerprints.
    const again = JSON.parse((await diff(['base', 'edit', '--path', 'policy', '--format', 'sarif'])).stdout).runs[0];
    expect(again.results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints)).toEqual(run.results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints));
  });

  it('flags a flow from the guest Wi-Fi into a medical group; --fail-on medical exits 1', async () => {
    const r = await diff(['edit', 'guest', '--path', 'policy', '--fail-on', 'medical']);
    expect(r.stdout).toContain('+ guest-wifi -> infusion-pumps-5  tcp/443  [medical, untrusted]');
    expect(r.stdout).toContain('guest-portal-to-pumps (flows.yaml:');
    expect(r.exitCode).toBe(1);
    expect((await diff(['edit', 'guest', '--path', 'policy'])).exitCode).toBe(0);
    expect((await diff(['base', 'edit', '--path', 'policy', '--fail-on', 'medical'])).exitCode).toBe(0);
    expect((await diff(['base', 'edit', '--path', 'policy', '--fail-on', 'any-change'])).exitCode).toBe(1);
  });

  it('from a subdirectory, --path ../policy names the policy (.. is a step, not a hidden directory)', async () => {
    const sub = join(repo, 'docs-sub');
    mkdirSync(sub, { recursive: true });
    const r = await diff(['base', 'edit', '--path', '../policy'], sub);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe((await diff(['base', 'edit', '--path', 'policy'])).stdout);
  });

  it('defaults HEAD to the working tree, and takes directories for both sides', async () => {
    const tree = await diff(['edit', '--path', 'policy', '--fail-on', 'untrusted']);
    expect(tree.stdout).toMatch(/^edit -> working tree: 1 connection\(s\) added, 0 removed; flagged: medical, untrusted\n/);
    expect(tree.exitCode).toBe(1);
    const dirs = await wardline(['diff', 'policies/example-hospital', join(repo, 'policy')]);
    expect(dirs.stdout).toContain('[medical, untrusted]');
  });

  it('reports a pure rename as no connectivity change, exit 0, with the rename listed apart', async () => {
    const r = await diff(['base', 'rename', '--path', 'policy', '--fail-on', 'any-change']);
    expect(r.stdout).toBe('no connectivity change between base and rename\n\nintent changes that do not change connectivity:\n  bcma-to-med-servers: id bcma-to-medication-servers -> bcma-to-med-servers\n');
    expect(r.exitCode).toBe(0);
  });

  it('refuses bad input with one line and exit 2', async () => {
    const cases: [string[], string, RegExp][] = [
      [['no-such-rev', 'edit', '--path', 'policy'], repo, /^wardline: unknown revision "no-such-rev": /m],
      [['base', 'edit', '--path', 'nope'], repo, /^wardline: nope: no \.yaml or \.yml files at revision base \(the path does not exist there\)\n$/],
      [['main', '--path', 'policy'], work, /^wardline: not a git repository/],
      [['broken-base', 'edit', '--path', 'policy'], repo, /^wardline: the policy at broken-base does not check \(1 error\(s\) above\)/m],
    ];
    for (const [args, cwd, message] of cases) {
      const r = await diff(args, cwd);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
      expect(r.exitCode).toBe(2);
    }
  });
});

describe('wardline init and the CI examples', () => {
  it('scaffolds a repository that checks as created, and never overwrites', async () => {
    const dir = join(work, 'starter');
    const created = await wardline(['init', dir]);
    expect(created.exitCode).toBe(0);
    const checked = await wardline(['check', dir]);
    expect(checked.stdout).toBe('');
    expect(checked.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'policy/network.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/wardline\.schema\.json\n/);
    expect(readFileSync(join(dir, '.github/workflows/wardline.yml'), 'utf8')).toBe(readFileSync(join(REPO, 'examples/ci/wardline.yml'), 'utf8'));
    expect(readFileSync(join(dir, '.github/workflows/wardline-expiry.yml'), 'utf8')).toBe(readFileSync(join(REPO, 'examples/ci/wardline-expiry.yml'), 'utf8'));
    writeFileSync(join(dir, 'README.md'), 'ours\n');
    const again = await wardline(['init', dir]);
    expect(again.stderr).toMatch(/README\.md.*already exists; wardline init never overwrites files/);
    expect(again.exitCode).toBe(2);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('ours\n');
  });

  it('--nac adds pump identities, a quarantine zone for unknown devices and a FreeRADIUS point that compiles', async () => {
    const dir = join(work, 'starter-nac');
    expect((await wardline(['init', dir, '--nac'])).exitCode).toBe(0);
    const checked = await wardline(['check', dir]);
    expect(checked.stdout).toBe('');
    expect(checked.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'policy/network.yaml'), 'utf8')).not.toContain('%');
    const compiled = await wardline(['compile', join(dir, 'policy'), '-o', join(dir, 'configs'), '--today', '2026-11-28']);
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const authorize = readFileSync(join(dir, 'configs/radius/authorize'), 'utf8');
    expect(authorize).toContain('User-Name == "pump-001@biomed.example.org"');
    expect(authorize).toMatch(/Tunnel-Private-Group-Id = "999"/);
    const device = await wardline(['query', join(dir, 'policy'), '--device', 'ac-de-48-00-00-07']);
    expect(device.stdout).toMatch(/^ac:de:48:00:00:07: group infusion-pumps \(by its manufacturer's OUI, network\.yaml:\d+\), zone ward-devices, VLAN 120, role infusion-pumps\n/);
  });

  it('runs the wardline commands of the GitHub workflow and the pre-commit hooks', async () => {
    const shims = join(work, 'bin');
    mkdirSync(shims, { recursive: true });
    writeFileSync(join(shims, 'wardline'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(shims, 'wardline'), 0o755);
    const env = { ...GIT_ENV, PATH: `${shims}:${process.env.PATH}`, NO_COLOR: '1', WARDLINE_TODAY: '2026-11-28' };
    const sh = (command: string, extra: Record<string, string> = {}) => execa('sh', ['-c', command], { cwd: repo, env: { ...env, ...extra }, reject: false });
    await git('update-ref', 'refs/remotes/origin/main', 'base');
    await git('checkout', '-q', 'edit');
    const workflow = parse(readFileSync(join(REPO, 'examples/ci/wardline.yml'), 'utf8'));
    const steps = (workflow.jobs.wardline.steps as { run?: string }[]).map((s) => s.run ?? '').filter((r) => r.includes('wardline '));
    expect(steps).toHaveLength(3);
    // Every gate after the check runs however the earlier ones ended, but not once the run is cancelled or when
    // wardline did not install: an expression (a bare `if: !cancelled()` would be a YAML tag), on the install step's id.
    const all = workflow.jobs.wardline.steps as { name?: string; id?: string; run?: string; if?: unknown }[];
    expect(all.find((s) => s.run === 'npm install --global wardline')!.id).toBe('install');
    const gates = all.slice(all.findIndex((s) => s.run?.startsWith('wardline check')) + 1);
    expect(gates.map((s) => s.name)).toContain('Committed configuration is up to date');
    for (const step of gates) expect(step.if, step.name).toMatch(/^\$\{\{ !cancelled\(\) && steps\.install\.outcome == 'success'( && [^}]+)? \}\}$/);
    const ci = { ...workflow.env, GITHUB_BASE_REF: 'main' };
    // The edit drops a destination that an `expect: can` needs: the check step is the gate that stops it.
    const check = await sh(steps[0]!, ci);
    expect(check.exitCode).toBe(1);
    const sarif = JSON.parse(readFileSync(join(repo, 'wardline.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('WL601');
    const pr = await sh(steps[1]!, ci);
    expect(pr.exitCode).toBe(0);
    expect(readFileSync(join(repo, 'wardline-diff.md'), 'utf8')).toMatch(/^### wardline: connectivity diff\n\n\*\*origin\/main -> working tree: 2 connection\(s\) added/);
    expect((await sh(steps[2]!, ci)).stdout).toContain('::notice::no compiled configuration committed yet');
    // A policy whose own expectations fail is not compiled; the base revision is.
    expect((await sh('wardline compile "$POLICY" -o "$CONFIGS"', ci)).exitCode).toBe(1);
    await git('checkout', '-q', 'base');
    expect((await sh('wardline compile "$POLICY" -o "$CONFIGS"', ci)).exitCode).toBe(0);
    expect((await sh(steps[2]!, ci)).exitCode).toBe(0);
    await git('checkout', '-q', 'guest');
    expect((await sh(steps[1]!, ci)).exitCode).toBe(1);
    expect((await sh(steps[2]!, ci)).exitCode).toBe(1);
    // pre-commit runs `entry args…` from the repository root.
    const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string }[];
    const config = parse(readFileSync(join(REPO, 'examples/ci/pre-commit-config.yaml'), 'utf8'));
    const used = config.repos[0].hooks as { id: string; args: string[] }[];
    expect(used.map((h) => h.id).sort()).toEqual(hooks.map((h) => h.id).sort());
    await git('checkout', '-q', 'edit');
    const runHooks = async () => {
      const codes: Record<string, number | undefined> = {};
      for (const hook of used) codes[hook.id] = (await sh([hooks.find((h) => h.id === hook.id)!.entry, ...hook.args].join(' '))).exitCode;
      return codes;
    };
    // At the edit both hooks stop the commit (a broken expectation); at the base, with its configs, both pass.
    expect(await runHooks()).toEqual({ 'wardline-check': 1, 'wardline-compile-check': 1 });
    await git('checkout', '-q', 'base');
    expect(await runHooks()).toEqual({ 'wardline-check': 0, 'wardline-compile-check': 0 });
    // pre-commit runs a hook when a staged file matches its files (the config's, else the hook's; none: any file):
    // the compile check runs, and stops the commit, when only a compiled file was edited by hand.
    const files = (id: string) => new RegExp((used.find((h) => h.id === id) as { files?: string }).files ?? (hooks.find((h) => h.id === id) as { files?: string }).files ?? '');
    const compiled = Object.keys(readTree(join(repo, 'configs'))).find((f) => f.endsWith('config.txt'))!;
    expect(files('wardline-compile-check').test(`configs/${compiled}`)).toBe(true);
    expect(files('wardline-compile-check').test('policy/flows.yaml')).toBe(true);
    expect(files('wardline-compile-check').test('README.md')).toBe(false);
    expect(new RegExp((hooks.find((h) => h.id === 'wardline-compile-check') as { files?: string }).files ?? '').test(`configs/${compiled}`)).toBe(true);
    writeFileSync(join(repo, 'configs', compiled), `${readFileSync(join(repo, 'configs', compiled), 'utf8')}! edited by hand\n`);
    expect(await runHooks()).toEqual({ 'wardline-check': 0, 'wardline-compile-check': 1 });
  }, 60_000);
});
