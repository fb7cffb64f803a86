import { Option, type Command } from 'commander';
import { join } from 'node:path';
import type { DiffSide } from '../diff/blocking-errors.js';
import { gitWorkTree, underTree } from '../lang/policy-root.js';
import type { SourceFile } from '../lang/source-files.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { resolveToday } from './today.js';
import { colorFor } from './color.js';
import { wardlineVersion } from './version.js';
import { projectPolicy } from './project-policy.js';

interface DiffOptions {
  path?: string;
  format: 'text' | 'json' | 'markdown' | 'sarif';
  failOn: 'medical' | 'untrusted' | 'any-change' | 'never';
  today?: string;
  observed: string[];
}

export function registerDiff(program: Command, result: CommandResult): void {
  program
    .command('diff')
    .description('what a change does to connectivity: access added and removed between two revisions, with the intents behind it and its risks')
    .argument('<base>', 'git revision (or directory) before the change, e.g. origin/main')
    .argument('[head]', 'git revision (or directory) after the change; default: the working tree')
    .option('--path <dir>', 'the policy directory inside the repository; default: the policy .wardline.yaml names, else .')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <risk>', 'exit 1 when a change carries this risk (any-change: any connectivity change)').choices(['medical', 'untrusted', 'any-change', 'never']).default('never'))
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .option('--observed <records>', 'flow records (as wardline observe reads them): list the observed connections BASE passes and HEAD denies (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .action(async (base: string, head: string | undefined, opts: DiffOptions) => {
      const today = resolveToday(opts.today);
      const { readSide } = await import('../diff/revision-sources.js');
      const { diffPolicies } = await import('../diff/diff-policies.js');
      const render = await import('../diff/render-diff.js');
      const { diffLoader } = await import('../diff/blocking-errors.js');
      const path = opts.path ?? (await projectPolicy());
      const before = await readSide(base, path);
      const after = await readSide(head, path);
      // The loader (and the parsed files it shares between the sides) is dropped before the simulators are built.
      let load: ReturnType<typeof diffLoader> | undefined = diffLoader();
      const was = await checked(load, before.label, before.sources, today);
      const now = await checked(load, after.label, after.sources, today);
      load = undefined;
      const { collectGarbage } = await import('./collect-garbage.js');
      collectGarbage();
      const diff = diffPolicies(was.policy, now.policy, { baseLabel: before.label, headLabel: after.label, baseShared: was.context, headShared: now.context });
      if (opts.observed.length > 0) {
        const { simulator } = await import('../sim/simulator.js');
        const { observedCuts } = await import('../diff/observed-cuts.js');
        try {
          diff.observed = await observedCuts(simulator(was.policy, was.context), simulator(now.policy, now.context), opts.observed);
        } catch (e) {
          if (e instanceof Error && e.name === 'RecordInputError') throw new UsageError(e.message);
          throw e;
        }
      }
      const text =
        opts.format === 'json' ? render.formatDiffJson(diff) : opts.format === 'markdown' ? render.formatDiffMarkdown(diff) : opts.format === 'sarif' ? render.formatDiffSarif(diff, wardlineVersion(), { base: fromTree(before.root), head: fromTree(after.root) }) : render.formatDiffText(diff);
      process.stdout.write(text);
      const failing =
        opts.failOn === 'any-change' ? diff.changes.length > 0 || diff.modes.length > 0 || (diff.observed?.cuts.length ?? 0) > 0 : opts.failOn === 'never' ? false : diff.changes.some((c) => c.risks.includes(opts.failOn as 'medical'));
      result.code = failing ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}

/** SARIF names files from the top of the git work tree (where code scanning looks for them), else under the side's root. */
function fromTree(root: string): (file: string) => string {
  const tree = gitWorkTree(root);
  return (file) => (tree === undefined ? undefined : underTree(tree, join(root, file))) ?? file;
}

/** A side that does not check cannot be simulated: its errors go to stderr and the diff stops with exit 2. */
async function checked(load: (sources: SourceFile[], today: string) => DiffSide, label: string, sources: SourceFile[], today: string): Promise<DiffSide> {
  const side = load(sources, today);
  const blocking = side.errors;
  if (blocking.length > 0) {
    const { writeFindings } = await import('./report-paths.js');
    await writeFindings(blocking, sources, colorFor('stderr'));
    throw new UsageError(`the policy at ${label} does not check (${blocking.length} error(s) above): fix it, or diff against a revision that checks`);
  }
  return side;
}
