import { Option, type Command } from 'commander';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { loadSimulator } from './query-command.js';
import { resolveToday } from './today.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface LabCommandOptions {
  point?: string;
  keep: boolean;
  ruleset?: string;
  printRuleset: boolean;
  printIsolation?: string;
  isolationFilter?: string;
  format: 'text' | 'json' | 'junit';
  timeout: string;
  today?: string;
  resolve: string[];
}

/** A file an option names, read within the one-file limit; a problem is a usage error naming the option. */
async function readOptionFile(option: string, file: string): Promise<string> {
  const { MAX_FILE_BYTES } = await import('../lang/source-files.js');
  const { readBounded } = await import('../lang/read-bounded.js');
  const read = await readBounded(file, MAX_FILE_BYTES).catch((err: Error) => {
    throw new UsageError(`cannot read ${option} ${file}: ${err.message}`);
  });
  if ('over' in read) throw new UsageError(`${option} ${file} is larger than ${MAX_FILE_BYTES / 2 ** 20} MiB, the limit for one file`);
  return read.data.toString('utf8');
}

function splitOnce(text: string): [string, string] {
  const i = text.indexOf('=');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

export function registerLab(program: Command, result: CommandResult): void {
  program
    .command('lab')
    .description('build the zones as Linux network namespaces, load the nftables ruleset into a router namespace, probe real connections and compare every verdict with the simulator (Linux, root, ip, nft, python3)')
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('--point <ep>', 'use this linux-nftables enforcement point and the zones it routes (default: one Linux router for every zone)')
    .option('--keep', 'leave the lab up afterwards and print how to enter and remove it', false)
    .option('--ruleset <file>', 'load this nftables ruleset instead of the compiled one (e.g. a hand-edited copy of --print-ruleset)')
    .option('--print-ruleset', 'print the ruleset the lab would load (its zones\' interfaces named as the lab names them) and build nothing', false)
    .option('--print-isolation <zone>', 'print the bridge filter (nftables) the lab loads for an isolated zone\'s link, its compiled isolation, and build nothing')
    .option('--isolation-filter <zone=file>', 'load this bridge filter for that isolated zone instead of its compiled isolation (e.g. a hand-edited copy of --print-isolation)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--timeout <ms>', 'how long a probe waits for its answer', '1000')
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string | undefined, opts: LabCommandOptions) => {
      const path = given ?? (await projectPolicy());
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 10000) throw new UsageError('--timeout takes milliseconds, 100-10000');
      const ruleset = opts.ruleset === undefined ? undefined : await readOptionFile('--ruleset', opts.ruleset);
      let isolationFilter: ((zone: string, filter: string) => string) | undefined;
      if (opts.isolationFilter !== undefined) {
        const [zone, file] = splitOnce(opts.isolationFilter);
        if (!zone || !file) throw new UsageError('--isolation-filter takes ZONE=FILE');
        const text = await readOptionFile('--isolation-filter', file);
        isolationFilter = (z, f) => (z === zone ? text : f);
      }
      const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
      if (opts.printIsolation !== undefined) {
        const { labPlan } = await import('../lab/lab-policy.js');
        const { bridgeFilter, compiledIsolation, isolatedZones } = await import('../lab/isolation.js');
        const plan = labPlan(sim.policy, opts.point);
        const zone = isolatedZones(plan.zones).find((z) => z.name === opts.printIsolation);
        if (!zone) throw new UsageError(`--print-isolation: "${opts.printIsolation}" is not an isolated zone the lab builds (one with port isolation and an IPv4 subnet of /29 or more)`);
        const { isolation, objects } = compiledIsolation(plan.policy, [zone]).get(zone.name)!;
        process.stdout.write(bridgeFilter(isolation, objects));
        return;
      }
      if (opts.printRuleset) {
        const { labPlan } = await import('../lab/lab-policy.js');
        const plan = labPlan(sim.policy, opts.point);
        if (plan.limits.length > 0) throw new UsageError(`the nftables target cannot express this policy: ${plan.limits.map((d) => `${d.code} ${d.message}`).join('; ')}`);
        process.stdout.write(plan.ruleset);
        return;
      }
      // The lab's router names each zone's interfaces wz<zone>s<n>: a ruleset compiled for a real router names others,
      // and its rules for what the zones' links send the router itself would match nothing here.
      const foreign = [...new Set([...(ruleset ?? '').matchAll(/iifname "([^"]+)"/g)].map((m) => m[1]!).filter((n) => !/^wz\d+s/.test(n)))];
      if (foreign.length > 0) {
        process.stderr.write(`wardline lab: --ruleset names interfaces the lab does not have (${foreign.slice(0, 3).join(', ')}): its rules for what a zone's link sends the router match nothing here; edit the output of --print-ruleset instead\n`);
      }
      const { runLab } = await import('../lab/run-lab.js');
      const { labText, labJson, labJunit } = await import('../lab/lab-report.js');
      const lab = await runLab(sim.policy, { point: opts.point, keep: opts.keep, ruleset, timeoutMs, isolationFilter });
      const render = { text: labText, json: labJson, junit: labJunit }[opts.format];
      process.stdout.write(render(lab));
      process.stderr.write(`wardline lab: ${lab.probes.length} probes (${lab.reprobed} probed twice) in ${lab.seconds.toFixed(1)} s\n`);
      for (const fault of lab.faults) process.stderr.write(`wardline lab: lab fault: ${fault}\n`);
      // A fault is the lab's own bug (a missing listener or route): its verdicts cannot be trusted either way.
      result.code = lab.faults.length > 0 ? EXIT_USAGE : lab.disagree > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}
