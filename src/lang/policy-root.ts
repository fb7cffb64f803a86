import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, sep } from 'node:path';

/**
 * The policy root: the directory a policy's files are named relative to in everything wardline writes (provenance in
 * compiled configuration, answers, the manifest's hash, diagnostics), so that output does not depend on the working
 * directory. It is the directory given, or the directory of the file given; for several, their deepest common
 * ancestor. Standard input is `<stdin>` and adds nothing; undefined when nothing else was given.
 */
export function policyRoot(directories: readonly string[]): string | undefined {
  if (directories.length === 0) return undefined;
  const split = directories.map((d) => d.split(sep));
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  // Absolute paths share at least the root: '' before the first separator on POSIX, the drive on Windows.
  return common.length <= 1 ? parse(directories[0]!).root : common.join(sep);
}

/** A file's name under the root, with `/` on every system. */
export function underRoot(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/** A file's name from the top of a git work tree, with `/`; undefined when the file is not inside it. */
export function underTree(tree: string, absolute: string): string | undefined {
  const rel = relative(tree, absolute);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

/** The top of the git work tree holding `directory` (where `.git` is, a directory or a worktree's file), if any. */
export function gitWorkTree(directory: string): string | undefined {
  for (let dir = directory; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
