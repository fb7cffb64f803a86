import { CODES } from '../model/codes.js';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { formatLoc } from '../model/source.js';
import type { FormatOptions } from './formatters.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export function formatGithub(diagnostics: readonly Diagnostic[], _options: FormatOptions): string {
  return diagnostics.map((d) => `${annotation(d)}\n`).join('');
}

function annotation(d: Diagnostic): string {
  const { start, end } = d.range;
  const props: [string, string | number][] = [['file', d.file], ['line', start.line + 1]];
  // GitHub accepts columns only when the annotation starts and ends on the same line.
  if (end.line === start.line) props.push(['col', start.col + 1]);
  props.push(['endLine', end.line + 1]);
  // endColumn is the last column covered (GitHub defaults it to col), so the exclusive 0-based end is it.
  if (end.line === start.line) props.push(['endColumn', Math.max(end.col, start.col + 1)]);
  props.push(['title', `${d.code} ${CODES[d.code]?.name ?? ''}`.trim()]);
  const properties = props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(messageText(d))}`;
}

function messageText(d: Diagnostic): string {
  const lines = [d.message];
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  for (const r of d.related) lines.push(`related: ${formatLoc(r)} ${r.message}`);
  return lines.join('\n');
}

/** The runner's own escaping for the message part of a command. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values additionally end at `,` and the properties at `::`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
