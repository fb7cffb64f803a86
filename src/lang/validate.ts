import type { ErrorObject, ValidateFunction } from 'ajv';
import { CODES } from '../model/codes.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { SourceLoc } from '../model/source.js';
import type { OtherNotation } from './load-plain.js';
import { notAPolicy, toPlain, type LoadedDocument, type Plain } from './load.js';
import { policySchema } from './schema.js';
import { findingFor, type Finding } from './validate-messages.js';
import { asWritten, notationFinding } from './validate-notation.js';
import { isYamlMap, isYamlValue } from './yaml-node.js';
import { locOf, nodeAtPath, rangeAt, type PathSegment } from './yaml-position.js';

/**
 * The validator `npm run build` wrote (ajv standalone code, see write-validator.ts), when it was written from
 * this very schema; otherwise (tests run from source, a build without it) the schema is compiled here, once.
 */
async function loadValidator(): Promise<ValidateFunction> {
  const written = await import(new URL('./policy-validator.js', import.meta.url).href).catch(() => undefined);
  if (written && written.schemaText === JSON.stringify(policySchema)) return written.validate as ValidateFunction;
  const { compileValidator } = await import('./schema-validator.js');
  return compileValidator().validate;
}

const validator = await loadValidator();
const SECTIONS = new Set(Object.keys(policySchema.properties ?? {}));

export function policyValidator(): ValidateFunction {
  return validator;
}

/** Schema findings for one document, each placed on the YAML node it is about. */
export function validateDocument(doc: LoadedDocument): Diagnostic[] {
  const notations: OtherNotation[] = [];
  const root = toPlain(doc, notations);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return [notAMapping(doc, root)];
  // Keys that are no section, and no "wardline": the file is some other mapping, and its keys are not repeated.
  if (!Object.hasOwn(root, 'wardline') && Object.keys(root).some((key) => !SECTIONS.has(key))) return [notAPolicy(doc.file)];
  const validate = policyValidator();
  const findings = new Map<string, Finding>();
  let order = 0;
  if (!validate(root)) {
    for (const error of relevant(validate.errors ?? [])) {
      const finding = findingFor(error, root, pathOf(root, error));
      // Shape findings collapse to the most specific one per node; missing and unknown keys are each their own.
      const shape = finding.code === 'WL203' || finding.code === 'WL204';
      const node = nodeKey(finding.at, finding.path);
      const key = shape ? node : `${node}\0${order++}`;
      const held = findings.get(key);
      if (!held || finding.rank < held.rank) findings.set(key, finding);
    }
  }
  // A number the schema took (`vlan: 0x10` is 16) is refused for its notation; one it refused is quoted as written.
  for (const notation of notations) {
    const key = nodeKey('value', notation.path);
    const held = findings.get(key);
    findings.set(key, held ? asWritten(held, notation) : notationFinding(root, notation));
  }
  return [...findings.values()].map((f) =>
    diagnostic(f.code, CODES[f.code].severity, f.message, placeOf(doc, f), { hint: f.hint, path: f.path }),
  );
}

function nodeKey(at: Finding['at'], path: PathSegment[]): string {
  return `${at === 'key' ? 'key' : 'node'}\0${JSON.stringify(path)}`;
}

/** ajv reports a failed `propertyNames` twice and a failed `oneOf` once per branch; keep the informative one. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== 'propertyNames' && !e.schemaPath.includes('/oneOf/'));
}

/** The instance path as segments (array indices as numbers); a bad property name points at that key. */
function pathOf(root: Plain, error: ErrorObject): PathSegment[] {
  const path: PathSegment[] = [];
  let value: Plain | undefined = root;
  const pointer = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  for (const raw of pointer) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index: number | undefined = Array.isArray(value) ? Number(segment) : undefined;
    path.push(index ?? segment);
    value = value !== null && typeof value === 'object' ? (Array.isArray(value) ? value[index!] : value[segment]) : undefined;
  }
  if (error.propertyName !== undefined) path.push(error.propertyName);
  return path;
}

function placeOf(doc: LoadedDocument, finding: Finding): SourceLoc {
  const node = nodeAtPath(doc, finding.path, finding.at === 'value' ? 'value' : 'key');
  const first = isYamlMap(node) ? node.keys[0] : undefined;
  if (finding.at !== 'head' || !isYamlValue(first)) return locOf(doc, node);
  // An object with no key of its own (a list item, the file): its first line, not its whole extent.
  return { file: doc.file, range: rangeAt(doc.lineCounter, Math.max(node!.start, 0), Math.max(first.end, 0)) };
}

function notAMapping(doc: LoadedDocument, root: Plain): Diagnostic {
  const at = locOf(doc, doc.doc.contents);
  if (root === null) {
    return diagnostic('WL202', CODES.WL202.severity, 'the file is empty: a policy file holds at least "wardline: 1"', at, {
      hint: 'Write "wardline: 1" on the first line, then the sections of the policy.',
      path: [],
    });
  }
  const kind = Array.isArray(root) ? 'a list' : 'a single value';
  return diagnostic('WL203', CODES.WL203.severity, `the file is ${kind}; a policy file is a mapping that starts with "wardline: 1"`, at, {
    hint: 'Write "wardline: 1" on the first line, then sections such as "zones:" and "flows:" as keys.',
    path: [],
  });
}
