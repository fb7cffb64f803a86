import { CODES } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatLoc } from '../model/source.js';
import type { FormatOptions } from './formatters.js';
import { byFile } from './tally.js';
import { xmlAttribute as attr, xmlText as text } from './xml-text.js';

/** JUnit XML for CI test reports: a failing testcase per error or warning, a passing one per clean file. */
export function formatJunit(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const groups = byFile(diagnostics);
  const files = [...new Set([...groups.keys(), ...options.files])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cases: string[] = [];
  for (const file of files) {
    const list = groups.get(file);
    if (list) cases.push(...list.map(testcase));
    else cases.push(`    <testcase classname="${attr(file)}" name="no problems"/>`);
  }
  const failures = diagnostics.filter((d) => d.severity !== 'info').length;
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

function testcase(d: Diagnostic): string {
  const name = `${d.code} ${d.range.start.line + 1}:${d.range.start.col + 1}`;
  const open = `    <testcase classname="${attr(d.file)}" name="${attr(name)}">`;
  const body =
    d.severity === 'info'
      ? `      <system-out>${text(details(d))}</system-out>`
      : `      <failure message="${attr(d.message)}" type="${attr(d.code)}">${text(details(d))}</failure>`;
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
