import { _, Ajv, type ValidateFunction } from 'ajv';
import { policySchema } from './schema.js';
import { FORMAT_DEFINITIONS } from './schema-formats.js';

/**
 * The policy schema compiled by ajv. The build compiles it once more with `source` on and writes the code
 * (write-validator.ts), so a run loads that instead of compiling; this is the fallback and the reference.
 */
export function compileValidator(opts: { source?: boolean } = {}): { ajv: Ajv; validate: ValidateFunction } {
  // strictRequired is off only because the expectation's oneOf names "can"/"cannot" defined beside it.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
    // The written code refers to the formats by this name; write-validator.ts imports them under it.
    ...(opts.source ? { code: { source: true, esm: true, formats: _`FORMAT_DEFINITIONS` } } : {}),
  });
  for (const [name, definition] of Object.entries(FORMAT_DEFINITIONS)) ajv.addFormat(name, definition);
  return { ajv, validate: ajv.compile(policySchema) };
}
