import { Option, type Command } from 'commander';
import { writeChunksAtomic, writeChunksToStdout } from './atomic-write.js';
import { EXIT_CLEAN } from './exit-code.js';
import { outputFile } from './output-owner.js';
import type { CommandResult } from './main.js';
import { asked, loadSimulator } from './query-command.js';
import { resolveToday } from './today.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface MatrixOptions {
  by: 'group' | 'zone';
  service?: string;
  format: string;
  output?: string;
  today?: string;
  resolve: string[];
}

const FORMATS = ['text', 'csv', 'json', 'markdown', 'mermaid', 'dot', 'html'];

export function registerMatrix(program: Command, result: CommandResult): void {
  program
    .command('matrix')
    .description('who may open connections to whom: sources as rows, destinations as columns, the allowed services in each cell')
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .addOption(new Option('--by <what>', 'rows and columns are groups or zones').choices(['group', 'zone']).default('group'))
    .option('-s, --service <service>', 'only these services (name, proto/port, or a comma-separated list)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string | undefined, opts: MatrixOptions) => {
      const path = given ?? (await projectPolicy());
      const output = opts.output === undefined ? undefined : outputFile(opts.output, [path]);
      const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
      const { MATRIX_WRITERS } = await import('../sim/render/matrix-formats.js');
      // Rows are computed as they are written: a 5,000-group matrix is never held whole.
      const matrix = asked(() => sim.matrixRows(opts.by, opts.service));
      const chunks = MATRIX_WRITERS[opts.format as keyof typeof MATRIX_WRITERS](matrix);
      if (output === undefined) await writeChunksToStdout(chunks);
      else writeChunksAtomic(output!, chunks);
      result.code = EXIT_CLEAN;
    });
}
