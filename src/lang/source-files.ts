import { existsSync, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyRoot, underRoot } from './policy-root.js';

/** A policy file larger than this is not parsed (WL105): policies are small, and YAML parsing is not free. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** How diagnostics name the built-in standard service catalog. */
export const standardCatalogDisplayPath = 'wardline:standard-services.yaml';

export interface SourceFile {
  /** As everything wardline writes names it: relative to the policy root (policy-root.ts) with `/`; `<stdin>`. */
  path: string;
  /** Where the file was read from (absolute), so each report can show the path its reader needs. */
  origin?: string;
  text: string;
  /** Set when the file is larger than MAX_FILE_BYTES: it was not read (text is ''), and parsing reports WL105. */
  oversizeBytes?: number;
}

/** A path that does not exist, cannot be read, or names a directory without policy files: exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Files and directories (searched recursively for *.yaml and *.yml), and `-` for stdin; each file once. */
export async function readPolicySources(
  paths: string[],
  opts: { stdin?: () => Promise<string> | string } = {},
): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const directories: string[] = [];
  for (const arg of paths) {
    if (arg === '-') {
      if (!seen.has('-')) out.push(fromText('<stdin>', await (opts.stdin ?? readStdin)()));
      seen.add('-');
      continue;
    }
    const absolute = resolve(arg);
    const info = await statOf(arg, absolute);
    directories.push(info.isDirectory() ? absolute : dirname(absolute));
    const files = info.isDirectory() ? await policyFilesIn(arg, absolute) : [absolute];
    for (const file of files) {
      if (!seen.has(file)) out.push({ ...(await readSource(file, file === absolute ? info : await statOf(file, file))), origin: file });
      seen.add(file);
    }
  }
  const root = policyRoot(directories);
  return root === undefined ? out : out.map((s) => (s.origin === undefined ? s : { ...s, path: underRoot(root, s.origin) }));
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

function fromText(path: string, text: string): SourceFile {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_FILE_BYTES ? { path, text: '', oversizeBytes: bytes } : { path, text };
}

async function readSource(absolute: string, info: Stats): Promise<SourceFile> {
  const path = displayPath(absolute);
  // Checked before reading, so an oversize file costs a stat, not a read.
  if (info.isFile() && info.size > MAX_FILE_BYTES) return { path, text: '', oversizeBytes: info.size };
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    throw new InputError(`${path}: ${reason(error)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) return { path, text: '', oversizeBytes: bytes.length };
  return { path, text: decode(path, bytes) };
}

async function statOf(shown: string, absolute: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (error) {
    throw new InputError(`${shown}: ${reason(error)}`);
  }
}

/** Recursive, sorted by path; hidden entries and node_modules skipped; symlinked directories not followed (no cycles). */
async function policyFilesIn(shown: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      throw new InputError(`${displayPath(current)}: ${reason(error)}`);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (/\.ya?ml$/.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full))))) found.push(full);
    }
  };
  await visit(dir);
  if (found.length === 0) throw new InputError(`${shown}: no .yaml or .yml files in this directory`);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

function decode(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text; save the policy file as UTF-8`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return decode('<stdin>', Buffer.concat(chunks));
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${code ?? String(error)})`;
}
