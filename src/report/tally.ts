/** Tallying diagnostics for summaries: by severity and by file. */
import type { Diagnostic } from '../model/diagnostic.js';

export interface SeverityCount {
  errors: number;
  warnings: number;
  infos: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCount {
  const count: SeverityCount = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') count.errors++;
    else if (d.severity === 'warning') count.warnings++;
    else count.infos++;
  }
  return count;
}

/** `1 error`, `2 errors`, `0 infos`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Diagnostics grouped by file, in first-seen order (input is already sorted by file). */
export function byFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = groups.get(d.file);
    if (group) group.push(d);
    else groups.set(d.file, [d]);
  }
  return groups;
}
