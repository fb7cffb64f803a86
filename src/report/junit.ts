import { CODES } from '../model/codes.js';
import { SEVERITY_RANK, type Diagnostic } from '../model/diagnostic.js';
import { formatLoc } from '../model/source.js';
import type { FormatOptions } from './formatters.js';
import { byFile } from './tally.js';
import { stableMessage } from './stable-text.js';
import { xmlAttribute as attr, xmlText as text } from './xml-text.js';

/**
 * JUnit XML for CI test reports: a testcase per finding, failing when it is at or above the run's `--fail-on` (so the
 * report fails exactly when the exit status does: a warning that exits 0 does not turn a Jenkins build unstable), the
 * others passing with the finding as output; a passing one per clean file. A testcase is named by its code and message,
 * not its line, so its history survives edits above it.
 */
export function formatJunit(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const groups = byFile(diagnostics);
  const files = [...new Set([...groups.keys(), ...options.files])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const threshold = SEVERITY_RANK[options.failOn ?? 'error'];
  const fails = (d: Diagnostic) => SEVERITY_RANK[d.severity] >= threshold;
  const cases: string[] = [];
  for (const file of files) {
    const list = groups.get(file);
    const seen = new Map<string, number>();
    if (list) {
      for (const d of list) {
        // Two findings of one code and message in a file (rare) are told apart by their order, not their line.
        const base = `${d.code} ${stableMessage(d)}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        cases.push(testcase(d, n > 1 ? `${base} (${n})` : base, fails(d)));
      }
    } else cases.push(`    <testcase classname="${attr(file)}" name="no problems"/>`);
  }
  const failures = diagnostics.filter(fails).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="wardline" ${counts}>`,
    `  <testsuite name="wardline check" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(d: Diagnostic, name: string, failing: boolean): string {
  const open = `    <testcase classname="${attr(d.file)}" name="${attr(name)}">`;
  const body = failing
    ? `      <failure message="${attr(d.message)}" type="${attr(d.code)}">${text(details(d))}</failure>`
    : `      <system-out>${text(details(d))}</system-out>`;
  return `${open}\n${body}\n    </testcase>`;
}

/** The whole diagnostic as a reader of the CI page needs it. */
function details(d: Diagnostic): string {
  const title = [d.severity, d.code, CODES[d.code]?.name].filter(Boolean).join(' ');
  const lines = [`${formatLoc(d)} ${title}`, d.message];
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  for (const r of d.related) lines.push(`related: ${formatLoc(r)} ${r.message}`);
  return lines.join('\n');
}
