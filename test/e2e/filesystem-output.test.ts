import { execa, execaSync } from 'execa';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSystem } from '../../bench/generate.js';
import { BIN, REPO, wardline } from '../support/cli.js';
import { readTree, snapshotTree } from '../support/tree.js';

// The filesystem half of the hardening hunt: what `compile -o DIR` may replace, and what survives a failure.
const work = mkdtempSync(join(tmpdir(), 'wardline-fs-out-'));
const EXAMPLE = join(REPO, 'policies/example-hospital');
const ENV = { NO_COLOR: '1', WARDLINE_TODAY: '2026-11-28' };
const compile = (args: string[], cwd = work) => wardline(['compile', ...args], { cwd });
/** What a compile leaves beside DIR while it works (staging, the previous output moved aside, the lock). */
const leftovers = (parent = work) => readdirSync(parent).filter((n) => n.includes('.wardline-'));

// Files made immutable (or read-only) during a test are released afterwards (wherever a failing compile moved them), so the work
// directory can be removed.
afterAll(() => {
  if (chattrWorks) execaSync('chattr', ['-R', '-i', work], { reject: false });
  else execaSync('chmod', ['-R', 'u+w', work], { reject: false });
  rmSync(work, { recursive: true, force: true });
});

/** The example compiled into a new directory, and a generated policy of 90 enforcement points (bench/generate.ts). */
let example: Record<string, string>;
const many = join(work, 'many-points');
let manyOutput: Record<string, string>;
beforeAll(async () => {
  const system = generateSystem({ groups: 200, flows: 500, points: 90 });
  mkdirSync(many);
  for (const [name, text] of system.files) writeFileSync(join(many, name), text);
  const [a, b] = await Promise.all([compile([EXAMPLE, '-o', join(work, 'example-out')]), compile([many, '-o', join(work, 'many-out')])]);
  expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
  example = readTree(join(work, 'example-out'));
  manyOutput = readTree(join(work, 'many-out'));
});

/** A directory holding a copy of the example's compiled output: a previous output wardline wrote. */
function previousOutput(name: string): string {
  const dir = join(work, name);
  cpSync(join(work, 'example-out'), dir, { recursive: true });
  return dir;
}

/** Refused compiles (run side by side): each exits 2 with one line on stderr and nothing on stdout; `watched` stays as it was. */
async function expectRefused(watched: string, cwd: string, cases: [args: string[], stderr: RegExp][]): Promise<void> {
  const before = snapshotTree(watched);
  const results = await Promise.all(cases.map(([args]) => compile(args, cwd)));
  results.forEach((r, i) => {
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(cases[i]![1]);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.exitCode).toBe(2);
  });
  expect(snapshotTree(watched)).toEqual(before);
}

