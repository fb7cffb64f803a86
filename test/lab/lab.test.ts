import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

/** Root with ip, nft and python3; under WARDLINE_LAB=required (CI) a missing prerequisite fails instead of skipping. */
function labAvailable(): boolean {
  try {
    execFileSync('sh', ['-c', 'test "$(id -u)" = 0 && command -v ip && command -v nft && command -v python3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = labAvailable();
const required = process.env.WARDLINE_LAB === 'required';
const FIXTURE = 'test/lab/fixtures/two-zones';

function namespaces(): string {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
}

describe.skipIf(!available && !required)('wardline lab (kernel)', () => {
  it('has its prerequisites', () => {
    expect(available, 'WARDLINE_LAB=required: root, ip, nft and python3 must be present').toBe(true);
  });

  it('agrees with the simulator on every probe of a two-zone policy and leaves no namespace behind', async () => {
    const before = namespaces();
    const r = await wardline(['lab', FIXTURE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.disagree, r.stdout).toBe(0);
    expect(doc.agree).toBe(doc.probes.length);
    expect(doc.probes.some((p: { probe: string; kernel: string }) => p.probe === 'tcp/443' && p.kernel === 'allowed')).toBe(true);
    expect(doc.probes.some((p: { kernel: string }) => p.kernel === 'blocked')).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/probed \d+ of \d+/);
    expect(namespaces()).toBe(before);
  }, 60_000);

  it('fails, showing the disagreement, when the loaded ruleset is edited by hand', async () => {
    const before = namespaces();
    const dir = mkdtempSync(join(tmpdir(), 'wardline-lab-'));
    const out = mkdtempSync(join(tmpdir(), 'wardline-lab-out-'));
    const c = await wardline(['compile', FIXTURE, '-o', out]);
    expect(c.exitCode).toBe(0);
    const original = execFileSync('cat', [join(out, 'r1', 'ruleset.nft')], { encoding: 'utf8' });
    // One line changed: the https flow's accept becomes a drop.
    const edited = original.replace(/(tcp dport 443[^\n]*) accept/, '$1 drop');
    expect(edited).not.toBe(original);
    writeFileSync(join(dir, 'ruleset.nft'), edited);
    const r = await wardline(['lab', FIXTURE, '--point', 'r1', '--ruleset', join(dir, 'ruleset.nft')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('tcp/443 ga 10.1.0.138 -> gb 10.2.0.138: kernel blocked, simulator allows');
    expect(r.stdout).toMatch(/\d+ agree, [1-9]\d* disagree\n$/);
    expect(namespaces()).toBe(before);
  }, 60_000);
});
