import type { YAMLError } from 'yaml';
import { CODES } from '../model/codes.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { NOWHERE } from '../model/source.js';
import { fromLineStarts, lineIndexOf, type LineIndex } from './line-index.js';
import { findRefusals, type LibraryDocument } from './load-refusals.js';
import { MAX_FILE_BYTES, type RefusedLink, type SourceFile } from './source-files.js';
import { parseFastYaml } from './yaml-fast.js';
import { yamlLibrary } from './yaml-library.js';
import { fromLibrary, type YamlNode } from './yaml-node.js';
import { rangeAt } from './yaml-position.js';

export { toPlain, type Plain } from './load-plain.js';
export { locOf, nodeAtPath, type PathSegment } from './yaml-position.js';

/** One policy file, parsed, with what is needed to turn nodes back into file:line:col. */
export interface LoadedDocument {
  file: string;
  doc: { contents: YamlNode | null };
  lineCounter: LineIndex;
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
  if (src.oversize !== undefined) return { diagnostics: [oversize(src.path, src.oversize.bytes)] };
  if (src.link !== undefined) return { diagnostics: [refusedLink(src.path, src.link)] };
  // Plain policy YAML takes the fast reader (same values and ranges; it gives up on anything the library would
  // report or we refuse: aliases, duplicate keys); anything else, errors included, the library.
  // Refused before any parser recurses into it: whether a recursive parser survives deep nesting depends on the stack
  // it is given, so the limit is ours and the same everywhere (a policy is a few levels deep).
  const deep = tooDeep(src.text);
  if (deep !== undefined) {
    const at = { file: src.path, range: rangeAt(lineIndexOf(src.text), deep, deep + 1) };
    const hint = 'Reduce the nesting: a wardline policy is only a few levels deep.';
    return { diagnostics: [diagnostic('WL101', CODES.WL101.severity, 'YAML syntax error: the file is nested too deeply to parse', at, { hint })] };
  }
  const fast = parseFastYaml(src.text);
  if (fast) return { document: { file: src.path, doc: fast, lineCounter: lineIndexOf(src.text) }, diagnostics: [] };
  const { LineCounter, parseDocument } = yamlLibrary();
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(src.text, { ...PARSE_OPTIONS, lineCounter: counter });
  } catch (error) {
    // The parser recurses; pathological nesting can exhaust the stack.
    const message = error instanceof RangeError ? 'YAML syntax error: the file is nested too deeply to parse' : `YAML syntax error: the file could not be parsed (${String(error)})`;
    const hint = 'Reduce the nesting: a wardline policy is only a few levels deep.';
    return { diagnostics: [diagnostic('WL101', CODES.WL101.severity, message, { file: src.path, range: NOWHERE }, { hint })] };
  }
  try {
    return afterParse(src, doc, counter);
  } catch (error) {
    // Walking what the parser built recurses too: nesting the parser survived may still exhaust the stack here.
    if (!(error instanceof RangeError)) throw error;
    const hint = 'Reduce the nesting: a wardline policy is only a few levels deep.';
    return { diagnostics: [diagnostic('WL101', CODES.WL101.severity, 'YAML syntax error: the file is nested too deeply to parse', { file: src.path, range: NOWHERE }, { hint })] };
  }
}

