import { execa } from 'execa';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../support/cli.js';

// Every `wardline …` line of the README's sh blocks, run as pasted in a scratch repository that holds what the
// README's reader has: the example hospital and examples/ (committed twice, so HEAD~1 exists), and two policy
// directories for a directory diff. `wardline` is the built CLI on PATH. Exit 0 or 1 (findings, a failed
// expectation, a flagged change) is fine; 2 (usage, a missing file or revision) is a README that cannot be pasted.
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => l.startsWith('wardline '));

const work = mkdtempSync(join(tmpdir(), 'wardline-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const GIT = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

async function scratch(): Promise<string> {
  const repo = join(work, 'repo');
  cpSync(join(REPO, 'policies', 'example-hospital'), join(repo, 'policies', 'example-hospital'), { recursive: true });
  cpSync(join(REPO, 'examples'), join(repo, 'examples'), { recursive: true });
  const git = (...args: string[]) => execa('git', args, { cwd: repo, env: GIT });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'one');
  const flows = join(repo, 'policies', 'example-hospital', 'flows.yaml');
  writeFileSync(flows, readFileSync(flows, 'utf8').replace('services: [https]', 'services: [https, tcp/8443]'));
  await git('commit', '-qam', 'two');
  cpSync(join(repo, 'policies', 'example-hospital'), join(repo, 'old-policy'), { recursive: true });
  cpSync(join(repo, 'policies', 'example-hospital'), join(repo, 'new-policy'), { recursive: true });
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'wardline'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'wardline'), 0o755);
  return repo;
}

describe('the README, pasted', () => {
  it('has wardline commands to run', () => {
    expect(commands.length).toBeGreaterThan(15);
  });

  it('runs every wardline command of its sh blocks without a usage error', async () => {
    const repo = await scratch();
    const failed: string[] = [];
    // Commands that write the same file or directory run in the README's order; the others side by side.
    const chains = new Map<string, string[]>();
    commands.forEach((command, i) => {
      const key = /(?:-o|>|init) (\S+)/.exec(command)?.[1] ?? String(i);
      chains.set(key, [...(chains.get(key) ?? []), command]);
    });
    const run = async (chain: string[]) => {
      for (const command of chain) {
        const r = await execa('sh', ['-c', command], { cwd: repo, reject: false, env: { ...GIT, PATH: `${join(work, 'bin')}:${process.env.PATH}`, NO_COLOR: '1' } });
        if (r.exitCode !== 0 && r.exitCode !== 1) failed.push(`${command}: exit ${r.exitCode}: ${String(r.stderr).split('\n')[0]}`);
      }
    };
    const queue = [...chains.values()];
    await Promise.all(Array.from({ length: 3 }, async () => {
      for (let chain = queue.shift(); chain; chain = queue.shift()) await run(chain);
    }));
    expect(failed.sort()).toEqual([]);
  }, 180_000);
});
