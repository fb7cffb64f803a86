import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { CODES } from '../model/codes.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { NOWHERE } from '../model/source.js';
import { findRefusals } from './load-refusals.js';
import { MAX_FILE_BYTES, type SourceFile } from './source-files.js';
import { rangeAt } from './yaml-position.js';

export { toPlain, type Plain } from './load-plain.js';
export { locOf, nodeAtPath, type PathSegment } from './yaml-position.js';

/** One policy file, parsed, with what is needed to turn nodes back into file:line:col. */
export interface LoadedDocument {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

const PARSE_OPTIONS = {
  // Duplicate keys are found by our own walk, which also names the first occurrence.
  uniqueKeys: false,
  prettyErrors: false,
  // YAML 1.2 core even under a `%YAML 1.1` directive: `yes` stays text and dates stay strings.
  schema: 'core',
  merge: false,
} as const;

/**
 * Parses one file. The document is returned only when the file is clean YAML (warnings allowed):
 * a file with syntax errors, duplicate keys, aliases or several documents is not validated or built.
 */
export function parseSource(src: SourceFile): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  if (src.oversizeBytes !== undefined) return { diagnostics: [oversize(src.path, src.oversizeBytes)] };
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(src.text, { ...PARSE_OPTIONS, lineCounter });
  } catch (error) {
    // The parser recurses; pathological nesting can exhaust the stack.
    const message = `YAML syntax error: the file could not be parsed (${String(error)})`;
    const hint = 'Reduce the nesting: a wardline policy is only a few levels deep.';
    return { diagnostics: [diagnostic('WL101', CODES.WL101.severity, message, { file: src.path, range: NOWHERE }, { hint })] };
  }
  const document: LoadedDocument = { file: src.path, doc, lineCounter };
  const diagnostics = [
    ...doc.errors.map((e) => yamlFinding(document, e, 'error')),
    ...doc.warnings.map((e) => yamlFinding(document, e, 'warning')),
    ...findRefusals(document, src.text),
  ];
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { document, diagnostics };
}

const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: 'Check the indentation: entries of one mapping or list line up, nested ones are indented further.',
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs for indentation.',
  MISSING_CHAR: 'Close the quote or bracket that was opened.',
  MULTILINE_IMPLICIT_KEY: 'A key fits on one line; check for a missing ":" or a missing closing quote above.',
  BLOCK_AS_IMPLICIT_KEY: 'Check for a missing ":" or wrong indentation.',
  UNEXPECTED_TOKEN: 'Check the line for a stray character; quote text that starts with @, `, % or contains ": ".',
  RESOURCE_EXHAUSTION: 'Reduce the nesting: a wardline policy is only a few levels deep.',
  TAG_RESOLVE_FAILED: 'Remove the tag (the "!..." before the value); wardline policies use plain values.',
};

function yamlFinding(document: LoadedDocument, error: YAMLError, kind: 'error' | 'warning'): Diagnostic {
  const at = { file: document.file, range: rangeAt(document.lineCounter, error.pos[0], error.pos[1]) };
  if (error.code === 'MULTIPLE_DOCS') {
    return diagnostic('WL106', CODES.WL106.severity, 'this file holds more than one YAML document (a second one starts here)', at, {
      hint: 'Remove the "---" line, or move the second document into a file of its own; each policy file is one document.',
    });
  }
  const code = kind === 'error' ? 'WL101' : 'WL102';
  // The parser's own words here ("Maximum call stack size exceeded") say nothing to a policy author.
  const detail = error.code === 'RESOURCE_EXHAUSTION' ? 'the file is nested too deeply to parse' : firstLine(error.message);
  const message = `${kind === 'error' ? 'YAML syntax error' : 'YAML warning'}: ${detail}`;
  return diagnostic(code, CODES[code].severity, message, at, {
    hint: YAML_HINTS[error.code] ?? 'Fix the YAML at this position; a YAML linter or an editor with YAML support shows the structure.',
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

function oversize(file: string, bytes: number): Diagnostic {
  // Rounded up, so a file just over the limit never reads as "2.0 MiB".
  const mib = Math.ceil((bytes / 2 ** 20) * 10) / 10;
  const limit = MAX_FILE_BYTES / 2 ** 20;
  return diagnostic(
    'WL105',
    CODES.WL105.severity,
    `${file} is ${mib.toFixed(1)} MiB; the limit is ${limit} MiB per file; split the policy into several files`,
    { file, range: NOWHERE },
    { hint: 'A policy can be a directory of files; wardline merges them, so move sections or zones into files of their own.' },
  );
}
