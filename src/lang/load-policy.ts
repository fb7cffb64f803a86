import { readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { entries } from './yaml-walk.js';
import type { Policy } from '../model/policy.js';
import { buildPolicy } from './build.js';
import { locOf, parseSource, type LoadedDocument } from './load.js';
import { standardCatalogDisplayPath, standardCatalogPath, type SourceFile } from './source-files.js';
import { validateDocument } from './validate.js';

export interface LoadedPolicy {
  policy: Policy;
  /** YAML and schema findings; when any is an error, the model is partial and semantic checks do not run. */
  diagnostics: Diagnostic[];
  sources: SourceFile[];
}

let catalog: LoadedDocument | undefined;

/** The built-in standard services, parsed once per process. */
export function standardCatalog(): LoadedDocument {
  if (!catalog) {
    const text = readFileSync(standardCatalogPath(), 'utf8');
    const parsed = parseSource({ path: standardCatalogDisplayPath, text });
    if (!parsed.document || parsed.diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`the standard service catalog does not load: ${parsed.diagnostics[0]?.message ?? 'empty'}`);
    }
    catalog = parsed.document;
  }
  return catalog;
}

/** A file given with --resolve says what names resolve to, and nothing else: a zone or flow there would widen the policy unseen. */
function resolutionOnly(doc: LoadedDocument): Diagnostic[] {
  return entries(doc.doc.contents).flatMap(({ key, keyNode }) => {
    if (key === 'wardline' || key === 'dns') return [];
    return [
      diagnostic('WL201', 'error', `${key}: in a resolution file: a file given with --resolve holds dns: entries only`, locOf(doc, keyNode), {
        hint: 'Move this section into the policy, or give the file as part of the policy instead of with --resolve.',
      }),
    ];
  });
}

/** Sources → positioned documents → schema validation → the model. */
export function loadPolicy(sources: SourceFile[], opts: { today: string }): LoadedPolicy {
  const diagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    diagnostics.push(...validateDocument(parsed.document));
    if (source.resolution) diagnostics.push(...resolutionOnly(parsed.document));
    documents.push(parsed.document);
  }
  const policy = buildPolicy({ documents, catalog: standardCatalog(), today: opts.today });
  policy.files = sources.map((s) => s.path);
  return { policy, diagnostics, sources };
}
