import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';

// Under NodeNext the CommonJS default import is module.exports, whose `default` is the class.
const Ajv = ajvDraft04.default;
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

// RFC 3986 characters only, and every % starts an escape: the checks the schema's formats stand for.
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;

// The schema's language pattern is not valid under the u flag, so compile patterns without it.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat('uri-reference', (s: string) => URI_REFERENCE.test(s));
ajv.addFormat('uri', (s: string) => URI.test(s) && URI_REFERENCE.test(s));
ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

/** Errors of a SARIF log against the official 2.1.0 schema; empty when valid. */
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
