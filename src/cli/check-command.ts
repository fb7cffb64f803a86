import { Option, type Command } from 'commander';
import { SEVERITY_RANK, type Severity } from '../model/diagnostic.js';
import { FORMATS, isFormat, type Format } from '../report/format-names.js';
import { writeFileAtomic } from './atomic-write.js';
import { outputFile } from './output-owner.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { resolveToday } from './today.js';
import { colorFor } from './color.js';
import { wardlineVersion } from './version.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface CheckOptions {
  format: string[];
  output: string[];
  failOn: Severity;
  quiet: boolean;
  today?: string;
  horizon?: string;
  resolve: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCheck(program: Command, result: CommandResult): void {
  program
    .command('check')
    .description('validate a policy (files, directories, or - for stdin) and report findings')
    .argument('[paths...]', 'policy files or directories; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')} (repeatable)`, collect, [])
    .option('-o, --output <file>', 'write the matching --format to FILE instead of stdout (repeatable, in order)', collect, [])
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('-q, --quiet', 'report errors only (the exit status still follows --fail-on)', false)
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .option('--horizon <days>', 'report flows that expire, and expectations that then fail, within DAYS days (default 14)')
    .action(async (given: string[], opts: CheckOptions) => {
      const paths = given.length > 0 ? given : [await projectPolicy()];
      const outputs = pairOutputs(opts.format, opts.output);
      const today = resolveToday(opts.today);
      const horizon = horizonDays(opts.horizon);
      // Loaded on use, so `wardline --version` and `--help` stay fast.
      const { readPolicySources } = await import('../lang/source-files.js');
      const { checkPolicy } = await import('../check/check-policy.js');
      const { FORMATTERS } = await import('../report/formatters.js');
      const sources = await readPolicySources(paths, { resolve: opts.resolve });
      const all = checkPolicy(sources, today, horizon === undefined ? {} : { horizon }).findings;
      const shown = opts.quiet ? all.filter((d) => d.severity === 'error') : all;
      const { placed, reportPaths } = await import('./report-paths.js');
      for (const { format, file } of outputs) {
        const color = file === undefined && format === 'stylish' && useColor();
        const place = reportPaths(sources, format === 'stylish' ? 'terminal' : 'repository');
        const text = FORMATTERS[format](placed(shown, place), { color, toolVersion: wardlineVersion(), files: sources.map((s) => place(s.path)), failOn: opts.failOn });
        if (file === undefined) process.stdout.write(text);
        else writeFileAtomic(outputFile(file, paths), text);
      }
      const threshold = SEVERITY_RANK[opts.failOn];
      result.code = all.some((d) => SEVERITY_RANK[d.severity] >= threshold) ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

/** The i-th --output belongs to the i-th --format; formats without one print to stdout (at most one may). */
export function pairOutputs(formats: string[], files: string[]): { format: Format; file?: string }[] {
  const list = formats.length > 0 ? formats : ['stylish'];
  for (const f of list) if (!isFormat(f)) throw new UsageError(`unknown format "${f}"; use one of ${FORMATS.join(', ')}`);
  if (files.length > list.length) throw new UsageError('more --output files than --format options');
  const pairs = list.map((format, i) => (files[i] === undefined ? { format: format as Format } : { format: format as Format, file: files[i]! }));
  if (pairs.filter((p) => p.file === undefined).length > 1) {
    throw new UsageError('only one --format can go to stdout; give the others an --output file');
  }
  return pairs;
}

/** Whole days, 0 (today only) to ten years. */
export function horizonDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,4}$/.test(text) || Number(text) > 3660) throw new UsageError(`--horizon takes a number of days from 0 to 3660, not "${text}"`);
  return Number(text);
}

function useColor(): boolean {
  return colorFor('stdout');
}
