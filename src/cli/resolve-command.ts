import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { projectPolicy } from './project-policy.js';
import { resolveToday } from './today.js';
import { RESOLUTION_MARKER } from './resolve-option.js';

interface ResolveOptions {
  output?: string;
  server: string[];
  timeout: string;
}

/** `203.0.113.53`, `203.0.113.53:5353`, `[2001:db8::53]:5353`, `2001:db8::53`: what node's resolver takes. */
const SERVER = /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;

export function registerResolve(program: Command, result: CommandResult): void {
  program
    .command('resolve')
    .description("look up the DNS names of the policy's externals that have no addresses, and write them as a resolution file (dns:) for --resolve")
    .argument('[path]', 'policy file or directory; default: the policy .wardline.yaml names, else .')
    .option('-o, --output <file>', 'write the resolution file to FILE (atomically; only over a file wardline resolve wrote); default: standard output')
    .option('--server <address>', "ask this DNS server (address, or address:port; repeatable) instead of the system's", (v: string, prev: string[]) => [...prev, v], [])
    .option('--timeout <ms>', 'how long one query waits for its answer', '2000')
    .action(async (given: string | undefined, opts: ResolveOptions) => {
      for (const s of opts.server) if (!SERVER.test(s)) throw new UsageError(`--server ${JSON.stringify(s)} is not an address or address:port`);
      if (!/^[0-9]{1,6}$/.test(opts.timeout) || Number(opts.timeout) < 1) throw new UsageError(`--timeout takes milliseconds, not ${JSON.stringify(opts.timeout)}`);
      const path = given ?? (await projectPolicy());
      if (opts.output !== undefined) refuseForeign(opts.output);
      const { readPolicySources } = await import('../lang/source-files.js');
      const { loadPolicy } = await import('../lang/load-policy.js');
      const { buildDnsNames } = await import('../model/dns-names.js');
      const loaded = loadPolicy(await readPolicySources([path]), { today: resolveToday(undefined) });
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        const { writeFindings } = await import('./report-paths.js');
        await writeFindings(errors, loaded.sources, false);
        throw new UsageError('the policy has errors: fix the policy first (see wardline check)');
      }
      // Names the policy pins are its own business: only those that stand for whatever DNS says are looked up.
      const names = buildDnsNames(loaded.policy);
      const wanted = [...new Set(names.all.filter((e) => e.addresses.length === 0).map((e) => e.fqdn.value))].sort();
      const { lookUp } = await import('./dns-lookup.js');
      const answers = await lookUp(wanted, { servers: opts.server, timeoutMs: Number(opts.timeout) });
      const failed = answers.filter((a) => a.addresses.length === 0);
      for (const f of failed) process.stderr.write(`wardline: ${f.fqdn}: ${f.problem}\n`);
      if (failed.length > 0) {
        process.stderr.write(`wardline: ${failed.length} of ${wanted.length} name${wanted.length === 1 ? '' : 's'} did not resolve: nothing written (a partial file would let a name resolve to nothing unseen)\n`);
        result.code = EXIT_FINDINGS;
        return;
      }
      const { resolutionFile } = await import('../lang/resolution-file.js');
      const text = resolutionFile(answers);
      if (opts.output === undefined) process.stdout.write(text);
      else {
        writeFileAtomic(opts.output, text);
        process.stderr.write(`wardline: ${wanted.length} name${wanted.length === 1 ? '' : 's'} resolved to ${opts.output}\n`);
      }
      result.code = EXIT_CLEAN;
    });
}

/** wardline never replaces what it did not write: an existing FILE must be a resolution file of its own. */
function refuseForeign(file: string): void {
  if (!existsSync(file)) return;
  let head = '';
  try {
    head = readFileSync(file, 'utf8').slice(0, 64);
  } catch {
    throw new UsageError(`${file} cannot be read: name another file to write`);
  }
  if (!head.startsWith(RESOLUTION_MARKER)) throw new UsageError(`${file} exists and was not written by wardline resolve: name another file, or remove it first`);
}
