import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Policy } from '../model/policy.js';
import { buildPolicy } from './build.js';
import { parseSource, type LoadedDocument } from './load.js';
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

/** Sources → positioned documents → schema validation → the model. */
export function loadPolicy(sources: SourceFile[], opts: { today: string }): LoadedPolicy {
  const diagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    diagnostics.push(...validateDocument(parsed.document));
    documents.push(parsed.document);
  }
  const policy = buildPolicy({ documents, catalog: standardCatalog(), today: opts.today });
  policy.files = sources.map((s) => s.path);
  return { policy, diagnostics, sources };
}
