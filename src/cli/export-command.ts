import type { Command } from 'commander';
import { didYouMean } from '../model/did-you-mean.js';
import { writeFileAtomic, writeFilesAtomic } from './atomic-write.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { projectPolicy } from './project-policy.js';
import { loadSimulator } from './query-command.js';
import { resolveToday } from './today.js';

interface ExportIseOptions {
  output: string;
  role: string;
  today?: string;
}

interface ExportMudOptions {
  url?: string;
  output?: string;
  today?: string;
}

const MUD_URL = /^https:\/\/[^\s/?#]+[^\s]*$/;

export function registerExport(program: Command, result: CommandResult): void {
  const exported = program.command('export').description('write the policy in a format other tools read (mud: RFC 8520; ise: Cisco ISE)');
  exported
    .command('mud')
    .description("a group's allowed flows as a MUD file (RFC 8520 / RFC 8519 JSON) for a MUD manager")
    .argument('<group>', 'the group (device class) the file describes')
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('--url <url>', "the MUD URL the file is published at (https://…); default: the group's identities: { mud-url }")
    .option('-o, --output <file>', 'write the file to FILE (atomically); default: standard output')
    .option('--today <date>', 'the date whose live flows are exported, and the last-update (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (group: string, given: string | undefined, opts: ExportMudOptions) => {
      if (opts.url !== undefined && !MUD_URL.test(opts.url)) {
        throw new UsageError(`--url ${JSON.stringify(opts.url)} is not a MUD URL: RFC 8520 §1.5 requires an https:// URL, like https://mud.example.org/pumps.json`);
      }
      const today = resolveToday(opts.today);
      const sim = await loadSimulator([given ?? (await projectPolicy())], today);
      const found = sim.policy.groups.get(group);
      if (!found) {
        const best = didYouMean(group, sim.policy.groups.keys());
        throw new UsageError(`"${group}" is not a group of this policy${best === undefined ? '' : `; did you mean "${best}"?`} (MUD describes a device class: export a group)`);
      }
      const { groupFlows } = await import('../mud/export/group-flows.js');
      const { mudDocument } = await import('../mud/export/mud-document.js');
      // The MUD URL the policy names for the group (its identities) is where its file is published, unless --url says.
      const url = opts.url ?? found.identities?.mudUrl?.value;
      if (url === undefined) throw new UsageError(`group "${group}" names no MUD URL (identities: { mud-url }): give the URL the file is published at with --url https://…`);
      if (!MUD_URL.test(url)) throw new UsageError(`group "${group}"'s mud-url ${JSON.stringify(url)} is not an https:// URL (RFC 8520 §1.5): give one with --url`);
      const { document, notes } = mudDocument(found, groupFlows(sim.engine, group), url, today);
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (opts.output !== undefined) writeFileAtomic(opts.output, text);
      else process.stdout.write(text);
      for (const note of notes) process.stderr.write(`wardline: ${note}\n`);
      result.code = notes.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    });
  exported
    .command('ise')
    .description("the groups' devices, identity groups and authorization profiles (VLAN and downloadable ACL) as Cisco ISE imports them")
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('-o, --output <dir>', 'write the files into DIR (each all-or-nothing)', 'ise')
    .option('--role <form>', 'how each profile names the role: dacl (a downloadable ACL per role, exported too) or filter-id (an ACL the switch holds)', 'dacl')
    .option('--today <date>', 'the date whose live flows the downloadable ACLs allow (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string | undefined, opts: ExportIseOptions) => {
      if (opts.role !== 'dacl' && opts.role !== 'filter-id') throw new UsageError(`--role ${JSON.stringify(opts.role)}: say dacl or filter-id`);
      const sim = await loadSimulator([given ?? (await projectPolicy())], resolveToday(opts.today));
      const { nacPlan } = await import('../compile/nac-plan.js');
      const { nacExports } = await import('../../targets/registry.js');
      const plan = nacPlan(sim.policy, { name: 'ise', platform: { value: 'cisco-ise' }, roleAttribute: { value: opts.role === 'dacl' ? 'cisco-dacl' : 'filter-id' } });
      if (plan.entries.length === 0) throw new UsageError('no group of the policy names its devices (identities:): there is nothing for ISE to import');
      const { files, notes } = nacExports.ise.render(plan, opts.role);
      writeFilesAtomic(opts.output, files);
      process.stderr.write(`wardline: wrote ${files.map((f) => f.path).join(', ')} to ${opts.output}\n`);
      for (const note of notes) process.stderr.write(`wardline: ${note}\n`);
      result.code = notes.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}
