import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { EXIT_CLEAN, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { makeDirs } from './make-dirs.js';

export function registerInit(program: Command, result: CommandResult): void {
  program
    .command('init')
    .description('scaffold a policy repository: a starter policy, the CI merge gate, a README for the team')
    .argument('<dir>', 'directory to create the repository in (created if missing)')
    .option('--nac', 'network access control too: pump identities (OUI, 802.1X), a quarantine zone for unknown devices, a FreeRADIUS point', false)
    .action(async (dir: string, opts: { nac: boolean }) => {
      const { starterFiles } = await import('../init/starter-files.js');
      const files = starterFiles({ nac: opts.nac });
      // Nothing is written unless every file can be: an existing file is never overwritten.
      const taken = files.map(([path]) => join(dir, path)).filter((p) => existsSync(p));
      if (taken.length > 0) throw new UsageError(`${taken.join(', ')}: already exists; wardline init never overwrites files (choose an empty directory)`);
      for (const [path, text] of files) {
        const target = join(dir, path);
        makeDirs(dirname(target));
        writeFileSync(target, text, { flag: 'wx' });
        process.stderr.write(`created ${target}\n`);
      }
      process.stderr.write(`next: wardline check ${join(dir, 'policy')}\n`);
      result.code = EXIT_CLEAN;
    });
}
