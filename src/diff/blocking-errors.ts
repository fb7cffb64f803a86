import { buildAddressPlan } from '../model/address-plan.js';
import { checks } from '../check/registry.js';
import { DEFAULT_HORIZON_DAYS, type CheckContext } from '../check/check.js';
import { blocksSimulation } from '../check/run-checks.js';
import { buildPolicy } from '../lang/build.js';
import { parseSource, type LoadedDocument } from '../lang/load.js';
import { standardCatalog } from '../lang/load-policy.js';
import { validateDocument } from '../lang/validate.js';
import type { SourceFile } from '../lang/source-files.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { intentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';

/** A checked side of a diff: its policy, and the address plan and packets its checks built (the simulator reuses them). */
export interface DiffSide {
  policy: Policy;
  errors: Diagnostic[];
  context?: CheckContext;
}

/**
 * Loads the sides of one diff. A side must check before it is simulated, but its warnings are `wardline check`'s
 * business: only the error-severity checks run here (the warning checks cost half of a 10,000-flow check).
 * A failed expectation (WL6xx) does not block either: the diff reports the expectations a change breaks.
 * A file unchanged between the sides (same path, same text) is parsed and validated once; the parsed files are
 * kept only as long as the loader is, so drop it once both sides are loaded.
 */
export function diffLoader(): (sources: SourceFile[], today: string) => DiffSide {
  const cache = new Map<string, { document?: LoadedDocument; diagnostics: Diagnostic[] }>();
  const parsed = (source: SourceFile) => {
    const key = `${source.path}\0${JSON.stringify([source.oversize, source.link])}\0${source.text}`;
    let hit = cache.get(key);
    if (!hit) {
      const result = parseSource(source);
      hit = { document: result.document, diagnostics: result.document ? [...result.diagnostics, ...validateDocument(result.document)] : result.diagnostics };
      cache.set(key, hit);
    }
    return hit;
  };
  return (sources, today) => {
    const documents: LoadedDocument[] = [];
    const errors: Diagnostic[] = [];
    for (const source of sources) {
      const { document, diagnostics } = parsed(source);
      errors.push(...diagnostics.filter((d) => d.severity === 'error'));
      if (document) documents.push(document);
    }
    const policy = buildPolicy({ documents, catalog: standardCatalog(), today });
    policy.files = sources.map((s) => s.path);
    if (errors.length > 0) return { policy, errors: sortDiagnostics(errors) };
    const addresses = buildAddressPlan(policy);
    const context: CheckContext = { policy, addresses, packets: intentPackets(policy, addresses), horizon: DEFAULT_HORIZON_DAYS };
    const found = Object.values(checks)
      .filter(blocksSimulation)
      .flatMap((c) => c.run(context))
      .filter((d) => d.severity === 'error');
    return { policy, errors: sortDiagnostics(found), context };
  };
}
