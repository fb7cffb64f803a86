import type { ErrorObject } from 'ajv';
import type { Plain } from './load-plain.js';
import type { JsonSchema } from './schema-fields.js';
import { FREE_TEXT_PATTERN } from './schema-formats.js';
import { formatFinding, patternFinding } from './validate-forms.js';
import { didYouMean } from '../model/did-you-mean.js';
import { quote } from '../model/quoted.js';
import { describeValue, dotted, ownerName, subjectName, valueAt } from './validate-subject.js';
import type { PathSegment } from './yaml-position.js';

/** One schema finding before it is placed: `at` says which node of `path` it points at. */
export interface Finding {
  code: 'WL201' | 'WL202' | 'WL203' | 'WL204';
  message: string;
  hint: string;
  path: PathSegment[];
  at: 'key' | 'value' | 'head';
  /** Among shape findings on one node the lowest rank is the one reported. */
  rank: number;
}

const RANK: Record<string, number> = { type: 0, const: 1, enum: 1, oneOf: 1, format: 2, pattern: 3, maxLength: 4, minItems: 5 };
/** A name, address or service far too long is said as such first: the form checks' own words would quote all of it. */
const TOO_LONG_RANK = 1.5;

export function findingFor(error: ErrorObject, root: Plain, path: PathSegment[]): Finding {
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  const value = valueAt(root, path);
  const subject = subjectName(root, path);
  // A failed `propertyNames` is about a key (a zone's name), not a value.
  const asKey = error.propertyName !== undefined;
  const text = asKey ? String(path.at(-1)) : typeof value === 'string' ? value : describeValue(value);
  const shape = (code: 'WL203' | 'WL204', message: string, hint: string): Finding =>
    ({ code, message, hint, path, at: asKey ? 'key' : 'value', rank: rankOf(error.keyword, schema) });
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = didYouMean(key, allowed);
      const under = path.length > 2 ? ` (under "${dotted(path.slice(2))}")` : '';
      const where = path.length === 0 ? 'at the top level of the file' : `in ${ownerName(root, path.slice(0, 2))}${under}`;
      // `{ description: Core switch, building A }` makes " building A" a key with no value.
      const splitText = valueAt(root, [...path, key]) === null && /\s/.test(key);
      const hint = splitText
        ? 'Inside { … } a comma starts a new entry: quote text that holds a comma, like description: "Core switch, building A".'
        : `The keys allowed here: ${allowed.join(', ')}.`;
      const message = `unknown key ${quote(key)} ${where}${guess && !splitText ? `; did you mean "${guess}"?` : ''}`;
      return { code: 'WL201', message, hint, path: [...path, key], at: 'key', rank: 0 };
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      const about = firstSentence(schema.properties?.[key]?.description);
      const example = schema.properties?.[key]?.examples?.[0];
      const hint = example === undefined ? `Add "${key}".` : `Add "${key}", for example "${key}: ${inline(example)}".`;
      return { code: 'WL202', message: `${subject} is missing "${key}"${about ? `: ${about}` : ''}`, hint, path, at: 'head', rank: 0 };
    }
    case 'oneOf':
      if (error.params.passingSchemas) {
        const hint = 'Write one check per expectation: split it into two list items.';
        return { ...shape('WL204', `${subject} has both "can" and "cannot"`, hint), at: 'head' };
      }
      return {
        code: 'WL202',
        message: `${subject} has neither "can" nor "cannot"`,
        hint: 'Write "can: { from: …, to: … }" for a connection that must work, or "cannot:" for one that must not.',
        path,
        at: 'head',
        rank: 0,
      };
    case 'type':
      return shape('WL203', `${subject} is ${describeValue(value)}; expected ${expected(String(error.params.type))}`, typeHint(String(error.params.type), value, schema));
    case 'const':
      return shape('WL204', `${subject} must be ${inline(error.params.allowedValue)}, not ${describeValue(value)}`, `Write "${String(path.at(-1))}: ${inline(error.params.allowedValue)}".`);
    case 'format':
      return formatFinding(shape, String(error.params.format), text);
    case 'pattern':
      return patternFinding(shape, String(error.params.pattern), text, subject);
    case 'maxLength': {
      const hint =
        schema.pattern === FREE_TEXT_PATTERN
          ? 'Shorten it; longer text belongs in the ticket or document it refers to.'
          : `Nothing written here is that long${schema.examples ? ` (write a value like ${inline(schema.examples[0])})` : ''}: check what was pasted here.`;
      return shape('WL204', `${subject} is ${text.length} characters; the limit is ${String(error.params.limit)}`, hint);
    }
    case 'minItems': {
      const limit = Number(error.params.limit);
      if (limit <= 1) return shape('WL204', `${subject} is an empty list`, 'List at least one value, or remove the key if it is optional.');
      const count = Array.isArray(value) ? value.length : 0;
      return shape('WL204', `${subject} lists ${count}; it takes at least ${limit}`, `List at least ${limit}, or remove the key if it is optional.`);
    }
    case 'maxItems':
      return shape('WL204', `${subject} lists ${Array.isArray(value) ? value.length : 'too many'}; it takes at most ${String(error.params.limit)}`, 'List fewer, or split them into separate entries.');
    case 'uniqueItems':
      return shape('WL204', `${subject} lists ${inline(Array.isArray(value) ? value[Number(error.params.j)] : '')} twice`, 'List each value once.');
    default:
      return shape('WL204', `${subject} ${error.message ?? 'is not valid'}`, 'Check the value against docs/language.md.');
  }
}

function rankOf(keyword: string, schema: JsonSchema): number {
  if (keyword === 'maxLength' && schema.pattern !== FREE_TEXT_PATTERN) return TOO_LONG_RANK;
  return RANK[keyword] ?? 6;
}

function expected(type: string): string {
  const words: Record<string, string> = {
    string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false',
    array: 'a list', object: 'a mapping', 'string,array': 'one value or a list', 'object,null': 'a mapping of names', 'array,null': 'a list',
  };
  return words[type] ?? type;
}

function typeHint(type: string, value: Plain | undefined, schema: JsonSchema): string {
  const example = schema.examples?.[0];
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return `Quote it to make it text: "${String(value)}".`;
  if (type === 'boolean') return 'Write true or false.';
  if (type === 'array,null') return 'Write each entry as a list item starting with "- ".';
  if (type === 'object,null') return 'Write each entry as "name:" with its keys indented under it.';
  if (type.startsWith('object')) return `Write the keys under it, indented${schema.properties ? `: ${Object.keys(schema.properties).join(', ')}` : ''}.`;
  if (example !== undefined) return `Write ${expected(type)}, like ${inline(example)}.`;
  return `Write ${expected(type)}.`;
}

/** A value as it would be written in YAML flow style, for hints. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  return String(value);
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const sentence = text.split(/(?<=\.)\s/)[0]!.replace(/\.$/, '');
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
