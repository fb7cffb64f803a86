import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

/**
 * The yaml library, loaded on first use: only a file the fast reader gives up on needs it, and loading it is a
 * tenth of a second of every run. It is CommonJS under Node, so requiring it is the same module `import` gives.
 */
export function yamlLibrary(): YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}
