import { execa } from 'execa';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, REPO, wardline } from '../support/cli.js';

// The scheduled workflow of examples/ci, its commands run as the job runs them, on the days around an expiry.
const work = mkdtempSync(join(tmpdir(), 'wardline-expiry-watch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const workflow = parse(readFileSync(join(REPO, 'examples/ci/wardline-expiry.yml'), 'utf8'));
const steps = (workflow.jobs.expiry.steps as { run?: string }[]).map((s) => s.run ?? '').filter((r) => r !== '' && !r.startsWith('npm '));
const hasJq = await execa('jq', ['--version'], { reject: false }).then((r) => r.exitCode === 0, () => false);

describe('examples/ci/wardline-expiry.yml', () => {
  const shims = join(work, 'bin');
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, 'wardline'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shims, 'wardline'), 0o755);
  cpSync(join(REPO, 'policies/example-hospital'), join(work, workflow.env.POLICY), { recursive: true });
  const sh = (command: string, today: string, extra: Record<string, string> = {}) =>
    execa('sh', ['-c', command], {
      cwd: work,
      env: { ...workflow.env, ...extra, PATH: `${shims}:${process.env.PATH}`, NO_COLOR: '1', WARDLINE_TODAY: today },
      reject: false,
    });

  it('has a daily schedule and three steps: horizon report, renewal issue, compile --check', () => {
    expect(workflow.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('--horizon "$HORIZON"');
    expect(steps[2]).toContain('compile "$POLICY" -o "$CONFIGS" --check');
  });

  it('reports the expiring flow and the expectation it breaks a month ahead, and nothing with a shorter horizon', async () => {
    expect((await sh(steps[0]!, '2027-03-05')).exitCode).toBe(0);
    const found = JSON.parse(readFileSync(join(work, 'horizon.json'), 'utf8')).diagnostics as { code: string; message: string }[];
    expect(found.filter((d) => d.code === 'WL505').map((d) => d.message)).toEqual([
      'flow "vendor-pump-support" expires on 2027-03-31, within the 30-day horizon: from 2027-04-01 it is not rendered and allows nothing',
    ]);
    expect(found.filter((d) => d.code === 'WL602').map((d) => d.message)).toEqual([
      'expectation holds today but fails from 2027-04-01, after flow "vendor-pump-support" expires on 2027-03-31: pump-vendor-remote cannot reach infusion-pumps-5 on ssh: 10.90.0.17 → 10.30.1.1 tcp/22 is denied by guardrail "no-ssh-to-pumps" (guardrails.yaml:23)',
    ]);
    expect((await sh(steps[0]!, '2027-03-05', { HORIZON: '10' })).exitCode).toBe(0);
    const none = JSON.parse(readFileSync(join(work, 'horizon.json'), 'utf8')).diagnostics as { code: string }[];
    expect(none.filter((d) => d.code === 'WL505' || d.code === 'WL602')).toEqual([]);
  });

  it.skipIf(!hasJq)('turns the report into the issue body (the gh calls are not run here)', async () => {
    await sh(steps[0]!, '2027-03-05');
    const jq = steps[1]!.split('\n')[0]!;
    expect((await sh(jq, '2027-03-05')).exitCode).toBe(0);
    const body = readFileSync(join(work, 'upcoming.md'), 'utf8').trimEnd().split('\n');
    expect(body).toHaveLength(2);
    expect(body[0]).toMatch(/^- `expect\.yaml:23` expectation holds today but fails from 2027-04-01/);
    expect(body[1]).toMatch(/^- `flows\.yaml:134` flow "vendor-pump-support" expires on 2027-03-31/);
  });

  it('passes every morning until the expiry makes the committed configuration stale, and names the flow that day', async () => {
    expect((await wardline(['compile', 'policy', '-o', 'configs'], { cwd: work, env: { WARDLINE_TODAY: '2027-03-05' } })).exitCode).toBe(0);
    for (const day of ['2027-03-06', '2027-03-31']) expect((await sh(steps[2]!, day)).exitCode, day).toBe(0);
    const stale = await sh(steps[2]!, '2027-04-01');
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('wardline: configs is stale: flow vendor-pump-support expired on 2027-03-31: the committed configuration still allows it');
  });
});
