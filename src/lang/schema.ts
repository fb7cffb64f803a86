import { listSection, namedSection, record, type JsonSchema } from './schema-fields.js';
import { dns, enforcementPoint, external, group, service, unknownDevices, zone } from './schema-definitions.js';
import { expectation, flow, guardrail } from './schema-intents.js';
import { publishedSchema } from './published-schema.js';

export type { JsonSchema } from './schema-fields.js';

/** The JSON Schema (draft-07) of one wardline policy file. */
export const policySchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://wardline.dev/schema/wardline-1.schema.json',
  ...record(
    'wardline policy file',
    'One file of a wardline policy. A policy is a directory of such files, merged; every section may appear in any file.',
    {
      wardline: { title: 'Language version', description: 'The version of the wardline language, always 1.', const: 1, examples: [1] },
      zones: namedSection('Zones', 'Network segments: where things live.', 'zone', zone),
      groups: namedSection('Groups', 'Device classes and server sets: what things are.', 'group', group),
      externals: namedSection('Externals', 'Endpoints outside every zone known by their DNS name.', 'external endpoint', external),
      dns,
      services: namedSection('Services', 'Named protocol/port sets, beside the built-in standard catalog.', 'service', service),
      flows: listSection('Flows', 'Allow intents; everything else is denied.', flow),
      guardrails: listSection('Guardrails', 'Prohibitions no flow may break.', guardrail),
      expect: listSection('Expectations', 'The policy\'s own tests, run by every wardline check.', expectation),
      enforcement: namedSection('Enforcement points', 'The devices that receive configuration.', 'enforcement point', enforcementPoint),
      'unknown-devices': unknownDevices,
    },
    ['wardline'],
  ),
};

/** The published schema text: what `wardline schema` prints and schema/wardline.schema.json holds (published-schema.ts). */
export function schemaText(): string {
  return `${JSON.stringify(publishedSchema(policySchema), null, 2)}\n`;
}
