import { Command, CommanderError, Help, type Option } from 'commander';
import { registerCheck } from './check-command.js';
import { registerCompile } from './compile-command.js';
import { registerDiff } from './diff-command.js';
import { registerImport } from './import-command.js';
import { registerInit } from './init-command.js';
import { registerExplain } from './explain-command.js';
import { registerExport } from './export-command.js';
import { registerLab } from './lab-command.js';
import { registerMatrix } from './matrix-command.js';
import { registerObserve } from './observe-command.js';
import { registerQuery } from './query-command.js';
import { registerReport } from './report-command.js';
import { registerResolve } from './resolve-command.js';
import { EXIT_CLEAN, EXIT_USAGE, UsageError } from './exit-code.js';
import { registerSchema } from './schema-command.js';
import { registerVerify } from './verify-command.js';
import { wardlineVersion } from './version.js';

/** What a command's action reports back; the launcher turns it into process.exitCode. */
export interface CommandResult {
  code: number;
}

export function buildProgram(result: CommandResult): Command {
  const program = new Command('wardline')
    .description('Policy-as-code for hospital network segmentation: check intents, compile configs, answer reachability.')
    .version(wardlineVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.replace(/^error: /, 'wardline: ')) })
    .showSuggestionAfterError(true)
    // Subcommands inherit it: a default of nothing (an empty list, false) is no information.
    .configureHelp({ optionDescription: (option) => quietDefaults(option) })
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  wardline check policies/example-hospital',
        '  wardline query policies/example-hospital --from infusion-pumps-4e --to pump-server',
        '  wardline compile policies/example-hospital -o out',
        '  wardline diff HEAD~1 HEAD --path policies/example-hospital',
        '  wardline export mud infusion-pumps-4e policies/example-hospital --url https://mud.example.org/pumps.json',
        '  wardline export ise policies/example-hospital -o ise',
        '  wardline observe policies/example-hospital examples/observe/ward4e-week.jsonl',
        '  wardline report policies/example-hospital -o report.html',
        '',
        '`wardline help COMMAND` (or COMMAND --help) shows a command\'s options.',
      ].join('\n'),
    );
  // In the order of the work: write and check intents, compile them, ask, review changes, prove, start.
  registerCheck(program, result);
  registerCompile(program, result);
  registerQuery(program, result);
  registerMatrix(program, result);
  registerExplain(program, result);
  registerReport(program, result);
  registerDiff(program, result);
  registerVerify(program, result);
  registerObserve(program, result);
  registerImport(program, result);
  registerExport(program, result);
  registerResolve(program, result);
  registerLab(program, result);
  registerInit(program, result);
  registerSchema(program, result);
  return program;
}

function quietDefaults(option: Option): string {
  const value: unknown = option.defaultValue;
  const empty = value === false || (Array.isArray(value) && value.length === 0);
  if (!empty) return Help.prototype.optionDescription.call(new Help(), option);
  return Help.prototype.optionDescription.call(new Help(), Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { defaultValue: undefined }));
}

/** Runs the CLI; never throws: usage and internal errors become one line on stderr and exit 2. */
export async function main(argv: string[]): Promise<number> {
  const result: CommandResult = { code: EXIT_CLEAN };
  quietWhenReaderLeaves();
  try {
    const program = buildProgram(result);
    // A bare `wardline` asks what it can do: the help, on stdout, and success.
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_CLEAN;
    }
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_CLEAN : EXIT_USAGE;
    if (err instanceof UsageError || (err instanceof Error && err.name === 'InputError')) {
      process.stderr.write(`wardline: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const denied = fileSystemRefusal(err);
    if (denied) {
      process.stderr.write(`wardline: ${denied}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`wardline: internal error: ${message}\n`);
    if (process.env.WARDLINE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT_USAGE;
  }
}

/**
 * `wardline … | head`: once the reader has closed the pipe, the rest of the output is dropped and the command
 * finishes as it would have (cleaning up, and exiting with its own code), instead of dying on EPIPE with a trace.
 */
function quietWhenReaderLeaves(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.stdout.write = ((_chunk: unknown, ...rest: unknown[]) => {
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
    // A writer waiting for room in the pipe is let go: there is all the room it wants now.
    process.stdout.emit('drain');
  });
}

const DOING: Record<string, string> = { mkdir: 'create directory', open: 'open', rename: 'rename', write: 'write', scandir: 'read directory', read: 'read', unlink: 'remove', rmdir: 'remove' };

/** A file or directory the system refused (no such directory, permission, not a directory): said as such, not as a bug. */
function fileSystemRefusal(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || !e.syscall || !e.path) return undefined;
  const reason = /^[A-Z]+: ([^,]+)/.exec(e.message)?.[1] ?? e.code;
  return `cannot ${DOING[e.syscall] ?? e.syscall} ${e.path}: ${reason} (${e.code})`;
}
