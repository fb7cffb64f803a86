import { createHash } from 'node:crypto';
import type { Validity } from '../model/expiry.js';

export interface Manifest {
  wardline: string;
  /** sha256 over the policy's files (path under the policy root, and content), so a manifest names the policy it came from. */
  policy: string;
  /**
   * The days on which the policy compiles to exactly these files: expiry changes the output only on the day after a
   * flow's last live day. Not the compile date, so committed output stays current until the policy or an expiry
   * changes it.
   */
  valid: Validity;
  points: string[];
  files: Record<string, string>;
  /**
   * Per point, per resource its platform counts (README: capacity): how much the point's files fill and the budget.
   * Derived from the files and the policy, so it changes only when they do.
   */
  usage: Record<string, Record<string, ResourceFigure>>;
}

/** One resource of one point: what its configuration fills, and the budget (the point's capacity or the default). */
export interface ResourceFigure {
  used: number;
  budget: number;
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

/**
 * `kept`: files taken unchanged from the previous output (compile --only), by path, with their sha256.
 */
export function manifestOf(m: Omit<Manifest, 'files'>, files: ReadonlyMap<string, string>, kept: ReadonlyMap<string, string> = new Map()): Manifest {
  const all: [string, string][] = [...[...files].map(([p, c]): [string, string] => [p, sha256(c)]), ...kept];
  const hashes = Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : 1)));
  const usage = Object.fromEntries(Object.entries(m.usage).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { wardline: m.wardline, policy: m.policy, valid: { from: m.valid.from, through: m.valid.through }, points: [...m.points].sort(), files: hashes, usage };
}

/**
 * A manifest as a compile wrote it, or undefined when the text is not one. `valid` is absent from the manifests of
 * wardline before validity windows (they recorded the compile date instead).
 */
export function parseManifest(text: string): (Omit<Manifest, 'valid' | 'usage'> & { valid?: Validity; usage?: Manifest['usage'] }) | undefined {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined;
  const o = m as Record<string, unknown>;
  const isDay = (x: unknown) => x === null || (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x));
  if (typeof o.wardline !== 'string' || typeof o.policy !== 'string') return undefined;
  if (!Array.isArray(o.points) || !o.points.every((p) => typeof p === 'string')) return undefined;
  if (typeof o.files !== 'object' || o.files === null || Array.isArray(o.files)) return undefined;
  if (!Object.values(o.files).every((h) => typeof h === 'string')) return undefined;
  const parsed: Omit<Manifest, 'valid' | 'usage'> & { usage?: Manifest['usage'] } = { wardline: o.wardline, policy: o.policy, points: o.points as string[], files: o.files as Record<string, string> };
  // Usage is absent from the manifests of wardline before capacity budgets; a malformed one is no usage.
  const usage = usageOf(o.usage);
  if (usage) parsed.usage = usage;
  const v = o.valid as Record<string, unknown> | undefined;
  if (v === undefined) return parsed;
  if (typeof v !== 'object' || v === null || !isDay(v.from) || !isDay(v.through)) return undefined;
  return { ...parsed, valid: { from: v.from as string | null, through: v.through as string | null } };
}

function usageOf(u: unknown): Manifest['usage'] | undefined {
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isRecord(u)) return undefined;
  const out: Manifest['usage'] = {};
  for (const [point, resources] of Object.entries(u)) {
    if (!isRecord(resources)) return undefined;
    out[point] = {};
    for (const [name, f] of Object.entries(resources)) {
      if (!isRecord(f) || typeof f.used !== 'number' || typeof f.budget !== 'number') return undefined;
      out[point][name] = { used: f.used, budget: f.budget };
    }
  }
  return out;
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
