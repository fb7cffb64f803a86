import { LONGEST_REFERENCE } from '../model/references.js';
import { FREE_TEXT_PATTERN, NAME_PATTERN, SERVICE_REF_PATTERN } from './schema-formats.js';

/** The subset of draft-07 the wardline schema uses. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  maxLength?: number;
  examples?: unknown[];
}

export const FREE_TEXT_MAX = 200;
/** As NAME_PATTERN says: names, and the platform names wardline knows, are at most this long. */
export const NAME_MAX = 64;

export function identifier(title: string, description: string, examples: string[]): JsonSchema {
  return { title, description, type: 'string', pattern: NAME_PATTERN, examples };
}

export function freeText(title: string, description: string, examples: string[] = []): JsonSchema {
  const text: JsonSchema = { title, description, type: 'string', maxLength: FREE_TEXT_MAX, pattern: FREE_TEXT_PATTERN };
  if (examples.length > 0) text.examples = examples;
  return text;
}

export function description(of: string): JsonSchema {
  return freeText('Description', `Free text describing this ${of}.`);
}

export function owner(of: string): JsonSchema {
  return freeText('Owner', `Who answers for this ${of}: a team, a person or a mailbox.`, ['biomed@example.org']);
}

export function flag(title: string, description: string): JsonSchema {
  return { title, description, type: 'boolean', examples: [true] };
}

export function endpoint(title: string, description: string, examples: string[]): JsonSchema {
  return { title, description, type: 'string', format: 'endpoint', maxLength: LONGEST_REFERENCE, examples };
}

/** One endpoint or a non-empty list of them: `from: a` and `from: [a, b]` mean the same kind of thing. */
export function endpoints(title: string, description: string, examples: string[]): JsonSchema {
  const one = endpoint(title, description, examples);
  return { ...one, type: ['string', 'array'], minItems: 1, items: endpoint(`${title} endpoint`, 'One endpoint of the list.', examples) };
}

export function serviceRef(title: string, description: string): JsonSchema {
  return { title, description, type: 'string', pattern: SERVICE_REF_PATTERN, maxLength: LONGEST_REFERENCE, examples: ['https', 'tcp/8443', 'any'] };
}

export function list(title: string, description: string, item: JsonSchema, examples: unknown[]): JsonSchema {
  return { title, description, type: 'array', minItems: 1, items: item, examples };
}

export function labels(owner: string): JsonSchema {
  return list(
    'Labels',
    `Labels of this ${owner}; "label:NAME" in a flow, guardrail or expectation means every zone and group with the label.`,
    identifier('Label', 'One label.', ['medical']),
    [['medical', 'life-critical']],
  );
}

/** A closed object: every key it may hold is listed, so a typo is reported instead of ignored. */
export function record(
  title: string,
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[],
): JsonSchema {
  return { title, description, type: 'object', additionalProperties: false, required, properties };
}

/** A section keyed by name, e.g. `zones:`; an empty section (`zones:` alone) is allowed. */
export function namedSection(title: string, description: string, keyKind: string, value: JsonSchema): JsonSchema {
  return {
    title,
    description,
    type: ['object', 'null'],
    propertyNames: { title: `${keyKind.charAt(0).toUpperCase()}${keyKind.slice(1)} name`, description: `The name of a ${keyKind}.`, pattern: NAME_PATTERN },
    additionalProperties: value,
  };
}

/** A section that is a list, e.g. `flows:`; an empty section is allowed. */
export function listSection(title: string, description: string, item: JsonSchema): JsonSchema {
  return { title, description, type: ['array', 'null'], items: item };
}

/** `mode: monitor` (log what would be denied, block nothing) or `enforce` (the default): staged rollout (README: monitor mode). */
export function mode(of: string, what: string): JsonSchema {
  return {
    title: 'Mode',
    description: `enforce (the default) or monitor: in monitor mode, what ${what} would deny is passed and logged with a wlmon- marker naming the ${of === 'guardrail' ? 'guardrail' : 'default'} that would deny it. An enforced guardrail still denies in a monitored ${of === 'guardrail' ? 'zone' : of}.`,
    type: 'string',
    pattern: '^(enforce|monitor)$',
    examples: ['monitor', 'enforce'],
  };
}
