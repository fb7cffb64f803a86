import { dirname } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { gitWorkTree, underTree } from '../lang/policy-root.js';
import { displayPath, type SourceFile } from '../lang/source-files.js';
import { wardlineVersion } from './version.js';

/** How one report names a policy file, given the name everything else uses (relative to the policy root). */
export type PlaceFile = (file: string) => string;

/**
 * Paths as each reader needs them. A terminal user clicks paths relative to the working directory (stylish). Machine
 * formats name files relative to the git work tree the policy is in, so code scanning and annotations find them, or
 * relative to the policy root outside one: either way the same from any working directory.
 */
export function reportPaths(sources: readonly SourceFile[], reader: 'terminal' | 'repository'): PlaceFile {
  const origins = new Map(sources.flatMap((s) => (s.origin === undefined ? [] : [[s.path, s.origin] as const])));
  const first = origins.values().next().value;
  const tree = reader === 'repository' && first !== undefined ? gitWorkTree(dirname(first)) : undefined;
  return (file) => {
    const origin = origins.get(file);
    if (origin === undefined) return file;
    if (reader === 'terminal') return displayPath(origin);
    return (tree === undefined ? undefined : underTree(tree, origin)) ?? file;
  };
}

/** The diagnostics with their files (and their related locations' files) named as `place` says. */
export function placed(diagnostics: readonly Diagnostic[], place: PlaceFile): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, file: place(d.file), related: d.related.map((r) => ({ ...r, file: place(r.file) })) }));
}

/** Findings that stop a command, for the person at the terminal, on stderr: stylish, paths from the working directory. */
export async function writeFindings(findings: readonly Diagnostic[], sources: readonly SourceFile[], color: boolean): Promise<void> {
  const { FORMATTERS } = await import('../report/formatters.js');
  const place = reportPaths(sources, 'terminal');
  process.stderr.write(FORMATTERS.stylish(placed(findings, place), { color, toolVersion: wardlineVersion(), files: sources.map((s) => place(s.path)) }));
}
