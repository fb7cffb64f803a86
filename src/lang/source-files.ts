import { existsSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { policyFilesIn, type RefusedLink } from './policy-walk.js';
import { policyRoot, underRoot } from './policy-root.js';
import { readBounded, readStreamBounded, type Bounded } from './read-bounded.js';

/**
 * A policy file larger than this is not parsed (WL105). A real policy never comes near it (50,000 flows are
 * 7.5 MB in ten files); reading stops at the limit, so a device or a pipe that never ends costs no more.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** All the files of one policy together: past this, reading stops with an error (exit 2). */
export const MAX_POLICY_BYTES = 64 * 1024 * 1024;

/** How diagnostics name the built-in standard service catalog. */
export const standardCatalogDisplayPath = 'wardline:standard-services.yaml';

export interface SourceFile {
  /** As everything wardline writes names it: relative to the policy root (policy-root.ts) with `/`; `<stdin>`. */
  path: string;
  /** Where the file was read from (absolute), so each report can show the path its reader needs. */
  origin?: string;
  text: string;
  /** Set when the file is larger than MAX_FILE_BYTES (with its size when known): text is '', parsing reports WL105. */
  oversize?: { bytes?: number };
  /** Set for a symbolic link that was not followed: text is '', parsing reports WL107. */
  link?: RefusedLink;
  /** A resolution file given with --resolve: it may hold `dns:` only (load-policy.ts). */
  resolution?: true;
}

export type { RefusedLink } from './policy-walk.js';

/** A path that does not exist, cannot be read, or names a directory without policy files: exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Files and directories (searched recursively for *.yaml and *.yml), and `-` for stdin; each file once. A path
 * given by name is read even through a link (/dev/stdin, <(…), whose target has no path); links met inside a
 * directory are followed only inside it.
 */
export async function readPolicySources(
  paths: string[],
  opts: { stdin?: Readable; resolve?: readonly string[] } = {},
): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const budget = policyBudget();
  const directories: string[] = [];
  for (const arg of paths) {
    if (arg === '-') {
      if (!seen.has('-')) out.push(budget.take('<stdin>', await readStreamBounded(opts.stdin ?? process.stdin, MAX_FILE_BYTES)));
      seen.add('-');
      continue;
    }
    const absolute = resolve(arg);
    const info = await statOf(arg, absolute);
    directories.push(info.isDirectory() ? absolute : dirname(absolute));
    const files = info.isDirectory() ? await policyFilesIn(arg, absolute, listing) : [{ path: absolute, real: await realpath(absolute).catch(() => absolute) }];
    if (files.length === 0) throw new InputError(`${arg}: no .yaml or .yml files in this directory`);
    for (const file of files) {
      const path = displayPath(file.path);
      if ('link' in file) out.push({ path, origin: file.path, text: '', link: file.link });
      else if (!seen.has(file.real)) out.push({ ...budget.take(path, await readSource(path, file.path)), origin: file.path });
      if ('real' in file) seen.add(file.real);
    }
  }
  const root = policyRoot(directories);
  const policy = root === undefined ? out : out.map((s) => (s.origin === undefined ? s : { ...s, path: underRoot(root, s.origin) }));
  // Resolution files (--resolve) are read as given, outside the policy root: where they live moves no policy path.
  for (const arg of opts.resolve ?? []) {
    const absolute = resolve(arg);
    const info = await statOf(arg, absolute);
    if (info.isDirectory()) throw new InputError(`${arg}: --resolve takes a file (dns: entries), not a directory`);
    const path = displayPath(absolute);
    policy.push({ ...budget.take(path, await readSource(path, absolute)), origin: absolute, resolution: true });
  }
  return policy;
}

/** Reads what fits in the limits: an oversize file becomes a WL105 finding, a policy past its total an error. */
function policyBudget() {
  let total = 0;
  return {
    take(path: string, read: Bounded): SourceFile {
      if ('over' in read) return { path, text: '', oversize: read.over };
      total += read.data.length;
      if (total > MAX_POLICY_BYTES) {
        throw new InputError(`${path}: with this file the policy passes ${MAX_POLICY_BYTES / 2 ** 20} MiB, the limit for all its files together; is this the policy directory?`);
      }
      return { path, text: policyText(path, read.data) };
    },
  };
}

export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return absolute;
  return rel.split(sep).join('/');
}

let catalogPath: string | undefined;

/** The bundled catalog, found from the package root (the nearest package.json above this module, in src/ or dist/src/). */
export function standardCatalogPath(): string {
  if (catalogPath) return catalogPath;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  catalogPath = join(dir, 'policies', 'standard-services.yaml');
  return catalogPath;
}

async function readSource(path: string, absolute: string): Promise<Bounded> {
  try {
    return await readBounded(absolute, MAX_FILE_BYTES);
  } catch (error) {
    throw new InputError(`${path}: ${reason(error)}`);
  }
}

async function statOf(shown: string, absolute: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (error) {
    throw new InputError(`${shown}: ${reason(error)}`);
  }
}

async function listing(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${displayPath(dir)}: ${reason(error)}`);
  }
}

/** Policy text from bytes; anything but UTF-8 is refused (exit 2). */
export function policyText(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text; save the policy file as UTF-8`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${code ?? String(error)})`;
}
