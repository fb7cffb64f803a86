import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { wardline, BIN, REPO } from '../support/cli.js';
import { validateSarif } from '../support/sarif.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-foundation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function bundledPolicyFiles(): string[] {
  const dir = join(REPO, 'policies', 'example-hospital');
  return [join(REPO, 'policies', 'standard-services.yaml'), ...readdirSync(dir).map((f) => join(dir, f))];
}

describe('the bundled example hospital', () => {
  it('checks clean (exit 0) from the CLI', async () => {
    const r = await wardline(['check', 'policies/example-hospital']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('every bundled file starts with the schema modeline and validates against `wardline schema`', async () => {
    const printed = await wardline(['schema']);
    expect(printed.exitCode).toBe(0);
    // As an editor sees it: the printed schema alone, unknown formats ignored.
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(printed.stdout));
    for (const file of bundledPolicyFiles()) {
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0], file).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/wardline\.schema\.json$/);
      expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('a flow from the guest Wi-Fi to the pumps fails the check with both places and an example packet', async () => {
    const dir = join(work, 'guest');
    cpSync(join(REPO, 'policies', 'example-hospital'), dir, { recursive: true });
    appendFileSync(
      join(dir, 'flows.yaml'),
      '  - id: guest-to-pumps\n    from: guest-wifi\n    to: infusion-pumps-4e\n    services: [https]\n    why: Portal test\n    owner: it@example.org\n',
    );
    const r = await wardline(['check', '.'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('WL501'))!;
    expect(line).toMatch(/flow "guest-to-pumps" \(flows\.yaml:\d+:\d+\)/);
    expect(line).toMatch(/guardrail "no-untrusted-to-medical" \(guardrails\.yaml:\d+:\d+\)/);
    expect(line).toMatch(/for example 172\.20\.\d+\.\d+ → 10\.20\.\d+\.\d+ tcp\/443/);
  });
});

describe('machine formats and bad input', () => {
  it('SARIF output validates against the SARIF 2.1.0 schema, with findings and clean', async () => {
    const broken = await wardline(['check', 'test/e2e/fixtures/unknown-names', '--format', 'sarif']);
    expect(broken.exitCode).toBe(1);
    expect(validateSarif(broken.stdout)).toEqual([]);
    expect(JSON.parse(broken.stdout).runs[0].results.length).toBeGreaterThan(0);
    const clean = await wardline(['check', 'policies/example-hospital', '--format', 'sarif']);
    expect(validateSarif(clean.stdout)).toEqual([]);
  });

  it('several formats at once: one to stdout, the others to files', async () => {
    const sarif = join(work, 'out.sarif');
    const junit = join(work, 'out.xml');
    const r = await wardline(['check', 'test/e2e/fixtures/unknown-names', '-f', 'sarif', '-o', sarif, '-f', 'junit', '-o', junit, '-f', 'json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).summary.errors).toBeGreaterThan(0);
    expect(validateSarif(readFileSync(sarif, 'utf8'))).toEqual([]);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite name="wardline check"');
  });

  it('an alias bomb is refused quickly with a clear message', async () => {
    const file = join(work, 'bomb.yaml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    writeFileSync(file, `wardline: 1\n${levels.join('\n')}\n`);
    const start = Date.now();
    const r = await wardline(['check', file]);
    // Generous: the point is that refusing never hangs; a process start alone can take seconds on a loaded 2-core machine.
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('WL104');
    expect(r.stdout).toContain('anchors and aliases are not accepted');
  });

  it('an oversized file is refused quickly, without being parsed', async () => {
    const file = join(work, 'huge.yaml');
    writeFileSync(file, `wardline: 1\n# ${'x'.repeat(1024)}\n`);
    truncateSync(file, 33 * 2 ** 20);
    const start = Date.now();
    const r = await wardline(['check', file]);
    // Generous: the point is that refusing never hangs; a process start alone can take seconds on a loaded 2-core machine.
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/WL105/);
    expect(r.stdout).toMatch(/huge\.yaml\n  1:1  error  this file is 33\.0 MiB; the limit is 32 MiB per file/);
  });

  it('stops quietly with its own exit code when the reader closes the pipe early (| head)', async () => {
    const batch = join(work, 'many-queries.jsonl');
    writeFileSync(batch, '{"from":"infusion-pumps-4e","to":"monitors-4e"}\n'.repeat(20_000));
    // 20,000 answers are megabytes: far more than a pipe holds once `head` has gone.
    const r = await execa('bash', ['-c', `node ${BIN} query policies/example-hospital --batch ${batch} | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], {
      cwd: REPO,
      env: { NO_COLOR: '1', WARDLINE_TODAY: '2026-11-28' },
      reject: false,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('exit 0');
  });

  it('prints its version', async () => {
    const r = await wardline(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
  });
});
