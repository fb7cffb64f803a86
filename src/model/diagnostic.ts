import type { Range, SourceLoc } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface RelatedLocation extends SourceLoc {
  message: string;
}

/** The one type for everything wardline can say about a policy. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  hint?: string;
  related: RelatedLocation[];
  /** Path into the YAML document, when known (e.g. ["flows", 3, "to"]). */
  path?: (string | number)[];
}

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  at: SourceLoc,
  extra: { hint?: string; related?: RelatedLocation[]; path?: (string | number)[] } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity, message, file: at.file, range: at.range, related: extra.related ?? [] };
  if (extra.hint !== undefined) d.hint = extra.hint;
  if (extra.path !== undefined) d.path = extra.path;
  return d;
}

export function related(message: string, at: SourceLoc): RelatedLocation {
  return { message, file: at.file, range: at.range };
}

/** Sorted by file, line, column, code, message; exact duplicates removed. Output is deterministic. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.file}\0${d.range.start.line}\0${d.range.start.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.col - b.range.start.col ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function worstSeverity(list: readonly Diagnostic[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const d of list) if (!worst || SEVERITY_RANK[d.severity] > SEVERITY_RANK[worst]) worst = d.severity;
  return worst;
}
