import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under a directory, as `/`-separated relative paths → text, sorted; {} when it does not exist. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Everything under a directory as it is on disk, links not followed: `path` → text, `path -> target` for a link,
 * `path/` for an empty directory. Two snapshots are equal only when nothing was added, removed, moved or changed.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const names = readdirSync(join(dir, rel)).sort();
    if (names.length === 0 && rel !== '') out[`${rel}/`] = '';
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const info = lstatSync(join(dir, path));
      if (info.isSymbolicLink()) out[path] = `-> ${readlinkSync(join(dir, path))}`;
      else if (info.isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}
