import type { Command } from 'commander';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { resolveToday } from './today.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface CompileOptions {
  output?: string;
  only?: string;
  check: boolean;
  today?: string;
  resolve: string[];
}

export function registerCompile(program: Command, result: CommandResult): void {
  program
    .command('compile')
    .description('compile a policy into configuration for every enforcement point, with a manifest of hashes')
    .argument('[paths...]', 'policy files or directories; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('-o, --output <dir>', 'output directory: DIR/<enforcement-point>/… and DIR/manifest.json')
    .option('--only <points>', 'compile only these enforcement points (comma-separated); other points in DIR are kept')
    .option('--check', 'write nothing; exit 1 and list the files that differ when DIR is not what the policy compiles to', false)
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string[], opts: CompileOptions) => {
      if (!opts.output) throw new UsageError('compile needs an output directory: -o DIR');
      const paths = given.length > 0 ? given : [await projectPolicy()];
      const today = resolveToday(opts.today);
      const { compileToFiles } = await import('./compile-files.js');
      const outcome = await compileToFiles(paths, { today, only: opts.only, dir: opts.output, check: opts.check, resolve: opts.resolve });
      result.code = outcome.ok ? EXIT_CLEAN : EXIT_FINDINGS;
    });
}
