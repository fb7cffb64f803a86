import { loadPolicy, type LoadedPolicy } from '../lang/load-policy.js';
import type { SourceFile } from '../lang/source-files.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { CheckContext } from './check.js';
import { blocksSimulation, checkContext, runChecks } from './run-checks.js';
import { targetLimits } from './target-limits.js';

export interface CheckedPolicy extends LoadedPolicy {
  /** Every finding, sorted: parse and schema findings, then (only when those have no error) the semantic checks. */
  findings: Diagnostic[];
  /** False when the policy did not parse or validate, so it must not be simulated or compiled. */
  complete: boolean;
}

/** `horizon`: days ahead that the checks look for what an expiry will change (WL505, WL602). */
export function checkPolicy(sources: SourceFile[], today: string, opts: { horizon?: number } = {}): CheckedPolicy {
  const loaded = loadPolicy(sources, { today });
  const complete = !loaded.diagnostics.some((d) => d.severity === 'error');
  const semantic = () => {
    const context = checkContext(loaded.policy, opts.horizon);
    const found = runChecks(loaded.policy, () => true, context);
    // What a target cannot express (WL7xx) is found by compiling, as compile finds it: check accepting a policy means
    // compile succeeds on every platform it names. A policy with other errors is not compiled.
    return found.some((d) => d.severity === 'error') ? found : [...found, ...targetLimits(loaded.policy, context)];
  };
  const findings = sortDiagnostics(complete ? [...loaded.diagnostics, ...semantic()] : loaded.diagnostics);
  return { ...loaded, findings, complete };
}

/**
 * The policy and what refuses compiling it: YAML and schema errors, else the errors of the semantic checks, failed
 * expectations included. Warnings are `wardline check`'s business (compile shows none; they cost half of a big
 * check). `context` is what the checks built (address plan, intent packets), for the compiler to reuse.
 */
export function checkForCompile(sources: SourceFile[], today: string): CheckedPolicy & { context?: CheckContext } {
  const loaded = loadPolicy(sources, { today });
  const complete = !loaded.diagnostics.some((d) => d.severity === 'error');
  if (!complete) return { ...loaded, findings: sortDiagnostics(loaded.diagnostics), complete };
  const context = checkContext(loaded.policy);
  const errors = runChecks(loaded.policy, (check) => check.severity === 'error', context);
  return { ...loaded, findings: sortDiagnostics([...loaded.diagnostics, ...errors]), complete, context };
}

/**
 * The policy and what blocks simulating it (query, matrix, explain, lab): YAML and schema errors, else the errors of
 * the checks that block simulation. Same blocking findings as `checkPolicy`, without running the warning checks;
 * `context` (address plan, intent packets) is for the simulator to reuse.
 */
export function checkForSimulation(sources: SourceFile[], today: string): CheckedPolicy & { context?: CheckContext } {
  const loaded = loadPolicy(sources, { today });
  const complete = !loaded.diagnostics.some((d) => d.severity === 'error');
  if (!complete) return { ...loaded, findings: sortDiagnostics(loaded.diagnostics), complete };
  const context = checkContext(loaded.policy);
  const errors = runChecks(loaded.policy, blocksSimulation, context);
  return { ...loaded, findings: sortDiagnostics([...loaded.diagnostics, ...errors]), complete, context };
}
