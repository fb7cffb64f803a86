import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { execa } from 'execa';
import { underRoot } from '../lang/policy-root.js';
import { InputError, readPolicySources, type SourceFile } from '../lang/source-files.js';

/** One side of a diff: a git revision of the repository around the working directory, a directory, or the working tree. */
export interface Side {
  label: string;
  sources: SourceFile[];
  /** The directory the sources' names are relative to (the policy root), for paths from the repository's top. */
  root: string;
}

/** `rev` is a directory when one exists by that name, else a git revision; absent means the working tree at `path`. */
export async function readSide(rev: string | undefined, path: string): Promise<Side> {
  if (rev === undefined) return { label: 'working tree', sources: await readPolicySources([path]), root: directoryOf(path) };
  if (existsSync(rev) && statSync(rev).isDirectory()) return { label: rev, sources: await readPolicySources([rev]), root: resolve(rev) };
  return { label: rev, ...(await readRevision(rev, path)) };
}

/** The policy root of one path: itself, or the directory of a file. */
function directoryOf(path: string): string {
  return existsSync(path) && !statSync(path).isDirectory() ? dirname(resolve(path)) : resolve(path);
}

async function git(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const r = await execa('git', args, { reject: false, stripFinalNewline: false, maxBuffer: 512 * 1024 * 1024 });
  return { ok: r.exitCode === 0, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Policy files under `path` at `rev`, read with `git ls-tree` and `git cat-file` without touching the working tree. */
async function readRevision(rev: string, path: string): Promise<{ sources: SourceFile[]; root: string }> {
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok) throw new InputError(`not a git repository (or a directory named "${rev}"): run wardline diff inside the policy repository, or give two directories`);
  const commit = await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!commit.ok) throw new InputError(`unknown revision "${rev}": not a commit, branch or tag of this repository (for a pull request, fetch the base branch first)`);
  const sha = commit.stdout.trim();
  const listed = await git(['ls-tree', '-r', '-z', '--name-only', sha, '--', path]);
  if (!listed.ok) throw new InputError(`${rev}: cannot list ${path}: ${listed.stderr.trim()}`);
  const names = listed.stdout
    .split('\0')
    .filter((n) => /\.ya?ml$/.test(n) && !n.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) throw new InputError(`${path}: no .yaml or .yml files at revision ${rev} (the path does not exist there)`);
  // Named under the policy root, as the working tree's files are: the directory, or the directory of the one file.
  const root = resolve(names.length === 1 && resolve(names[0]!) === resolve(path) ? dirname(path) : path);
  const sources = await Promise.all(
    names.map(async (name) => {
      // ls-tree prints paths relative to the working directory; `./` makes git read them that way too.
      const shown = await git(['cat-file', 'blob', `${sha}:./${name}`]);
      if (!shown.ok) throw new InputError(`${rev}:${name}: ${shown.stderr.trim()}`);
      return { path: underRoot(root, resolve(name)), text: shown.stdout };
    }),
  );
  return { sources, root };
}
