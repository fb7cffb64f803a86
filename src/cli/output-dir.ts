import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, lstatSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './exit-code.js';
import { makeDirs } from './make-dirs.js';

/**
 * What a compile leaves beside DIR while it works: `.DIR.wardline-tmp-*` (the new output being written),
 * `-old-*` (the previous output moved aside for the swap) and `-trash-*` (the previous output once the new one is in).
 */
const leftover = (dir: string, kind: 'tmp' | 'old' | 'trash', tag: string) => join(dirname(dir), `.${basename(dir)}.wardline-${kind}-${tag}`);

/**
 * Undoes what an earlier compile left when it was killed midway: staging and trash directories are removed, and a
 * previous output moved aside but never replaced is put back. Every earlier state of `dir` is then whole again.
 * What cannot be removed is said on stderr and left; it never stops this compile. Run under the output lock.
 */
export function recoverInterrupted(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(dir)}.wardline-`;
  const names = readdirSync(parent).filter((n) => n.startsWith(prefix)).sort();
  for (const name of names.filter((n) => n.startsWith(`${prefix}tmp-`) || n.startsWith(`${prefix}trash-`))) removeTree(join(parent, name));
  for (const name of names.filter((n) => n.startsWith(`${prefix}old-`))) {
    if (!existsSync(dir)) renameSync(join(parent, name), dir);
    else removeTree(join(parent, name));
  }
}

/**
 * Replaces `dir` with exactly `files` (path → text) and `kept` (path → a file of the previous output to copy), all or
 * nothing: everything is written to a fresh sibling directory first, which then takes DIR's place. The previous DIR
 * must be removable first (nothing read-only or immutable in it), so a swap never leaves it half deleted; a failure
 * before the swap leaves it as it was. Run under the output lock, after recoverInterrupted.
 */
export function replaceDirectory(dir: string, shown: string, files: ReadonlyMap<string, string>, kept: ReadonlyMap<string, string> = new Map()): void {
  makeDirs(dirname(dir));
  if (existsSync(dir)) assertRemovable(dir, shown);
  const tag = randomBytes(6).toString('hex');
  const staging = leftover(dir, 'tmp', tag);
  const old = leftover(dir, 'old', tag);
  try {
    makeDirs(staging);
    for (const [path, content] of files) writeFileSync(inside(staging, path), content);
    for (const [path, from] of kept) copyFileSync(from, inside(staging, path));
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(staging, dir);
  } catch (err) {
    removeTree(staging);
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw err;
  }
  if (!existsSync(old)) return;
  // Renamed first, so that a compile killed while deleting it never puts a half-deleted output back.
  const trash = leftover(dir, 'trash', tag);
  try {
    renameSync(old, trash);
  } catch {
    return removeTree(old);
  }
  removeTree(trash);
}

function inside(root: string, path: string): string {
  const full = join(root, ...path.split('/'));
  makeDirs(dirname(full));
  return full;
}

/** Refuses (exit 2, nothing touched) when part of the previous output could not be deleted once replaced. */
function assertRemovable(dir: string, shown: string): void {
  const walk = (path: string, rel: string): void => {
    const directory = lstatSync(path).isDirectory();
    const why = notWritable(path, directory);
    if (why) {
      throw new UsageError(
        `cannot replace ${shown}: ${rel || shown} is read-only or immutable (${why}), so the previous output could not be removed; nothing was written. Make it writable (chmod -R u+w, chattr -R -i) and compile again`,
      );
    }
    if (directory) for (const name of readdirSync(path).sort()) walk(join(path, name), rel === '' ? name : `${rel}/${name}`);
  };
  walk(dir, '');
}

/**
 * Why an entry could not be deleted, if so: a directory must be writable to delete what it holds; a file only
 * must not be immutable (EPERM) or on a read-only file system (EROFS), its mode bits do not matter.
 */
function notWritable(path: string, directory: boolean): string | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return directory || code === 'EPERM' || code === 'EROFS' ? code : undefined;
  }
}

/** Removes a tree wardline wrote, making its directories writable if it must; what still resists is named on stderr. */
function removeTree(path: string): void {
  try {
    removeEntries(path);
  } catch (first) {
    try {
      // A previous output made read-only is wardline's own: it is made writable to be removed.
      if ((first as NodeJS.ErrnoException).code !== 'EACCES') throw first;
      makeWritable(path);
      removeEntries(path);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(`wardline: warning: could not remove ${path} (${e.path ?? path}: ${e.code ?? String(err)}); remove it by hand\n`);
    }
  }
}

/** Depth first, so an error names the entry that resisted with the system's own reason. */
function removeEntries(path: string): void {
  let info;
  try {
    info = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!info.isDirectory()) return unlinkSync(path);
  for (const name of readdirSync(path)) removeEntries(join(path, name));
  rmdirSync(path);
}

function makeWritable(path: string): void {
  const info = lstatSync(path);
  if (!info.isDirectory()) return;
  chmodSync(path, info.mode | 0o700);
  for (const name of readdirSync(path)) makeWritable(join(path, name));
}
