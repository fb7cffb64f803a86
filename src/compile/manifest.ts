import { createHash } from 'node:crypto';

export interface Manifest {
  wardline: string;
  /** sha256 over the policy's files (path under the policy root, and content), so a manifest names the policy it came from. */
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
export function manifestText(m: Omit<Manifest, 'files'>, files: ReadonlyMap<string, string>): string {
  const hashes = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, c]) => [p, sha256(c)]));
  const manifest: Manifest = { wardline: m.wardline, policy: m.policy, today: m.today, points: [...m.points].sort(), files: hashes };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
