import type { Command } from 'commander';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { pairOutputs } from './check-command.js';
import { colorFor } from './color.js';
import { outputFile } from './output-owner.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';
import { resolveToday } from './today.js';
import { wardlineVersion } from './version.js';
import { writeFileAtomic } from './atomic-write.js';
import { FORMATS } from '../report/format-names.js';
import { directoryFiles, pointFiles } from './config-files.js';

interface VerifyOptions {
  config?: string;
  point?: string[];
  format: string[];
  output: string[];
  ignoreUnknown: boolean;
  today?: string;
  resolve: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerVerify(program: Command, result: CommandResult): void {
  program
    .command('verify')
    .description('read configuration files (compiled, hand-edited or pulled from the devices) and report every packet they decide otherwise than the policy')
    .argument('[paths...]', 'policy files or directories; default: the policy .wardline.yaml names, else .')
    .option('--config <dir>', 'a directory as compile writes it: DIR/<enforcement-point>/…')
    .option('--point <point-and-file...>', 'EP FILE: read FILE as the configuration of enforcement point EP (repeatable; EP/DEVICE for one device of a pair); the other points are taken as compiled')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')} (repeatable)`, collect, [])
    .option('-o, --output <file>', 'write the matching --format to FILE instead of stdout (repeatable, in order)', collect, [])
    .option('--ignore-unknown', 'report lines the readers do not understand as warnings and verify the rest (default: exit 2)', false)
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string[], opts: VerifyOptions) => {
      const point = opts.point ?? [];
      if ((opts.config === undefined) === (point.length === 0)) throw new UsageError('verify reads either --config DIR or --point EP FILE (one or more)');
      const paths = given.length > 0 ? given : [await projectPolicy()];
      const outputs = pairOutputs(opts.format, opts.output);
      const today = resolveToday(opts.today);
      const { readPolicySources } = await import('../lang/source-files.js');
      const { checkForCompile } = await import('../check/check-policy.js');
      const { compilePolicy } = await import('../compile/compile.js');
      const { renderedFiles } = await import('../verify/rendered-files.js');
      const { findDrift } = await import('../verify/drift.js');
      const { FORMATTERS } = await import('../report/formatters.js');
      const { placed, reportPaths, writeFindings } = await import('./report-paths.js');
      const sources = await readPolicySources(paths, { resolve: opts.resolve });
      const checked = checkForCompile(sources, today);
      const errors = checked.findings.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        await writeFindings(errors, sources, false);
        process.stderr.write('wardline: nothing verified: the policy has errors\n');
        result.code = EXIT_FINDINGS;
        return;
      }
      const programs = compilePolicy(checked.policy, undefined, checked.context);
      const config = opts.config === undefined ? pointFiles(point, checked.policy.enforcementPoints, renderedFiles(checked.policy, programs)) : directoryFiles(opts.config);
      const drift = findDrift({ policy: checked.policy, programs, files: config.files, shown: config.shown, ignoreUnknown: opts.ignoreUnknown });
      for (const { format, file } of outputs) {
        const color = file === undefined && format === 'stylish' && colorFor('stdout');
        const place = reportPaths(sources, format === 'stylish' ? 'terminal' : 'repository');
        const text = FORMATTERS[format](placed(drift.findings, place), { color, toolVersion: wardlineVersion(), files: config.read });
        if (file === undefined) process.stdout.write(text);
        else writeFileAtomic(outputFile(file, paths), text);
      }
      const drifted = drift.findings.filter((d) => d.code === 'WL901' || d.code === 'WL902' || d.code === 'WL904').length;
      process.stderr.write(
        `wardline: ${drift.points} enforcement point${drift.points === 1 ? '' : 's'} read, ${drift.classes.toLocaleString('en-US')} packet classes: ${drifted === 0 ? 'the configuration decides as the policy' : `${drifted} finding${drifted === 1 ? '' : 's'} of drift`}\n`,
      );
      if (drift.unknown > 0 && !opts.ignoreUnknown) {
        process.stderr.write(`wardline: ${drift.unknown} line${drift.unknown === 1 ? '' : 's'} no reader understands: verify cannot vouch for ${drift.unknown === 1 ? 'it' : 'them'} (--ignore-unknown verifies the rest)\n`);
        result.code = EXIT_USAGE;
        return;
      }
      result.code = drift.findings.some((d) => d.severity === 'error') ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}