function afterParse(src: SourceFile, doc: ReturnType<ReturnType<typeof yamlLibrary>['parseDocument']>, counter: InstanceType<ReturnType<typeof yamlLibrary>['LineCounter']>): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  const lineCounter = fromLineStarts(counter.lineStarts);
  const parsed: LibraryDocument = { file: src.path, doc, lineCounter };
  const diagnostics = [
    ...doc.errors.map((e) => yamlFinding(parsed, e, 'error')),
    ...doc.warnings.map((e) => yamlFinding(parsed, e, 'warning')),
    ...findRefusals(parsed, src.text),
  ];
  // What the parser says about a file that is plainly no policy would quote it (a key, a stray line): say only that.
  if (diagnostics.length > 0 && !/\bwardline["']?\s*:/.test(src.text)) return { diagnostics: [notAPolicy(src.path)] };
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { document: { file: src.path, doc: { contents: fromLibrary(doc.contents) }, lineCounter }, diagnostics };
}

/** Deeper than any policy: flow collections (`[`, `{`) or block indentation past these refuse the file. */
const MAX_FLOW_DEPTH = 64;
const MAX_INDENT = 256;

/** The offset where the text nests deeper than a policy ever does, outside quotes and comments; undefined if nowhere. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = i + 1;
      quote = quote === "'" || quote === '"' ? quote : undefined;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (i === lineStart) {
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      if (indent > MAX_INDENT) return i + indent;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
    } else if ((c === '"' || c === "'") && (i === lineStart || /[\s[{,:-]/.test(text[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: 'Check the indentation: entries of one mapping or list line up, nested ones are indented further.',
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs for indentation.',
  MISSING_CHAR: 'Add the missing character the message names at this position.',
  MULTILINE_IMPLICIT_KEY: 'A key fits on one line: check for a missing ":" after the key, or a missing closing quote above.',
  BLOCK_AS_IMPLICIT_KEY: 'A value on the same line as its key cannot hold nested keys: check the indentation of the next line, or a missing ":".',
  BAD_SCALAR_START: 'Quote the value: text that starts with @ or ` must be written in quotes, like "@ward".',
  BAD_DQ_ESCAPE: 'Inside "…" a backslash starts an escape: write \\\\ for a backslash, or use single quotes.',
  UNEXPECTED_TOKEN: 'Check the line for a stray character; quote text that starts with @, `, % or contains ": ".',
  RESOURCE_EXHAUSTION: 'Reduce the nesting: a wardline policy is only a few levels deep.',
  TAG_RESOLVE_FAILED: 'Remove the tag (the "!..." before the value); wardline policies use plain values.',
};

/** The parser's messages that a better hint (or a better place) exists for, keyed by the start of the message. */
const MESSAGE_HINTS: [RegExp, string][] = [
  [/^Missing closing .quote/, 'Close the quote at the end of the text, or write the text without quotes.'],
  [/^Sequence item without - indicator/, 'Line this key up with the first key of the list item (the one after "- "), or start a new item with "- ".'],
  [/^Missing , (or : )?between/, 'Separate the entries inside { … } or [ … ] with commas, and write "key: value" with a space after the colon.'],
  [/^Missing space after :/, 'Write a space after the colon: "key: value".'],
  [/^Implicit map keys need to be followed by map values/, 'Write "key: value": add the ":" after the key, or remove the stray line.'],
  [/^Flow (map|sequence).* must .*end with a [}\]]/, 'Close it with the matching bracket after the last entry, or write the entries as an indented block instead.'],
  [/^All (mapping|sequence) items must start at the same column/, 'Line up the entries of this mapping or list at the same column.'],
  [/^Comments must be separated/, 'Put a space before the "#" of a comment, or quote text that holds a "#".'],
];

function yamlFinding(document: LibraryDocument, error: YAMLError, kind: 'error' | 'warning'): Diagnostic {
  const at = { file: document.file, range: rangeAt(document.lineCounter, error.pos[0], error.pos[1]) };
  if (error.code === 'MULTIPLE_DOCS') {
    return diagnostic('WL106', CODES.WL106.severity, 'this file holds more than one YAML document (a second one starts here)', at, {
      hint: 'Remove the "---" line, or move the second document into a file of its own; each policy file is one document.',
    });
  }
  if (error.code === 'TAG_RESOLVE_FAILED') {
    // The library keeps the value as if untagged and only warns; a tag means something the author expected, so refuse it.
    const tag = /^Unresolved tag: (.*)$/.exec(firstLine(error.message))?.[1] ?? 'here';
    return diagnostic('WL108', CODES.WL108.severity, `YAML tag ${tag} is not known, so its value cannot be read as the tag means`, at, {
      hint: YAML_HINTS.TAG_RESOLVE_FAILED,
    });
  }
  const code = kind === 'error' ? 'WL101' : 'WL102';
  const hint =
    MESSAGE_HINTS.find(([pattern]) => pattern.test(error.message))?.[1] ??
    YAML_HINTS[error.code] ??
    'Fix the YAML at this position; a YAML linter or an editor with YAML support shows the structure.';
  const unclosed = unclosedOpener(document, error);
  if (unclosed) {
    const where = { file: document.file, range: rangeAt(document.lineCounter, unclosed.offset, unclosed.offset + 1) };
    return diagnostic(code, CODES[code].severity, `YAML syntax error: ${unclosed.what}`, where, { hint });
  }
  // The parser's own words here ("Maximum call stack size exceeded") say nothing to a policy author.
  const detail = error.code === 'RESOURCE_EXHAUSTION' ? 'the file is nested too deeply to parse' : firstLine(error.message);
  const message = `${kind === 'error' ? 'YAML syntax error' : 'YAML warning'}: ${detail}`;
  return diagnostic(code, CODES[code].severity, message, at, { hint });
}

