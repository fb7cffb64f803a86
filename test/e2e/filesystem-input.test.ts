import { execa, execaSync } from 'execa';
import { createWriteStream, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO, wardline } from '../support/cli.js';

// The filesystem half of the hardening hunt: which files a policy reads, and that every read is bounded.
const work = realpathSync(mkdtempSync(join(tmpdir(), 'wardline-fs-in-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const EXAMPLE = join(REPO, 'policies/example-hospital');
const SECRET = 'root:$y$j9T$not-a-real-hash:20228:0:99999:7:::\nsecret-key: hunter2\n';
// A guard: before these fixes some of these reads never ended (or grew to gigabytes).
const run = (args: string[], cwd = work) => wardline(args, { cwd, timeout: 20_000 });

/** A copy of the example hospital, and a secret file beside it (outside the policy). */
function policyWithSecret(name: string): string {
  const dir = join(work, name);
  cpSync(EXAMPLE, join(dir, 'policy'), { recursive: true });
  writeFileSync(join(dir, 'secret.yaml'), SECRET);
  return join(dir, 'policy');
}

describe('symbolic links in a policy are followed only inside it', () => {
  it('links to a file and a directory inside the policy are followed, each file read once: it checks as before', async () => {
    const policy = policyWithSecret('inside');
    mkdirSync(join(policy, '.shared'));
    renameSync(join(policy, 'services.yaml'), join(policy, '.shared', 'services.yaml'));
    symlinkSync('.shared/services.yaml', join(policy, 'services.yaml'));
    symlinkSync('zones.yaml', join(policy, 'zones-again.yaml'));
    symlinkSync('.', join(policy, 'self'));
    const r = await run(['check', policy, '--format', 'json']);
    expect(JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('a link out of the policy (to a file or a directory) and a link to nothing are WL107, and nothing behind them is read or shown', async () => {
    const policy = policyWithSecret('outside');
    symlinkSync('../secret.yaml', join(policy, 'x.yaml'));
    symlinkSync('..', join(policy, 'parent'));
    symlinkSync('gone.yaml', join(policy, 'dangling.yaml'));
    const r = await run(['check', 'outside/policy']);
    expect(r.stdout).toContain(`outside/policy/x.yaml\n  1:1  error  a symbolic link that points to ${work}/outside/secret.yaml, outside the policy directory; it was not read  WL107`);
    expect(r.stdout).toContain(`a symbolic link that points to ${work}/outside, outside the policy directory; it was not read  WL107`);
    expect(r.stdout).toContain('a symbolic link that points to gone.yaml, which does not exist; it was not read  WL107');
    expect(r.stdout).toMatch(/✖ 3 problems \(3 errors/);
    expect(r.stdout + r.stderr).not.toMatch(/hunter2|not-a-real-hash/);
    expect(r.exitCode).toBe(1);
    const compiled = await run(['compile', 'outside/policy', '-o', 'outside/out']);
    expect(compiled.exitCode).toBe(1);
    expect(existsSync(join(work, 'outside', 'out'))).toBe(false);
  });

  it('a file in the policy that is no policy at all (no "wardline:") is one WL202 that quotes none of its lines', async () => {
    const policy = policyWithSecret('stray');
    writeFileSync(join(policy, 'passwd.yaml'), SECRET);
    writeFileSync(join(policy, 'services-list.yaml'), 'tcpmux\t\t1/tcp\nsecret-key: [ hunter2\n');
    const r = await run(['check', 'stray/policy']);
    for (const file of ['passwd.yaml', 'services-list.yaml']) {
      expect(r.stdout).toContain(`stray/policy/${file}\n  1:1  error  not a wardline policy file: it has no "wardline: 1"; nothing else in it is checked or shown  WL202\n`);
    }
    expect(r.stdout).toMatch(/✖ 2 problems \(2 errors/);
    expect(r.stdout + r.stderr).not.toMatch(/hunter2|not-a-real-hash|tcpmux/);
  });
});

describe('every read of input stops at its limit', () => {
  it('a file named through a link to a pipe (/dev/stdin, <(…)) is read, as a path named on the command line is', async () => {
    const r = await execa('bash', ['-c', `echo 'wardline: 1' | node ${BIN} check /dev/stdin && node ${BIN} compile <(echo 'wardline: 1') -o out-of-pipe`], {
      cwd: work,
      reject: false,
      env: { NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('wardline: wrote 1 files for 0 enforcement points to out-of-pipe');
    expect(r.exitCode).toBe(0);
  });

  it('a character device (/dev/zero) and standard input that never end: WL105 at 32 MiB, quickly', async () => {
    const zero = await run(['check', '/dev/zero']);
    expect(zero.stdout).toContain('/dev/zero\n  1:1  error  this file is larger than 32 MiB, the limit per file; split the policy into several files  WL105');
    expect(zero.exitCode).toBe(1);
    const piped = await execa('bash', ['-c', `head -c 200000000 /dev/zero | timeout 20 node ${BIN} check -`], { cwd: work, reject: false, env: { NO_COLOR: '1' } });
    expect(piped.stdout).toContain('standard input is larger than 32 MiB, the limit per file');
    expect(piped.exitCode).toBe(1);
  });

  it('a FIFO is read only up to the limit: its writer is cut off just past 32 MiB, not read to its end', async () => {
    const fifo = join(work, 'pipe.yaml');
    execaSync('mkfifo', [fifo]);
    const check = run(['check', fifo]);
    let written = 0;
    const writer = createWriteStream(fifo);
    const chunk = Buffer.alloc(1 << 20, 0x23);
    await new Promise<void>((resolve) => {
      writer.on('error', () => resolve());
      const more = () => {
        while (written < 300 * 2 ** 20) {
          written += chunk.length;
          if (!writer.write(chunk)) return void writer.once('drain', more);
        }
        writer.end(resolve);
      };
      more();
    });
    const r = await check;
    expect(r.stdout).toContain('this file is larger than 32 MiB, the limit per file');
    expect(written).toBeLessThan(40 * 2 ** 20);
  });

  it('a policy whose files add up past 64 MiB is refused while it is read: exit 2, one line', async () => {
    const dir = join(work, 'total');
    mkdirSync(dir);
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) {
      writeFileSync(join(dir, name), 'wardline: 1\n');
      truncateSync(join(dir, name), 30 * 2 ** 20);
    }
    const r = await run(['check', 'total']);
    expect(r.stderr).toBe('wardline: total/c.yaml: with this file the policy passes 64 MiB, the limit for all its files together; is this the policy directory?\n');
    expect(r.exitCode).toBe(2);
  });

  it('diff at a git revision asks git the size of each blob: an oversize one is WL105 unread, a link out of the policy WL107', async () => {
    const repo = join(work, 'repo');
    cpSync(EXAMPLE, join(repo, 'policy'), { recursive: true });
    const git = (...args: string[]) =>
      execaSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '-q');
    writeFileSync(join(repo, 'policy', 'huge.yaml'), `wardline: 1\n#${'#'.repeat(33 * 2 ** 20)}\n`);
    symlinkSync('/etc/passwd', join(repo, 'policy', 'x.yaml'));
    git('add', '-A');
    git('commit', '-q', '-m', 'huge');
    rmSync(join(repo, 'policy', 'huge.yaml'));
    rmSync(join(repo, 'policy', 'x.yaml'));
    const r = await run(['diff', 'HEAD', '--path', 'policy'], repo);
    expect(r.stderr).toContain('policy/huge.yaml\n  1:1  error  this file is 33.1 MiB; the limit is 32 MiB per file; split the policy into several files  WL105\n');
    expect(r.stderr).toContain('a symbolic link that points to /etc/passwd, outside the policy directory; it was not read  WL107');
    expect(r.stderr).toContain('wardline: the policy at HEAD does not check (2 error(s) above)');
    expect(r.exitCode).toBe(2);
  });

  it('query --batch refuses a line longer than 1 MiB while reading it, after answering the lines before it', async () => {
    const r = await execa('bash', ['-c', `{ echo '{"from":"infusion-pumps-4e","to":"monitors-4e"}'; head -c 300000000 /dev/zero; } | timeout 20 node ${BIN} query ${EXAMPLE} --batch -`], {
      cwd: work,
      reject: false,
      env: { NO_COLOR: '1', WARDLINE_TODAY: '2026-11-28' },
    });
    expect(r.stdout).toMatch(/^\{"from":"infusion-pumps-4e","to":"monitors-4e",.*\}$/);
    // (head, cut off, may say so on stderr too)
    expect(r.stderr).toContain('wardline: -: line 2 is longer than 1,048,576 characters; a batch holds one JSON query per line');
    expect(r.exitCode).toBe(2);
  });
});
