import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { didYouMean } from '../model/did-you-mean.js';
import { EXTERNAL } from '../model/zone-index.js';
import { RECORD_FORMATS, type RecordFormat } from '../observe/flow-record.js';
import { writeFileAtomic } from './atomic-write.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { outputFile } from './output-owner.js';
import { loadSimulator } from './query-command.js';
import { resolveToday } from './today.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface ObserveOptions {
  inputFormat?: RecordFormat;
  for?: string;
  suggest: boolean;
  format: 'text' | 'json' | 'markdown' | 'csv';
  output?: string;
  today?: string;
  resolve: string[];
}

export function registerObserve(program: Command, result: CommandResult): void {
  program
    .command('observe')
    .usage('[options] [POLICY] RECORDS…')
    .description('what actually talks to what: flow records judged by the policy (would be denied, allowed and used, never seen, unknown addresses)')
    .argument('<paths...>', '[POLICY] RECORDS…: the policy (a directory or .yaml file; default .) then record files, - for standard input')
    .addOption(new Option('--input-format <format>', 'the records\' format (default: detected from the first lines)').choices(RECORD_FORMATS))
    .option('--for <name>', 'only connections from or to this group (or zone, or external): "X talks to …, is talked to by …"')
    .option('--suggest', 'write the flows that would allow what was observed and denied, as YAML for review', false)
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'markdown', 'csv']).default('text'))
    .option('-o, --output <file>', 'with --suggest: write the flows to FILE (the report still goes to stdout); else write the report to FILE')
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .addHelpText('after', '\nExit status: 0 nothing observed would be denied, 1 some observed connection would be denied (a rollout blocker or a security finding), 2 usage or input error.')
    .action(async (paths: string[], opts: ObserveOptions) => {
      const [policyPath, records] = splitPaths(paths);
      const sim = await loadSimulator([policyPath], resolveToday(opts.today), opts.resolve);
      if (opts.for !== undefined) knownIdentity(sim.policy, opts.for);
      const { observer } = await import('../observe/observe-records.js');
      const { readRecords } = await import('../observe/read-records.js');
      const { observeReport } = await import('../observe/observe-report.js');
      const { OBSERVE_FORMATS } = await import('../observe/render/observe-formats.js');
      const o = observer(sim);
      const { problemSink } = await import('../observe/record-problems.js');
      for (const input of records) {
        const problems = problemSink();
        let n = 0;
        try {
          for await (const r of readRecords(input, { ...(opts.inputFormat ? { format: opts.inputFormat } : {}), problems })) o.add(r, input, ++n);
        } catch (e) {
          // Unreadable input (missing, broken gzip, no known format) is a usage error with the reader's reason.
          if (e instanceof Error && e.name === 'RecordInputError') throw new UsageError(e.message);
          throw e;
        }
        // Detection reports the lines it read first once the format is known: shown in line order.
        for (const p of [...problems.kept].sort((a, b) => a.line - b.line)) o.problem({ input, line: p.line, reason: p.reason });
        o.moreProblems(problems.count - problems.kept.length);
      }
      const report = observeReport(sim, o.finish(), opts.for);
      const text = OBSERVE_FORMATS[opts.format](report);
      if (opts.suggest) {
        const { suggestFlows } = await import('../observe/suggest-flows.js');
        const { suggestionYaml } = await import('../observe/render/suggestion-yaml.js');
        const yaml = suggestionYaml(suggestFlows(sim.engine, report.wouldDeny));
        if (opts.output === undefined) process.stdout.write(yaml);
        else {
          writeFileAtomic(suggestionFile(opts.output, policyPath), yaml);
          process.stdout.write(text);
        }
      } else if (opts.output !== undefined) writeFileAtomic(outputFile(opts.output, [policyPath]), text);
      else process.stdout.write(text);
      result.code = report.wouldDeny.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

/** The first path is the policy when it is a directory or a YAML file; otherwise the policy is `.` and all are records. */
function splitPaths(paths: string[]): [string, string[]] {
  const first = paths[0]!;
  const isPolicy = /\.ya?ml$/i.test(first) || (first !== '-' && existsSync(first) && statSync(first).isDirectory());
  const [policy, records] = isPolicy ? [first, paths.slice(1)] : ['.', paths];
  if (records.length === 0) throw new UsageError(`no records to observe: give record files after the policy (${first} is the policy), or - for standard input`);
  if (records.filter((r) => r === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  return [policy, records];
}

function knownIdentity(policy: { groups: Map<string, unknown>; zones: Map<string, unknown> }, name: string): void {
  if (name === EXTERNAL || policy.groups.has(name) || policy.zones.has(name)) return;
  const guess = didYouMean(name, [...policy.groups.keys(), ...policy.zones.keys(), EXTERNAL]);
  throw new UsageError(`--for ${name}: no group or zone of that name in the policy${guess ? `; did you mean ${guess}?` : ''}`);
}

/** Where --suggest writes: a new file may go into the policy directory (that is the point); a file of the policy is never overwritten. */
function suggestionFile(file: string, policyPath: string): string {
  const path = resolve(file);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`cannot write the suggestions to ${file}: that is a directory; name a file`);
    const policy = resolve(policyPath);
    if (path === policy || path.startsWith(`${policy}${sep}`)) throw new UsageError(`will not overwrite ${file}, a file of the policy: name a new file`);
  }
  return path;
}
