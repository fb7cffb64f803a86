import { Option, type Command } from 'commander';
import { EXIT_CLEAN } from './exit-code.js';
import type { CommandResult } from './main.js';
import { asked, loadSimulator } from './query-command.js';
import { resolveToday } from './today.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface ExplainOptions {
  format: 'text' | 'json';
  today?: string;
  resolve: string[];
}

export function registerExplain(program: Command, result: CommandResult): void {
  program
    .command('explain')
    .description('what one flow or guardrail allows or forbids, in names and in prefixes and ports, and what it overlaps')
    .argument('<id>', 'a flow or guardrail id')
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (id: string, given: string | undefined, opts: ExplainOptions) => {
      const path = given ?? (await projectPolicy());
      const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
      const { formatExplanationText } = await import('../sim/render/explain-text.js');
      const explanation = asked(() => sim.explain(id));
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanationText(explanation));
      result.code = EXIT_CLEAN;
    });
}
