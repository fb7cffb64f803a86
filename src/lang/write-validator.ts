import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import standalone from 'ajv/dist/standalone/index.js';
import { policySchema } from './schema.js';
import { compileValidator } from './schema-validator.js';

/**
 * Run by `npm run build` after tsc: writes the policy validator as ajv standalone code beside this file
 * (dist/src/lang/policy-validator.js), so no run compiles the schema. validate.ts loads it only when its
 * schema text matches the schema it was built with, and compiles otherwise.
 */
export const PRECOMPILED_FILE = 'policy-validator.js';

export function precompiledSource(): string {
  const { ajv, validate } = compileValidator({ source: true });
  // The package is CommonJS: its function is the default export of the module object.
  const code = standalone.default(ajv, validate);
  return [
    '// Written by `npm run build` (src/lang/write-validator.ts): the policy schema compiled by ajv. Do not edit.',
    "import { createRequire } from 'node:module';",
    "import { FORMAT_DEFINITIONS } from './schema-formats.js';",
    // ajv's ESM output still requires its runtime helpers (string length in code points).
    'const require = createRequire(import.meta.url);',
    `export const schemaText = ${JSON.stringify(JSON.stringify(policySchema))};`,
    code,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(fileURLToPath(new URL(PRECOMPILED_FILE, import.meta.url)), precompiledSource());
}
