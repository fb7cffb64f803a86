import type { Command } from 'commander';
import { schemaText } from '../lang/schema.js';
import type { CommandResult } from './main.js';

export function registerSchema(program: Command, _result: CommandResult): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of a policy file, for editors and validators')
    .action(() => {
      process.stdout.write(schemaText());
    });
}
