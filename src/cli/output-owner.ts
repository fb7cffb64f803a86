import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MANIFEST, manifestFiles } from '../compile/manifest.js';
import { displayPath, MAX_FILE_BYTES } from '../lang/source-files.js';
import { UsageError } from './exit-code.js';

/** An output directory: as the user named it (for messages), and the real directory that is written. */
export interface OutputDir {
  shown: string;
  path: string;
}

/**
 * Where `-o DIR` writes, links resolved (a DIR that is a link keeps pointing at the new output). Refused, with
 * nothing touched, when it is or holds a policy path: it is replaced whole.
 */
export function outputDirectory(dir: string, policyPaths: readonly string[]): OutputDir {
  const out: OutputDir = { shown: dir, path: realOutputPath(dir) };
  for (const path of policyPaths) {
    if (path === '-') continue;
    const policy = realPath(path);
    if (policy === out.path) refuse(out, 'that is the policy directory; wardline replaces its output directory whole, so write to another one (e.g. -o out)');
    if (policy.startsWith(out.path.endsWith(sep) ? out.path : `${out.path}${sep}`)) {
      refuse(out, `that directory holds the policy (${path}); wardline replaces its output directory whole, so write to one that holds no policy (e.g. -o out)`);
    }
  }
  return out;
}

/**
 * The files of what DIR holds now (relative path → absolute path), when wardline wrote it: absent, empty, or a
 * wardline manifest.json that lists every file there. Anything else is refused, naming the first foreign entry.
 */
export function previousOutput(out: OutputDir): Map<string, string> {
  const info = lstatOrUndefined(out.path);
  const files = new Map<string, string>();
  if (info === undefined) return files;
  if (!info.isDirectory()) refuse(out, 'that is a file, not a directory; nothing was written');
  const top = readdirSync(out.path).sort();
  if (top.length === 0) return files;
  const listed = listedFiles(out.path);
  if (listed === undefined) {
    refuse(out, `${out.shown} holds ${entryName(out.path, top[0]!)} and no manifest.json of wardline's: it is not an output of wardline; nothing was written. Choose a new or empty directory`);
  }
  const listedDirs = new Set([...listed].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(out.path, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const entry = lstatSync(join(out.path, path));
      if (entry.isDirectory() && listedDirs.has(path)) walk(path);
      else if (entry.isFile() && (listed.has(path) || path === MANIFEST)) files.set(path, join(out.path, path));
      else {
        refuse(out, `${out.shown} holds ${entryName(out.path, path)}, which wardline did not write (${MANIFEST} does not list it); nothing was written. Remove it, or choose a new or empty directory`);
      }
    }
  };
  walk('');
  return files;
}

/**
 * Where `-o FILE` (a report: check's formats, a matrix) writes, links resolved so a FILE that is a link stays one.
 * Refused, with nothing touched, when it is a file of the policy, or a .yaml/.yml file inside a policy directory
 * (the next run would read it as policy), or a directory.
 */
export function outputFile(file: string, policyPaths: readonly string[]): string {
  const out: OutputDir = { shown: file, path: realOutputPath(file) };
  if (lstatOrUndefined(out.path)?.isDirectory()) refuse(out, 'that is a directory; name a file to write');
  for (const path of policyPaths) {
    if (path === '-') continue;
    const policy = realPath(path);
    if (policy === out.path) refuse(out, `that is the policy file ${path}; write the report to another file`);
    const inside = out.path.startsWith(policy.endsWith(sep) ? policy : `${policy}${sep}`);
    if (inside && /\.ya?ml$/i.test(out.path)) {
      refuse(out, `that is a .yaml file inside the policy directory ${path}, which every run reads as policy; write the report elsewhere or name it otherwise`);
    }
  }
  return out.path;
}

/** What the manifest in `dir` lists, or undefined when there is no wardline manifest there. */
function listedFiles(dir: string): Set<string> | undefined {
  const info = lstatOrUndefined(join(dir, MANIFEST));
  if (!info?.isFile() || info.size > MAX_FILE_BYTES) return undefined;
  const listed = manifestFiles(readFileSync(join(dir, MANIFEST), 'utf8'));
  return listed && new Set(listed);
}

function realOutputPath(dir: string): string {
  const absolute = resolve(dir);
  const info = lstatOrUndefined(absolute);
  if (info?.isSymbolicLink()) {
    try {
      return realpathSync(absolute);
    } catch {
      refuse({ shown: dir, path: absolute }, 'that is a symbolic link to nothing; nothing was written');
    }
  }
  // A DIR not made yet: the real path of what exists above it, and the rest as named.
  let existing = absolute;
  while (lstatOrUndefined(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
  if (existing !== absolute && !statSync(existing).isDirectory()) {
    refuse({ shown: dir, path: absolute }, `${displayPath(existing)} is a file, not a directory; nothing was written`);
  }
  return join(realpathSync(existing), relative(existing, absolute));
}

/** A pipe named by a link (/dev/stdin, <(…)) has no real path: it is itself. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function entryName(dir: string, rel: string): string {
  return lstatSync(join(dir, rel)).isDirectory() ? `${rel}/` : rel;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

function refuse(out: OutputDir, why: string): never {
  throw new UsageError(`-o ${out.shown}: ${why}`);
}
