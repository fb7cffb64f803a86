import { createHash } from 'node:crypto';

export interface Manifest {
  wardline: string;
  /** sha256 over the policy's files (path and content), so a manifest names the policy it came from. */
  policy: string;
  /** The date expiry was evaluated at: the same policy compiles differently once a flow expires. */
  today: string;
  points: string[];
  files: Record<string, string>;
}

export const MANIFEST = 'manifest.json';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function policyDigest(sources: readonly { path: string; text: string }[]): string {
  const h = createHash('sha256');
  for (const s of [...sources].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(`${s.path}\0${s.text}\0`);
  return h.digest('hex');
}

/** Same files, same text: keys sorted, two-space indent, final newline. */
export function manifestText(m: Omit<Manifest, 'files'>, files: ReadonlyMap<string, string>, kept: ReadonlyMap<string, string> = new Map()): string {
  // `kept`: files taken unchanged from the previous output (compile --only), by path, with their sha256.
  const all: [string, string][] = [...[...files].map(([p, c]): [string, string] => [p, sha256(c)]), ...kept];
  const hashes = Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : 1)));
  const manifest: Manifest = { wardline: m.wardline, policy: m.policy, today: m.today, points: [...m.points].sort(), files: hashes };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The files a manifest lists, or undefined when the text is not a wardline manifest: what says that a directory
 * is wardline's output (only what it lists may be replaced), whatever else a manifest comes to record.
 */
export function manifestFiles(text: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { wardline, files } = parsed as Record<string, unknown>;
  if (typeof wardline !== 'string' || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files);
  return entries.every(([, hash]) => typeof hash === 'string') ? entries.map(([path]) => path) : undefined;
}
