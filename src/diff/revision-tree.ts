import { dirname, join, normalize } from 'node:path/posix';
import type { RefusedLink } from '../lang/source-files.js';

/** One blob of `git ls-tree -r -l`: a file or a symbolic link (whose content is where it points). */
export interface TreeEntry {
  name: string;
  size: number;
  link: boolean;
}

/** A file of the policy at a revision: a blob to read, or a link that is not followed (WL107). */
export type RevisionFile = { name: string; entry: TreeEntry; link?: undefined } | { name: string; entry?: undefined; link: RefusedLink };

/** `git ls-tree -r -z -l` output: blobs by name (submodules, which are commits, left out). */
export function treeEntries(listing: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const line of listing.split('\0')) {
    const m = /^(\d+) blob [0-9a-f]+ +(\d+)\t(.*)$/s.exec(line);
    if (m) entries.set(m[3]!, { name: m[3]!, size: Number(m[2]), link: m[1] === '120000' });
  }
  return entries;
}

const isPolicyName = (name: string) => /\.ya?ml$/.test(name);
/** A hidden entry or node_modules; `.` and `..` are steps of a path from a subdirectory (git lists names so), not entries. */
export const hidden = (name: string) => name.split('/').some((part) => (part.startsWith('.') && part !== '.' && part !== '..') || part === 'node_modules');
const LINK_HOPS = 8;

/**
 * The blob behind `name` at a revision, with links resolved the way the working tree resolves them: followed
 * only inside `root`; a link to a policy file or directory that is read under its own name anyway is dropped.
 */
export async function revisionFile(
  tree: ReadonlyMap<string, TreeEntry>,
  name: string,
  root: string,
  shownRoot: string,
  read: (entry: TreeEntry) => Promise<string>,
): Promise<RevisionFile | undefined> {
  let at = tree.get(name)!;
  if (!at.link) return { name, entry: at };
  const base = name.slice(name.lastIndexOf('/') + 1);
  const reported = isPolicyName(base) || !base.includes('.');
  const refuse = (target: string, problem: RefusedLink['problem']) => (reported ? { name, link: { target, problem, root: shownRoot } } : undefined);
  let target = name;
  for (let hops = 0; at.link; hops++) {
    if (hops === LINK_HOPS || at.size > 4096) return refuse(target, 'missing');
    const text = await read(at);
    if (text.startsWith('/')) return refuse(text, 'outside');
    target = normalize(join(dirname(target), text));
    if (!within(root, target)) return refuse(target, 'outside');
    const next = tree.get(target);
    // A directory inside the policy: its files are listed under their own names.
    if (!next) return [...tree.keys()].some((k) => k.startsWith(`${target}/`)) ? undefined : refuse(text, 'missing');
    at = next;
  }
  if (!isPolicyName(base) || (isPolicyName(target) && !hidden(target))) return undefined;
  return { name, entry: at };
}

function within(root: string, path: string): boolean {
  if (root === '.') return path !== '..' && !path.startsWith('../');
  return path === root || path.startsWith(`${root}/`);
}
