import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

/**
 * A repository as a newcomer has one: the policy under policy/, a broken test fixture under test/, and a
 * .wardline.yaml naming the policy. Every command that reads a policy reads the one the project file names when it
 * is given no path, and the broken fixture only when asked for it.
 */
const repo = mkdtempSync(join(tmpdir(), 'wardline-project-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const GIT = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

beforeAll(async () => {
  cpSync(join(REPO, 'policies', 'example-hospital'), join(repo, 'policy'), { recursive: true });
  mkdirSync(join(repo, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(repo, 'test', 'fixtures', 'broken.yaml'), 'wardline: 1\nflows:\n  - id: nowhere\n    from: nothing\n    to: nobody\n    services: [https]\n');
  writeFileSync(join(repo, '.wardline.yaml'), 'policy: policy\n');
  const git = (...args: string[]) => execa('git', args, { cwd: repo, env: GIT });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'one');
});

describe('the project file (.wardline.yaml)', { timeout: 60_000 }, () => {
  it('a bare check reads the policy it names, not the test fixtures; check . still reads everything', async () => {
    const bare = await wardline(['check', '-f', 'json'], { cwd: repo });
    expect(bare.exitCode, bare.stderr).toBe(0);
    const files = (JSON.parse(bare.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith('policy/'))).toBe(true);
    const everything = await wardline(['check', '.'], { cwd: repo });
    expect(everything.exitCode).toBe(1);
    expect(everything.stdout).toContain('test/fixtures/broken.yaml');
  });

  it('query, matrix and explain read it too', async () => {
    const query = await wardline(['query', '--from', 'guest-wifi', '--to', 'infusion-pumps-4e', '--expect', 'deny'], { cwd: repo });
    expect(query.exitCode, query.stderr).toBe(0);
    expect(query.stdout).toContain('no-untrusted-to-medical');
    const matrix = await wardline(['matrix', '--by', 'zone'], { cwd: repo });
    expect(matrix.exitCode, matrix.stderr).toBe(0);
    expect(matrix.stdout).toContain('guest-wifi');
    const explain = await wardline(['explain', 'guest-to-internet'], { cwd: repo });
    expect(explain.exitCode, explain.stderr).toBe(0);
    expect(explain.stdout).toContain('flow guest-to-internet (flows.yaml:');
  });

  it('compile writes it, and a stale compile --check names the policy in the command it says to run', async () => {
    const compiled = await wardline(['compile', '-o', 'out'], { cwd: repo });
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const config = join(repo, 'out', 'ward4-sw', 'config.txt');
    writeFileSync(config, `${readFileSync(config, 'utf8')}! edited by hand\n`);
    const check = await wardline(['compile', '--check', '-o', 'out'], { cwd: repo });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('differs  out/ward4-sw/config.txt');
    expect(check.stderr).toContain('run wardline compile policy -o out\n');
    const spaced = await wardline(['compile', './policy', '--check', '-o', 'out'], { cwd: repo });
    expect(spaced.stderr).toContain('run wardline compile ./policy -o out\n');
  });

  it('diff takes it for --path', async () => {
    const flows = join(repo, 'policy', 'flows.yaml');
    const before = readFileSync(flows, 'utf8');
    writeFileSync(flows, before.replace('services: [https]', 'services: [https, tcp/8443]'));
    try {
      const diff = await wardline(['diff', 'HEAD', '--format', 'json'], { cwd: repo });
      expect(diff.exitCode, diff.stderr).toBe(0);
      expect((JSON.parse(diff.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
    } finally {
      writeFileSync(flows, before);
    }
  });

  it('a project file wardline cannot use is exit 2 with its file:line:col and what to write', async () => {
    const dir = mkdtempSync(join(repo, 'bad-'));
    writeFileSync(join(dir, '.wardline.yaml'), 'policy: policy\npolcy: x\n');
    const unknown = await wardline(['check'], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe('wardline: .wardline.yaml:2:1: unknown key "polcy": the project file has only "policy"; write one line, policy: DIRECTORY (e.g. policy: policies/example-hospital)\n');
    writeFileSync(join(dir, '.wardline.yaml'), 'policy: policies/missing\n');
    const missing = await wardline(['query', '--from', 'a', '--to', 'b'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('wardline: .wardline.yaml:1:9: "policy" names policies/missing, which does not exist; name the policy directory, relative to .wardline.yaml\n');
    writeFileSync(join(dir, '.wardline.yaml'), 'policy: [a, b]\n');
    const list = await wardline(['compile', '-o', 'out'], { cwd: dir });
    expect(list.exitCode).toBe(2);
    expect(list.stderr).toMatch(/^wardline: \.wardline\.yaml:1:9: "policy" is not a path; /);
  });

  it('this repository has one: a bare check at its top reads the example hospital, not test/fixtures', async () => {
    const bare = await wardline(['check', '-f', 'json'], { cwd: REPO });
    expect(bare.exitCode, bare.stderr).toBe(0);
    const files = (JSON.parse(bare.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files).toEqual(['policies/example-hospital/flows.yaml']);
  });
});
