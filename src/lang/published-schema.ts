import { PLATFORMS } from '../model/policy.js';
import type { JsonSchema } from './schema-fields.js';

/**
 * The schema as published (`wardline schema`, schema/wardline.schema.json) for editors and generic validators, which
 * know none of wardline's own formats: each custom `format` becomes a `pattern` that says the same (a little looser:
 * wardline's own check is exact), dates a YYYY-MM-DD pattern, and `platform` an enum. wardline itself validates with
 * the formats, whose findings say more than "does not match pattern".
 *
 * Dates are written without quotes (`expires: 2027-03-31`). wardline reads YAML 1.2, where that is a string, and so
 * does yaml-language-server by default (under its YAML 1.1 setting it still hands the schema the text as written). A
 * generic YAML 1.1 reader makes it a timestamp, which turned into JSON for a validator is midnight UTC of that day
 * (`2027-03-31T00:00:00.000Z` from the yaml package's toJSON): the published pattern takes that form too.
 */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
const IPV6 = `(?=[0-9A-Fa-f:.]*:)[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,7}(?::${IPV4})?`;
const V4_LENGTH = '(?:3[0-2]|[12]?[0-9])';
const V6_LENGTH = '(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])';
const PREFIX = `(?:${IPV4}(?:/${V4_LENGTH})?|${IPV6}(?:/${V6_LENGTH})?)`;
const NAME = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}';
const PORT = '0*(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';
const BYTE = '0*(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const SPEC = `(?:(?:tcp|udp|sctp)/(?:any|${PORT}(?:-${PORT})?)|icmp(?:v6)?/(?:any|[a-z][a-z-]*|${BYTE}(?:/${BYTE})?)|proto/(?:any|${BYTE}))`;

const PATTERNS: Record<string, string> = {
  'ip-address': `^(?:${IPV4}|${IPV6})$`,
  'ip-prefix': `^${PREFIX}$`,
  'service-spec': `^${SPEC}$`,
  endpoint: `^(?:label:${NAME}|${NAME}|${PREFIX})$`,
  date: '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?:T00:00:00(?:\\.0+)?Z)?$',
};

export function publishedSchema(schema: JsonSchema): JsonSchema {
  return publish(schema, '') as JsonSchema;
}

function publish(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return node.map((n) => publish(n, ''));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'format' && typeof v === 'string' && PATTERNS[v]) out.pattern = PATTERNS[v];
    else out[k] = k === 'examples' || k === 'const' ? v : publish(v, k);
  }
  if (key === 'platform') out.enum = [...PLATFORMS];
  return out;
}
