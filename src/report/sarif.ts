import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Range, SourceLoc } from '../model/source.js';
import type { FormatOptions } from './formatters.js';
import { stableMessage } from './stable-text.js';
import { SARIF_LEVEL, sarifRules } from './sarif-rules.js';

const SRCROOT = '%SRCROOT%';

/**
 * What %SRCROOT% stands for, declared without a machine's absolute path (the log stays the same on every machine):
 * the consumer (code scanning, an editor) supplies the checkout it reads the log against.
 */
export const ORIGINAL_URI_BASE_IDS = {
  [SRCROOT]: { description: { text: 'The top of the git work tree the policy is in (the policy root outside one); relative artifact paths start there.' } },
};

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

/** SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule, one result per diagnostic. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const rules = sarifRules(diagnostics.map((d) => d.code));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = artifactList(diagnostics, options.files);
  const artifactIndex = new Map(artifacts.map((a, i) => [a.uri, i]));
  const physical = (loc: SourceLoc) => {
    const artifact = artifactLocation(loc.file);
    return { artifactLocation: { ...artifact, index: artifactIndex.get(artifact.uri) }, region: region(loc.range) };
  };
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}` },
      locations: [{ physicalLocation: physical(d) }],
    };
    if (d.related.length > 0) {
      result.relatedLocations = d.related.map((r, id) => ({ id, physicalLocation: physical(r), message: { text: r.message } }));
    }
    result.partialFingerprints = { 'wardline/v1': fingerprint(d) };
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wardline',
            version: options.toolVersion,
            informationUri: 'https://github.com/wardline/wardline',
            rules,
          },
        },
        originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
        // Every policy file read is an analysis target (SARIF 3.24.6): an auditor sees the full set checked, clean ones too.
        artifacts: artifacts.map((location) => ({ location, roles: ['analysisTarget'] })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Every file checked (a diagnostic only names files that were read), once, sorted by URI so indexes are stable. */
function artifactList(diagnostics: readonly Diagnostic[], files: readonly string[]): ArtifactLocation[] {
  const byUri = new Map<string, ArtifactLocation>();
  const add = (file: string) => {
    const location = artifactLocation(file);
    byUri.set(location.uri, location);
  };
  files.forEach(add);
  for (const d of diagnostics) {
    add(d.file);
    d.related.forEach((r) => add(r.file));
  }
  return [...byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** Relative paths hang off %SRCROOT%; absolute ones become file: URIs; stdin gets a plain name. */
export function artifactLocation(file: string): ArtifactLocation {
  if (file === '<stdin>') return { uri: 'stdin', uriBaseId: SRCROOT };
  const path = file.replaceAll('\\', '/');
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return { uri: `file:///${drive[1]}:${encodePath(path.slice(2))}` };
  if (path.startsWith('/')) return { uri: `file://${encodePath(path)}` };
  return { uri: encodePath(path.replace(/^(\.\/)+/, '')), uriBaseId: SRCROOT };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF columns are 1-based with an exclusive end, as ours are 0-based with an exclusive end. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.col + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.col + 1,
  };
}

/** Stable across runs and unrelated edits that move the finding: no line numbers in it. */
function fingerprint(d: Diagnostic): string {
  return createHash('sha256').update(`${d.code}\0${d.file}\0${stableMessage(d)}`).digest('hex');
}
