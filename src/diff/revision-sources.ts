import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { normalize } from 'node:path/posix';
import { execa } from 'execa';
import { underRoot } from '../lang/policy-root.js';
import { InputError, MAX_FILE_BYTES, MAX_POLICY_BYTES, policyText, readPolicySources, type SourceFile } from '../lang/source-files.js';
import { hidden, revisionFile, treeEntries, type TreeEntry } from './revision-tree.js';

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

async function git(args: string[], maxBuffer = 512 * 1024 * 1024): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const r = await execa('git', args, { reject: false, stripFinalNewline: false, maxBuffer });
  return { ok: r.exitCode === 0, stdout: String(r.stdout), stderr: String(r.stderr) };
}

async function blob(sha: string, name: string, rev: string, size: number): Promise<Buffer> {
  // ls-tree prints paths relative to the working directory; `./` makes git read them that way too.
  const r = await execa('git', ['cat-file', 'blob', `${sha}:./${name}`], { reject: false, encoding: 'buffer', maxBuffer: size + 1 });
  if (r.exitCode !== 0) throw new InputError(`${rev}:${name}: ${Buffer.from(r.stderr).toString().trim()}`);
  return Buffer.from(r.stdout);
}

/**
 * Policy files under `path` at `rev`, read with `git ls-tree` and `git cat-file` without touching the working tree.
 * Sizes come from the tree listing, so an oversize blob is never read (WL105) and a policy past its total is
 * refused before any blob is; links are followed inside `path` as in a working tree.
 */
async function readRevision(rev: string, path: string): Promise<{ sources: SourceFile[]; root: string }> {
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok) throw new InputError(`not a git repository (or a directory named "${rev}"): run wardline diff inside the policy repository, or give two directories`);
  const commit = await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!commit.ok) throw new InputError(`unknown revision "${rev}": not a commit, branch or tag of this repository (for a pull request, fetch the base branch first)`);
  const sha = commit.stdout.trim();
  const listed = await git(['ls-tree', '-r', '-z', '-l', sha, '--', path]);
  if (!listed.ok) throw new InputError(`${rev}: cannot list ${path}: ${listed.stderr.trim()}`);
  const tree = treeEntries(listed.stdout);
  const names = [...tree.keys()]
    .filter((n) => /\.ya?ml$/.test(n) || tree.get(n)!.link)
    .filter((n) => !hidden(n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const read = (entry: TreeEntry) => blob(sha, entry.name, rev, entry.size).then((b) => b.toString('utf8'));
  const root = normalize(path).replace(/\/+$/, '') || '.';
  const found = await Promise.all(names.map((name) => revisionFile(tree, name, root, path, read)));
  const files = found.filter((f) => f !== undefined);
  if (files.length === 0) throw new InputError(`${path}: no .yaml or .yml files at revision ${rev} (the path does not exist there)`);
  let total = 0;
  for (const { entry } of files) total += entry && entry.size <= MAX_FILE_BYTES ? entry.size : 0;
  if (total > MAX_POLICY_BYTES) throw new InputError(`${path} at ${rev}: the policy's files add up to more than ${MAX_POLICY_BYTES / 2 ** 20} MiB, the limit for all its files together; none was read`);
  // Named under the policy root, as the working tree's files are: the directory, or the directory of the one file.
  const policyRoot = resolve(names.length === 1 && resolve(names[0]!) === resolve(path) ? dirname(path) : path);
  const shown = (name: string) => underRoot(policyRoot, resolve(name));
  const sources = await Promise.all(
    files.map(async ({ name, entry, link }): Promise<SourceFile> => {
      // `origin`: where the file sits in the repository, so reports name it as they name working-tree files.
      const at = { path: shown(name), origin: resolve(name) };
      if (!entry) return { ...at, text: '', link };
      if (entry.size > MAX_FILE_BYTES) return { ...at, text: '', oversize: { bytes: entry.size } };
      return { ...at, text: policyText(`${rev}:${name}`, await blob(sha, entry.name, rev, entry.size)) };
    }),
  );
  return { sources, root: policyRoot };
}
