import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceDirectory } from '../../src/cli/output-dir.js';
import { BIN, REPO, wardline } from '../support/cli.js';
import { readTree } from '../support/tree.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-compile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EXAMPLE = 'policies/example-hospital';
const POINTS = ['biomed-router', 'bldgb-core', 'dc-fw', 'dc-leaf', 'edge-fw', 'icu-sw', 'imaging-sw', 'lab-router', 'ward4-sw'];
/** Every point written: the filtering ones and the network access control point (its authorize file, no usage). */
const WRITTEN = [...POINTS.slice(0, 8), 'nac-radius', 'ward4-sw'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const tree = readTree;

/** A wardline output holding one marker file (and its manifest): "the previous output" a failed compile must leave alone. */
const PREVIOUS = {
  'manifest.json': `${JSON.stringify({ wardline: '0.1.0', files: { 'previous.txt': sha256('previous output\n') } })}\n`,
  'previous.txt': 'previous output\n',
};
function previousOutput(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(PREVIOUS)) writeFileSync(join(dir, path), text);
  return dir;
}

describe('wardline compile on the example hospital', () => {
  const out = join(work, 'out');

  it('writes every enforcement point and a manifest of their hashes; a second run is byte-identical', async () => {
    const first = await wardline(['compile', EXAMPLE, '-o', out]);
    expect(first.stdout).toBe('');
    // A line per point: what its configuration fills of each resource its platform counts, against the budget.
    expect(first.stderr).toMatch(/^(wardline: [a-z0-9-]+ \([a-z-]+\) uses [\d,]+ of [\d,]+ [a-z-]+ \(\d+%\)(, [\d,]+ of [\d,]+ [a-z-]+ \(\d+%\))*\n){9}wardline: wrote \d+ files for 10 enforcement points to /);
    expect(first.stderr).toContain('wardline: ward4-sw (cisco-ios) uses ');
    expect(first.exitCode).toBe(0);
    const files = tree(out);
    expect([...new Set(Object.keys(files).filter((p) => p.includes('/')).map((p) => p.split('/')[0]))].sort()).toEqual(WRITTEN);
    const manifest = JSON.parse(files['manifest.json']!);
    expect(manifest.points).toEqual(WRITTEN);
    expect(manifest.valid).toEqual({ from: '2026-07-01', through: '2027-03-31' });
    expect(manifest.policy).toMatch(/^[0-9a-f]{64}$/);
    for (const [path, content] of Object.entries(files)) if (path !== 'manifest.json') expect(manifest.files[path], path).toBe(sha256(content));
    // Usage is what the files hold: EXOS policy entries as written, against the X460-G2's default budgets.
    const entries = (direction: string) =>
      Object.entries(files).filter(([p]) => p.startsWith('imaging-sw/') && p.endsWith(`_${direction}_v4.pol`)).reduce((n, [, text]) => n + (text.match(/^entry /gm) ?? []).length, 0);
    expect(manifest.usage['imaging-sw']).toEqual({ 'acl-rules-in': { used: entries('in'), budget: 4096 }, 'acl-rules-out': { used: entries('out'), budget: 1024 } });
    expect(Object.keys(manifest.usage)).toEqual(POINTS);
    expect(first.stderr).toContain(`imaging-sw (extreme-exos) uses ${entries('in')} of 4,096 acl-rules-in`);
    expect(Object.keys(manifest.files).length).toBe(Object.keys(files).length - 1);
    const second = await wardline(['compile', EXAMPLE, '-o', out]);
    expect(second.exitCode).toBe(0);
    expect(tree(out)).toEqual(files);
  });

  it('--check exits 0 on fresh output, and 1 naming the file after a hand edit, writing nothing', async () => {
    const clean = await wardline(['compile', EXAMPLE, '--check', '-o', out]);
    expect(clean).toMatchObject({ stdout: '', exitCode: 0 });
    appendFileSync(join(out, 'ward4-sw', 'config.txt'), 'ip access-list extended hand-made\n');
    const before = tree(out);
    const stale = await wardline(['compile', EXAMPLE, '--check', '-o', out]);
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toBe(`differs  ${out}/ward4-sw/config.txt\n`);
    expect(stale.stderr).toContain('is not what the policy compiles to (1 files)');
    expect(tree(out)).toEqual(before);
  });

  it('--only rewrites the named points and keeps the others', async () => {
    const before = tree(out);
    rmSync(join(out, 'lab-router'), { recursive: true });
    const r = await wardline(['compile', EXAMPLE, '--only', 'lab-router', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^wardline: wrote \d+ files for 10 enforcement points \(1 compiled, 9 kept from the previous output\) to /m);
    const after = tree(out);
    expect(after['lab-router/ruleset.nft']).toBe(before['lab-router/ruleset.nft']);
    expect(after['ward4-sw/config.txt']).toBe(before['ward4-sw/config.txt']); // the hand edit stays: not compiled this time
    // The points not compiled keep their usage figures; the one compiled prints and records its own.
    expect(JSON.parse(after['manifest.json']!).usage).toEqual(JSON.parse(before['manifest.json']!).usage);
    expect(r.stderr.split('\n').filter((l) => l.includes(' uses '))).toEqual([expect.stringMatching(/^wardline: lab-router \(linux-nftables\) uses \d+ of 10,000 rules/)]);
    const unknown = await wardline(['compile', EXAMPLE, '--only', 'nope', '-o', out]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--only names "nope"');
  });
});

describe('a compile that fails leaves the previous output as it was', () => {
  it('a policy with errors: exit 1, the diagnostics on stderr, nothing written', async () => {
    const policy = join(work, 'broken');
    cpSync(join(REPO, EXAMPLE), policy, { recursive: true });
    appendFileSync(join(policy, 'flows.yaml'), '  - { id: to-nowhere, from: infusion-pumps-5, to: no-such-group, services: [https] }\n');
    const out = previousOutput('broken-out');
    const r = await wardline(['compile', policy, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/flows\.yaml\n\s+\d+:\d+\s+error\s+"no-such-group" is not a group or zone defined in this policy\s+WL301\n/);
    expect(r.stderr).toContain('wardline: nothing compiled: the policy has errors');
    expect(tree(out)).toEqual(PREVIOUS);
    const fresh = join(work, 'never-created');
    expect((await wardline(['compile', policy, '-o', fresh])).exitCode).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('compile runs only error-level checks: a failed expectation refuses, a warning does not', async () => {
    const out = previousOutput('expectation-out');
    const r = await wardline(['compile', 'test/fixtures/broken/expectation-failed', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/expect\.yaml\n\s+4:5\s+error\s+expectation fails: .* WL601\n/);
    expect(r.stderr).toContain('wardline: nothing compiled: the policy has errors');
    expect(tree(out)).toEqual(PREVIOUS);
    const warned = join(work, 'warned-out');
    const w = await wardline(['compile', 'test/fixtures/broken/redundant-flow', '-o', warned]);
    expect(w.exitCode).toBe(0);
    expect(w.stderr).not.toContain('WL502');
    expect(existsSync(join(warned, 'manifest.json'))).toBe(true);
  });

  it('a target limit (WL7xx): exit 1, nothing written', async () => {
    const out = previousOutput('limit-out');
    const policy = [
      'wardline: 1',
      'zones:',
      '  guests: { subnets: [172.20.0.0/16], via: fw, isolation: true }',
      '  servers: { vlan: 20, subnets: [10.50.0.0/24], via: fw }',
      'flows:',
      '  - { id: guests-web, from: guests, to: servers, services: [https] }',
      'enforcement:',
      '  fw: { platform: fortinet-fortios }',
      '',
    ].join('\n');
    writeFileSync(join(work, 'limit.yaml'), policy);
    const r = await wardline(['compile', join(work, 'limit.yaml'), '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/3:3\s+error\s+zone "guests" asks for port isolation, which fortinet-fortios on "fw" renders on a VLAN.*WL702/);
    expect(tree(out)).toEqual(PREVIOUS);
  });

  it('a write that fails midway leaves the previous directory and no staging directory', () => {
    const out = previousOutput('write-fails');
    // `a` is written as a file, then `a/b` needs it to be a directory: the second write throws.
    const files = new Map([['a', 'first file\n'], ['a/b', 'cannot be written\n']]);
    expect(() => replaceDirectory(out, out, files)).toThrow();
    expect(tree(out)).toEqual(PREVIOUS);
    expect(readdirSync(work).filter((n) => n.includes('wardline-'))).toEqual([]);
  });

  it('an output directory that cannot be made: exit 2 with one line saying why, never a hang or a trace', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const under = await wardline(['compile', EXAMPLE, '-o', join(file, 'out')]);
    expect(under.exitCode).toBe(2);
    expect(under.stderr).toBe(`wardline: -o ${file}/out: ${file} is a file, not a directory; nothing was written\n`);
    // Under /proc, mkdir answers ENOENT below a directory that exists: Node's recursive mkdir spun there forever.
    if (existsSync('/proc/self')) {
      const proc = await wardline(['compile', EXAMPLE, '-o', '/proc/wardline-out'], { timeout: 20_000 });
      expect(proc.exitCode).toBe(2);
      expect(proc.stderr).toBe('wardline: cannot open /proc/.wardline-out.wardline-lock: no such file or directory (ENOENT)\n');
    }
  });

  it('a compile killed midway leaves either the previous output or the whole new one, and the next compile recovers', async () => {
    // The whole new output, from a compile nobody interrupts (`out` above carries a hand edit and its manifest).
    expect((await wardline(['compile', EXAMPLE, '-o', join(work, 'complete')])).exitCode).toBe(0);
    const complete = tree(join(work, 'complete'));
    for (const delay of [150, 400, 700]) {
      const out = previousOutput(`killed-${delay}`);
      const child = execa('node', [BIN, 'compile', EXAMPLE, '-o', out], { cwd: REPO, reject: false, env: { WARDLINE_TODAY: '2026-11-28' } });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await child;
      // Killed between moving the previous output aside and moving the new one in: the previous one waits beside it.
      const aside = readdirSync(work).find((n) => n.startsWith(`.killed-${delay}.wardline-old-`));
      const now = existsSync(out) ? tree(out) : tree(join(work, aside ?? 'missing'));
      if ('previous.txt' in now) expect(now).toEqual(PREVIOUS);
      else expect(now).toEqual(complete);
      const again = await wardline(['compile', EXAMPLE, '-o', out]);
      expect(again.exitCode).toBe(0);
      expect(readdirSync(work).filter((n) => n.startsWith(`.killed-${delay}.`))).toEqual([]);
    }
  });
});
