import type { Diagnostic } from '../model/diagnostic.js';

/**
 * A finding's message without the places it cites (`(flows.yaml:28:9)`): what identifies the finding across edits
 * that move lines, for SARIF fingerprints and JUnit testcase names. The places stay in the message itself.
 */
export function stableMessage(d: Diagnostic): string {
  return d.message.replace(/ \((?:[^()\s]+):\d+(?::\d+)?\)/g, '');
}