describe('compile -o DIR replaces only a directory wardline wrote', () => {
  it('DIR that is the policy directory, or holds the policy (a parent, a repository root): refused, nothing touched', async () => {
    const repo = join(work, 'repo');
    cpSync(EXAMPLE, join(repo, 'policy'), { recursive: true });
    writeFileSync(join(repo, 'policy', 'NOTES.txt'), 'notes\n');
    execaSync('git', ['init', '-q', repo]);
    const modes = [[], ['--only', 'ward4-sw'], ['--check']];
    await expectRefused(repo, repo, [
      ...modes.map((mode): [string[], RegExp] => [['policy', '-o', 'policy', ...mode], /^wardline: -o policy: that is the policy directory; /]),
      [['policy/flows.yaml', '-o', '.'], /^wardline: -o \.: that directory holds the policy \(policy\/flows\.yaml\); /],
      // A repository root that holds no policy is still not wardline's: its first entry is named.
      [[EXAMPLE, '-o', repo], /^wardline: -o .*\/repo: .*\/repo holds \.git\/ and no manifest\.json of wardline's: it is not an output of wardline; nothing was written/],
    ]);
    await expectRefused(repo, join(repo, 'policy'), [[['.', '-o', '..'], /^wardline: -o \.\.: that directory holds the policy \(\.\); /]]);
  });

  it('DIR holding a file, directory or link that its manifest does not list: refused, naming it, in every mode', async () => {
    const out = previousOutput('foreign');
    writeFileSync(join(out, 'NOTES.txt'), 'my notes\n');
    const foreign = /^wardline: -o .*\/foreign: .*\/foreign holds NOTES\.txt, which wardline did not write \(manifest\.json does not list it\); nothing was written/;
    await expectRefused(work, work, [[], ['--only', 'ward4-sw'], ['--check']].map((mode) => [[EXAMPLE, '-o', out, ...mode], foreign]));
    rmSync(join(out, 'NOTES.txt'));
    mkdirSync(join(out, 'ward4-sw', 'backup'));
    symlinkSync(join(out, 'manifest.json'), join(out, 'dc-fw', 'config.txt.link'));
    await expectRefused(work, work, [[[EXAMPLE, '-o', out], /holds dc-fw\/config\.txt\.link, which wardline did not write/]]);
    rmSync(join(out, 'dc-fw', 'config.txt.link'));
    await expectRefused(work, work, [[[EXAMPLE, '-o', out], /holds ward4-sw\/backup\/, which wardline did not write/]]);
  });

  it('DIR that is a previous output (hand-edited, a point removed), empty, or absent: written whole, nothing left beside it', async () => {
    const out = previousOutput('previous');
    writeFileSync(join(out, 'ward4-sw', 'config.txt'), 'hand edit\n');
    rmSync(join(out, 'lab-router'), { recursive: true });
    const empty = join(work, 'empty');
    mkdirSync(empty);
    for (const dir of [out, empty, join(work, 'absent', 'a', 'b')]) {
      const r = await compile([EXAMPLE, '-o', dir]);
      expect(r.exitCode).toBe(0);
      expect(readTree(dir)).toEqual(example);
    }
    expect(leftovers()).toEqual([]);
  });

  it('DIR that is a file, or a link: a file is refused; a link to wardline output is followed (the link stays), others refused', async () => {
    writeFileSync(join(work, 'a-file'), 'not a directory\n');
    symlinkSync('nowhere', join(work, 'dangling-link'));
    mkdirSync(join(work, 'home'));
    writeFileSync(join(work, 'home', 'diary.txt'), 'dear diary\n');
    symlinkSync('home', join(work, 'home-link'));
    await expectRefused(work, work, [
      [[EXAMPLE, '-o', 'a-file'], /^wardline: -o a-file: that is a file, not a directory; nothing was written$/m],
      [[EXAMPLE, '-o', 'a-file/out'], /^wardline: -o a-file\/out: a-file is a file, not a directory; nothing was written$/m],
      [[EXAMPLE, '-o', 'dangling-link'], /^wardline: -o dangling-link: that is a symbolic link to nothing; nothing was written$/m],
      [[EXAMPLE, '-o', 'home-link'], /^wardline: -o home-link: home-link holds diary\.txt and no manifest\.json of wardline's/],
    ]);
    previousOutput('linked-output');
    writeFileSync(join(work, 'linked-output', 'dc-fw', 'config.txt'), 'stale\n');
    symlinkSync('linked-output', join(work, 'output-link'));
    expect((await compile([EXAMPLE, '-o', 'output-link'])).exitCode).toBe(0);
    expect(lstatSync(join(work, 'output-link')).isSymbolicLink()).toBe(true);
    expect(readTree(join(work, 'linked-output'))).toEqual(example);
    expect(leftovers()).toEqual([]);
  });
});

// As root, permission bits do not stop anything: an immutable file (chattr +i) is what cannot be removed then.
const root = process.getuid?.() === 0;
const chattrWorks = (() => {
  if (!root) return false;
  const probe = join(work, 'chattr-probe');
  writeFileSync(probe, '');
  const ok = execaSync('chattr', ['+i', probe], { reject: false }).exitCode === 0;
  execaSync('chattr', ['-i', probe], { reject: false });
  rmSync(probe);
  return ok;
})();
function makeReadOnly(dir: string, file: string): () => void {
  if (root) {
    execaSync('chattr', ['+i', file]);
    return () => execaSync('chattr', ['-i', file]);
  }
  execaSync('chmod', ['-R', 'a-w', dir]);
  return () => execaSync('chmod', ['-R', 'u+w', dir]);
}

describe('whatever fails, the previous output stays whole and nothing is left to trip the next compile', () => {
  it.skipIf(root && !chattrWorks)('a previous output that cannot be removed: exit 2 before anything moves, every time; writable again, it is replaced', async () => {
    const parent = join(work, 'read-only');
    mkdirSync(parent);
    const out = join(parent, 'out');
    cpSync(join(work, 'example-out'), out, { recursive: true });
    const release = makeReadOnly(out, join(out, 'ward4-sw', 'config.txt'));
    const refusal = /^wardline: cannot replace .*\/out: (ward4-sw\/config\.txt|.*\/out) is read-only or immutable \((EPERM|EACCES)\), so the previous output could not be removed; nothing was written/;
    for (let i = 0; i < 2; i++) await expectRefused(parent, parent, [[[EXAMPLE, '-o', out], refusal]]);
    release();
    expect((await compile([EXAMPLE, '-o', out])).exitCode).toBe(0);
    expect(readTree(out)).toEqual(example);
    expect(leftovers(parent)).toEqual([]);
  });

  it.runIf(chattrWorks)('a leftover of an earlier compile that cannot be removed is named on stderr, and the compile goes on', async () => {
    const out = previousOutput('stuck');
    const aside = join(work, '.stuck.wardline-old-0123456789ab');
    cpSync(join(work, 'example-out'), aside, { recursive: true });
    execaSync('chattr', ['+i', join(aside, 'manifest.json')]);
    for (let i = 0; i < 2; i++) {
      const r = await compile([EXAMPLE, '-o', out]);
      expect(r.stderr).toContain(`wardline: warning: could not remove ${aside} (${aside}/manifest.json: EPERM); remove it by hand\n`);
      expect(r.exitCode).toBe(0);
      expect(readTree(out)).toEqual(example);
    }
    execaSync('chattr', ['-i', join(aside, 'manifest.json')]);
    rmSync(aside, { recursive: true });
    expect(leftovers()).toEqual([]);
  });

  it('a compile killed (SIGKILL) while it writes leaves the previous output whole; the next compile succeeds and leaves nothing', async () => {
    let midWrite = 0;
    for (let attempt = 0; attempt < 5 && midWrite === 0; attempt++) {
      const out = previousOutput(`killed-${attempt}`);
      const staging = `.killed-${attempt}.wardline-tmp-`;
      const child = execa('node', [BIN, 'compile', many, '-o', out], { cwd: work, env: ENV, reject: false });
      // Killed the moment its staging directory appears: it is writing the new output there.
      const watcher = watch(work, (_event, name) => {
        if (name?.startsWith(staging)) child.kill('SIGKILL');
      });
      const result = await child;
      watcher.close();
      if (!leftovers().some((n) => n.startsWith(staging))) continue; // it finished before the signal landed
      midWrite++;
      expect(result.signal).toBe('SIGKILL');
      expect(readTree(out)).toEqual(example);
      // The next compile takes over the lock the killed one held, and clears its staging directory.
      const again = await compile([many, '-o', out]);
      // One line per point with its use of the device's capacity, then what was written.
      expect(again.stderr.split('\n').filter((l) => / uses /.test(l))).toHaveLength(90);
      expect(again.stderr.endsWith(`wardline: wrote ${Object.keys(manyOutput).length} files for 90 enforcement points to ${out}\n`)).toBe(true);
      expect(again.exitCode).toBe(0);
      expect(readTree(out)).toEqual(manyOutput);
      expect(leftovers()).toEqual([]);
    }
    expect(midWrite).toBeGreaterThan(0);
  });

  it('a compile waits for another writing the same DIR (a lock beside it), and takes over a lock whose process is gone', async () => {
    const out = previousOutput('locked');
    const lock = join(work, '.locked.wardline-lock');
    writeFileSync(lock, `pid ${process.pid} on ${hostname()}`);
    const child = execa('node', [BIN, 'compile', EXAMPLE, '-o', out], { cwd: work, env: ENV, reject: false });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait for it to say it waits (a loaded machine takes a while to start node), then check it still does.
    for (let waited = 0; !stderr.includes('\n') && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      expect(stderr).toBe(`wardline: waiting for another wardline compile (pid ${process.pid} on ${hostname()}) writing ${out}\n`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.exitCode).toBeNull();
    } finally {
      rmSync(lock, { force: true });
    }
    expect((await child).exitCode).toBe(0);
    const gone = await execa('node', ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(lock, `pid ${gone.stdout} on ${hostname()}`);
    const r = await compile([EXAMPLE, '-o', out]);
    expect(r.stderr).not.toContain('waiting');
    expect(r.exitCode).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('two compiles into one DIR at once: both end, DIR is one of the two outputs whole, nothing left beside it', async () => {
    const out = previousOutput('concurrent');
    const [a, b] = await Promise.all([compile([EXAMPLE, '-o', out]), compile([many, '-o', out])]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    const now = readTree(out);
    expect([example, manyOutput]).toContainEqual(now);
    expect(leftovers()).toEqual([]);
  });
});

describe('-o FILE of a report (check, matrix) never overwrites the policy, and keeps a link a link', () => {
  it('refuses a policy file or a .yaml inside the policy directory, and a directory; nothing touched', async () => {
    const policy = join(work, 'report-policy');
    cpSync(EXAMPLE, policy, { recursive: true });
    const before = snapshotTree(policy);
    const cases: [string[], RegExp][] = [
      [['check', policy, '-f', 'sarif', '-o', join(policy, 'flows.yaml')], /^wardline: -o .*flows\.yaml: that is a \.yaml file inside the policy directory/],
      [['check', join(policy, 'flows.yaml'), join(policy, 'zones.yaml'), '-f', 'json', '-o', join(policy, 'zones.yaml')], /^wardline: -o .*zones\.yaml: that is the policy file /],
      [['matrix', policy, '-f', 'json', '-o', join(policy, 'matrix.yml')], /^wardline: -o .*matrix\.yml: that is a \.yaml file inside the policy directory/],
      [['matrix', policy, '-o', policy], /^wardline: -o .*: that is a directory; name a file to write/],
    ];
    const results = await Promise.all(cases.map(([args]) => wardline(args, { cwd: work })));
    results.forEach((r, i) => {
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.exitCode).toBe(2);
    });
    expect(snapshotTree(policy)).toEqual(before);
  });

  it('writes through a link to the file it names, so the link stays', async () => {
    const real = join(work, 'real.sarif');
    writeFileSync(real, 'old\n');
    symlinkSync('real.sarif', join(work, 'link.sarif'));
    const r = await wardline(['check', EXAMPLE, '-f', 'sarif', '-o', 'link.sarif'], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(lstatSync(join(work, 'link.sarif')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).version).toBe('2.1.0');
  });
});
