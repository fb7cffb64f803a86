import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

/** Microsoft's SARIF Multitool for Linux: its executable and the OASIS SARIF 2.1.0 schema it ships (JSON Schema 2020-12). */
export const MULTITOOL_DIR = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
export const MULTITOOL = join(MULTITOOL_DIR, 'Sarif.Multitool');
const schema = JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8')) as object;

// RFC 3986 characters only, and every % starts an escape: the checks the schema's formats stand for.
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// The schema's language pattern is not valid under the u flag, so compile patterns without it.
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat('uri-reference', (s: string) => URI_REFERENCE.test(s));
ajv.addFormat('uri', (s: string) => URI.test(s) && URI_REFERENCE.test(s));
ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
ajv.addFormat('uuid', (s: string) => UUID.test(s));
const validate = ajv.compile(schema);

/** Errors of a SARIF log against the OASIS SARIF 2.1.0 schema; empty when valid. */
export function validateSarif(text: string): string[] {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
}
