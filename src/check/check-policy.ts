import { loadPolicy, type LoadedPolicy } from '../lang/load-policy.js';
import type { SourceFile } from '../lang/source-files.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { runChecks } from './run-checks.js';

export interface CheckedPolicy extends LoadedPolicy {
  /** Every finding, sorted: parse and schema findings, then (only when those have no error) the semantic checks. */
  findings: Diagnostic[];
  /** False when the policy did not parse or validate, so it must not be simulated or compiled. */
  complete: boolean;
}

export function checkPolicy(sources: SourceFile[], today: string): CheckedPolicy {
  const loaded = loadPolicy(sources, { today });
  const complete = !loaded.diagnostics.some((d) => d.severity === 'error');
  const findings = sortDiagnostics(complete ? [...loaded.diagnostics, ...runChecks(loaded.policy)] : loaded.diagnostics);
  return { ...loaded, findings, complete };
}
