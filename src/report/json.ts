import { CODES } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Range } from '../model/source.js';
import type { FormatOptions } from './formatters.js';
import { countSeverities } from './tally.js';

/** Bumped only when a consumer would have to change; adding keys is not a change. */
const JSON_FORMAT_VERSION = 1;

/** Machine-readable diagnostics, 1-based positions, keys always in the same order. */
export function formatJson(diagnostics: readonly Diagnostic[], _options: FormatOptions): string {
  const report = {
    version: JSON_FORMAT_VERSION,
    diagnostics: diagnostics.map(jsonDiagnostic),
    summary: countSeverities(diagnostics),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: d.code,
    name: CODES[d.code]?.name ?? d.code,
    severity: d.severity,
    message: d.message,
    file: d.file,
    range: oneBased(d.range),
  };
  if (d.hint !== undefined) out.hint = d.hint;
  if (d.path !== undefined) out.path = d.path;
  out.related = d.related.map((r) => ({ message: r.message, file: r.file, range: oneBased(r.range) }));
  return out;
}

/** The end stays exclusive, as inside wardline; both ends just move to 1-based. */
function oneBased(range: Range): Range {
  return {
    start: { line: range.start.line + 1, col: range.start.col + 1 },
    end: { line: range.end.line + 1, col: range.end.col + 1 },
  };
}
