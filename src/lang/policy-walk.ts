import type { Dirent } from 'node:fs';
import { readlink, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/** Why a symbolic link in a policy directory was not followed (WL107). */
export interface RefusedLink {
  /** Where it points: the resolved path, or the link's own text when it points to nothing. */
  target: string;
  problem: 'outside' | 'missing' | 'special';
  /** The policy directory it was found in, as given. */
  root: string;
}

/** A policy file found in a directory (`path` as reached, perhaps through a link), or a link that was not followed. */
export type Found = { path: string; real: string } | { path: string; link: RefusedLink };

const isPolicyName = (name: string) => /\.ya?ml$/.test(name);

/**
 * The *.yaml and *.yml files under `dir`, recursively, sorted by path; hidden entries and node_modules skipped.
 * Symbolic links are followed only to what lies inside `dir` (each file and directory is read once, under a path
 * without links when it has one); a link out of it, to nothing, or to something that is neither file nor
 * directory is returned as refused instead, and nothing behind it is read. A dangling link is reported when its
 * name is a policy file's or has no extension (it may have been a directory).
 */
export async function policyFilesIn(shown: string, dir: string, listing: (path: string) => Promise<Dirent[]>): Promise<Found[]> {
  const root = await realpath(dir);
  const files: Found[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const links: string[] = [];
  // Directories without links first, so that a file reached both ways keeps its plain path.
  const walk = async (current: string, real: string): Promise<void> => {
    seenDirs.add(real);
    for (const entry of await listing(current)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full, join(real, entry.name));
      else if (entry.isSymbolicLink()) links.push(full);
      else if (entry.isFile() && isPolicyName(entry.name) && !seenFiles.has(join(real, entry.name))) {
        seenFiles.add(join(real, entry.name));
        files.push({ path: full, real: join(real, entry.name) });
      }
    }
  };
  await walk(dir, root);
  // The smallest link first, so which of two links to one file is kept does not depend on directory order.
  for (let link = next(links); link !== undefined; link = next(links)) {
    const name = link.slice(link.lastIndexOf(sep) + 1);
    const target = await realpath(link).catch(() => undefined);
    if (target === undefined) {
      if (isPolicyName(name) || extname(name) === '') {
        files.push({ path: link, link: { target: await readlink(link).catch(() => '?'), problem: 'missing', root: shown } });
      }
      continue;
    }
    const kind = await stat(target).catch(() => undefined);
    if (kind === undefined) continue;
    const inside = target === root || target.startsWith(`${root}${sep}`);
    if (kind.isDirectory()) {
      if (!inside) files.push({ path: link, link: { target, problem: 'outside', root: shown } });
      else if (!seenDirs.has(target)) await walk(link, target);
    } else if (!isPolicyName(name)) continue;
    else if (!inside) files.push({ path: link, link: { target, problem: 'outside', root: shown } });
    else if (!kind.isFile()) files.push({ path: link, link: { target, problem: 'special', root: shown } });
    else if (!seenFiles.has(target)) {
      seenFiles.add(target);
      files.push({ path: link, real: target });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function next(pending: string[]): string | undefined {
  pending.sort();
  return pending.shift();
}