/**
 * An unclosed quote or bracket is reported by the parser where the file (or the block) ends; the place to fix
 * is where it was opened, so point there: the quoted scalar or flow collection that ends at the error.
 */
function unclosedOpener(document: LibraryDocument, error: YAMLError): { offset: number; what: string } | undefined {
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
  const bracket = /^Flow (map|sequence).* must .*end with a/.exec(error.message)?.[1];
  if (!quote && !bracket) return undefined;
  const { isMap, isScalar, visit } = yamlLibrary();
  let found: { offset: number; what: string } | undefined;
  visit(document.doc.contents, (_key, node) => {
    const range = (node as { range?: [number, number, number] }).range;
    if (found || !range || range[1] !== error.pos[0]) return;
    if (quote && isScalar(node) && node.type === (quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE')) {
      found = { offset: range[0], what: `the ${quote} that starts this text is never closed` };
    } else if (bracket && (node as { flow?: boolean }).flow && isMap(node) === (bracket === 'map')) {
      const [open, close] = bracket === 'map' ? ['{', '}'] : ['[', ']'];
      found = { offset: range[0], what: `the ${open} opened here has no matching ${close}` };
    }
  });
  return found;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

function oversize(file: string, bytes: number | undefined): Diagnostic {
  const limit = MAX_FILE_BYTES / 2 ** 20;
  // Rounded up, so a file just over the limit never reads as "32.0 MiB"; a pipe or device says only that it is over.
  const size = bytes === undefined ? `larger than ${limit} MiB, the limit per file` : `${(Math.ceil((bytes / 2 ** 20) * 10) / 10).toFixed(1)} MiB; the limit is ${limit} MiB per file`;
  return diagnostic(
    'WL105',
    CODES.WL105.severity,
    // The finding is at the file already: its name in the message would be a second, differently rooted copy.
    `${file === '<stdin>' ? 'standard input' : 'this file'} is ${size}; split the policy into several files`,
    { file, range: NOWHERE },
    { hint: 'A policy can be a directory of files; wardline merges them, so move sections or zones into files of their own.' },
  );
}

const LINK_PROBLEMS: Record<RefusedLink['problem'], (link: RefusedLink) => string> = {
  outside: (link) => `points to ${link.target}, outside the policy directory`,
  missing: (link) => `points to ${link.target}, which does not exist`,
  special: (link) => `points to ${link.target}, which is neither a file nor a directory`,
};

function refusedLink(file: string, link: RefusedLink): Diagnostic {
  return diagnostic('WL107', CODES.WL107.severity, `a symbolic link that ${LINK_PROBLEMS[link.problem](link)}; it was not read`, { file, range: NOWHERE }, {
    hint: 'wardline follows links only to files and directories inside the policy directory: copy the file in, point the link inside, or remove it.',
  });
}

/** One finding for a file that is no policy at all, which quotes none of its lines (it may be any file on the system). */
export function notAPolicy(file: string): Diagnostic {
  return diagnostic('WL202', CODES.WL202.severity, 'not a wardline policy file: it has no "wardline: 1"; nothing else in it is checked or shown', { file, range: NOWHERE }, {
    hint: 'If this is a policy file, write "wardline: 1" on its first line; if not, move it out of the policy directory (every *.yaml and *.yml there is read).',
  });
}
