import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { formatLoc } from '../model/source.js';
import type { FormatOptions } from './formatters.js';
import { byFile, countSeverities, plural } from './tally.js';

/** eslint-stylish-like text for people: grouped by file, a summary line, nothing at all when clean. */
export function formatStylish(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  if (diagnostics.length === 0) return '';
  // Our own instance so colour follows the option, never the environment.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = [...byFile(diagnostics)].map(([file, list]) => fileBlock(chalk, file, list));
  return `${blocks.join('\n\n')}\n\n${summary(chalk, diagnostics)}\n`;
}

function fileBlock(chalk: ChalkInstance, file: string, list: readonly Diagnostic[]): string {
  const positions = list.map((d) => `${d.range.start.line + 1}:${d.range.start.col + 1}`);
  const posWidth = Math.max(...positions.map((p) => p.length));
  const sevWidth = Math.max(...list.map((d) => d.severity.length));
  const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);
  const lines = [chalk.underline(file)];
  list.forEach((d, i) => {
    const message = d.message.split('\n').join(`\n${indent}`);
    const pos = chalk.dim(positions[i]!.padEnd(posWidth));
    const severity = paint(chalk, d.severity, d.severity.padEnd(sevWidth));
    lines.push(`  ${pos}  ${severity}  ${message}  ${chalk.dim(d.code)}`);
    if (d.hint !== undefined) lines.push(`${indent}${chalk.cyan('hint:')} ${d.hint.split('\n').join(`\n${indent}`)}`);
    for (const r of d.related) lines.push(`${indent}${chalk.dim('related:')} ${formatLoc(r)} ${r.message}`);
  });
  return lines.join('\n');
}

function summary(chalk: ChalkInstance, diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings, infos } = countSeverities(diagnostics);
  const text = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  const worst: Severity = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info';
  return chalk.bold(paint(chalk, worst, text));
}

function paint(chalk: ChalkInstance, severity: Severity, text: string): string {
  if (severity === 'error') return chalk.red(text);
  if (severity === 'warning') return chalk.yellow(text);
  return chalk.blue(text);
}
