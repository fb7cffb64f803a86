import type { Provenance } from './ir.js';

/** `flow pumps-to-pump-server (flows.yaml:14)`: how every target names the intent behind a line. */
export function provenanceText(p: Provenance): string {
  const at = p.file ? ` (${p.file}:${p.line})` : '';
  switch (p.kind) {
    case 'flow':
      return `flow ${p.id}${at}`;
    case 'exception':
      return `flow ${p.id}${at}, excepted from guardrail ${p.guardrail}`;
    case 'guardrail':
      return `guardrail ${p.id}${at}`;
    case 'return':
      return `replies to flow ${p.id}${at}`;
    case 'default':
      return 'default deny';
  }
}
