import type { Command } from 'commander';
import { writeFileAtomic } from './atomic-write.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';

interface ImportMudOptions {
  group: string;
  zone?: string;
  map: string[];
  policy?: string;
  output?: string;
  allowPartial: boolean;
}

const MUD_FILE_LIMIT = 16 << 20;
/** Import writes no dated intent: every flow of the policy counts as live, whatever its expiry. */
const TODAY = '1970-01-01';

export function registerImport(program: Command, result: CommandResult): void {
  const command = program.command('import').description('read intents from other formats (MUD, RFC 8520)');
  command
    .command('mud')
    .usage('FILE… --group NAME [--zone ZONE] [--map ABSTRACTION=ENDPOINT …] [options]')
    .description('a device class from Manufacturer Usage Description files (RFC 8520): its group, one flow per connection the manufacturer asks for and an external per DNS name, as YAML for review')
    .argument('<files...>', 'MUD files (JSON)')
    .requiredOption('--group <name>', 'the group the device class becomes')
    .option('--zone <zone>', 'define the group in this zone (without it, the group must exist in --policy)')
    .option('--map <abstraction=endpoint>', 'what a MUD abstraction or DNS name is here: local-networks, controller[:URI], my-controller, same-manufacturer, manufacturer[:NAME], model[:URL], or a DNS name (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--policy <path>', 'the policy the flows join: local-networks as its zones, manufacturers and models by its groups (MUD URL, manufacturer), DNS names by its externals (fqdn), flow ids kept unique; its guardrails are run over the imported flows')
    .option('-o, --output <file>', 'write the YAML to FILE (atomically) instead of standard output')
    .option('--allow-partial', 'write what can be represented even when some ACEs cannot be (they are still reported)', false)
    .addHelpText('after', '\nExit status: 0 every ACE imported (or --allow-partial), 1 some ACE cannot be represented or conflicts with --policy (a guardrail forbids it, another group claims the MUD URL; each reported on stderr with file:line; nothing written), 2 usage or input error.')
    .action(async (files: string[], opts: ImportMudOptions) => {
      const { readMudFile } = await import('../mud/read-mud-file.js');
      const { runImport } = await import('../mud/import-request.js');
      const { loadPolicy } = await import('../lang/load-policy.js');
      const mud = [];
      for (const file of files) mud.push(await readMudFile(file, MUD_FILE_LIMIT));
      const sources = opts.policy === undefined ? [] : await (await import('../lang/source-files.js')).readPolicySources([opts.policy]);
      const loaded = loadPolicy(sources, { today: TODAY });
      if (opts.policy !== undefined && loaded.diagnostics.some((d) => d.severity === 'error')) throw new UsageError(`--policy ${opts.policy}: the policy has errors: fix it first (see wardline check)`);
      const catalog = new Map([...loaded.policy.services].filter(([, s]) => s.standard));
      const run = runImport(mud, { group: opts.group, maps: opts.map, catalog, ...(opts.zone === undefined ? {} : { zone: opts.zone }), ...(opts.policy === undefined ? {} : { policy: loaded.policy }) });
      // What the policy's guardrails forbid of the imported flows, as check would say it after the merge.
      const conflicts = opts.policy === undefined ? [] : (await import('../mud/guardrail-conflicts.js')).guardrailConflicts(sources, run, TODAY, opts.output);
      for (const p of [...run.problems, ...conflicts]) process.stderr.write(`${p.file}:${p.line}:${p.col}: ${p.kind ?? (p.counts ? 'cannot import' : 'note')}: ${p.where}: ${p.reason}\n`);
      for (const key of run.unusedMaps) process.stderr.write(`wardline: note: --map ${key}=… was not used: no ACE names it\n`);
      const found = [...run.problems, ...conflicts].filter((p) => p.counts);
      const refused = found.filter((p) => p.kind === undefined).length;
      const clashes = found.length - refused;
      const summary = [refused > 0 ? `${refused} ACE${refused === 1 ? '' : 's'} cannot be represented` : '', clashes > 0 ? `${clashes} conflict${clashes === 1 ? '' : 's'} with --policy` : ''].filter((x) => x).join(', ');
      if (found.length > 0 && !opts.allowPartial) {
        const todo = [refused > 0 ? 'map what can be mapped (--map)' : '', clashes > 0 ? 'settle each conflict as it says' : ''].filter((x) => x).join(', ');
        process.stderr.write(`wardline: ${summary}: nothing written; ${todo}, or write the rest with --allow-partial\n`);
        result.code = EXIT_FINDINGS;
        return;
      }
      if (opts.output === undefined) process.stdout.write(run.yaml);
      else writeFileAtomic(opts.output, run.yaml);
      if (found.length > 0) process.stderr.write(`wardline: ${summary.replace('cannot be represented', 'not imported')} (--allow-partial)\n`);
      result.code = EXIT_CLEAN;
    });
}
