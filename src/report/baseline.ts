import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { Range, SourceLoc } from '../model/source.js';
import { byFile, countSeverities, plural } from './tally.js';

/**
 * A golden file of a broken policy in TypeScript's `.errors.txt` shape: the diagnostic list, then each
 * file with diagnostics echoed with `~` under every range. Files missing from `sources` appear only in the list.
 */
export function renderBaseline(sources: ReadonlyMap<string, string>, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '';
  const sorted = sortDiagnostics(diagnostics);
  const list = sorted.flatMap(listEntry);
  const sections: string[] = [];
  for (const [file, fileDiagnostics] of byFile(sorted)) {
    const source = sources.get(file);
    if (source !== undefined) sections.push(echo(file, source, fileDiagnostics));
  }
  return [list.join('\n'), ...sections].join('\n\n') + '\n';
}

function listEntry(d: Diagnostic): string[] {
  const lines = [`${at(d)}: ${d.severity} ${d.code}: ${d.message}`];
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related) lines.push(`  related: ${at(r)}: ${r.message}`);
  return lines;
}

function at(loc: SourceLoc): string {
  return `${loc.file}(${loc.range.start.line + 1},${loc.range.start.col + 1})`;
}

function echo(file: string, source: string, diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings, infos } = countSeverities(diagnostics);
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'info')].filter((c) => !c.startsWith('0 '));
  const lines = source.split(/\r?\n/);
  // A trailing newline does not make a line of its own unless a range points there.
  if (source.endsWith('\n')) lines.pop();
  const lastTouched = Math.max(...diagnostics.map((d) => lastLine(d.range)));
  while (lines.length <= lastTouched) lines.push('');
  const out = [`==== ${file} (${counts.join(', ')}) ====`];
  lines.forEach((text, i) => {
    out.push(text === '' ? '' : `    ${text}`);
    for (const d of diagnostics) {
      if (i >= d.range.start.line && i <= lastLine(d.range)) out.push(`    ${squiggle(text, i, d.range)} ${d.code}`);
    }
  });
  return out.join('\n');
}

/** A range ending at column 0 of a line stops at the end of the line before. */
function lastLine(range: Range): number {
  return range.end.line > range.start.line && range.end.col === 0 ? range.end.line - 1 : range.end.line;
}

/** Tildes under the columns `range` covers on line `i`; tabs copied so the columns line up. */
function squiggle(text: string, i: number, range: Range): string {
  const from = Math.min(i === range.start.line ? range.start.col : 0, text.length);
  const to = Math.max(Math.min(i === range.end.line ? range.end.col : text.length, text.length), from + 1);
  const indent = text.slice(0, from).replace(/[^\t]/g, ' ');
  return indent + '~'.repeat(to - from);
}
