import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { makeDirs } from './make-dirs.js';

/** Every file under a directory, as `/`-separated relative paths, sorted. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Undoes what an earlier compile left when it was killed midway: staging directories are removed, and a previous
 * output moved aside but never replaced is put back. Every earlier state of `dir` is then whole again.
 */
export function recoverInterrupted(dir: string): void {
  const target = resolve(dir);
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(target)}.wardline-`;
  const leftovers = readdirSync(parent).filter((n) => n.startsWith(prefix)).sort();
  for (const name of leftovers.filter((n) => n.startsWith(`${prefix}tmp-`))) rmSync(join(parent, name), { recursive: true, force: true });
  for (const name of leftovers.filter((n) => n.startsWith(`${prefix}old-`))) {
    if (!existsSync(target)) renameSync(join(parent, name), target);
    else rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Replaces `dir` with exactly `files`, all or nothing: everything is written to a fresh sibling directory first,
 * then renamed into place. A failure before the rename leaves an existing `dir` as it was.
 */
export function replaceDirectory(dir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(dir);
  const parent = dirname(target);
  makeDirs(parent);
  const tag = randomBytes(6).toString('hex');
  const staging = join(parent, `.${basename(target)}.wardline-tmp-${tag}`);
  const old = join(parent, `.${basename(target)}.wardline-old-${tag}`);
  try {
    for (const [path, content] of files) {
      const full = join(staging, ...path.split('/'));
      makeDirs(dirname(full));
      writeFileSync(full, content);
    }
    makeDirs(staging);
    if (existsSync(target)) renameSync(target, old);
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}
