import type { Suggestion, SuggestedFlow } from '../suggest-flows.js';

/** `why:` of a suggested flow: the evidence, for the reviewer to replace with the reason. */
export function evidence(f: Pick<SuggestedFlow, 'connections' | 'first' | 'last'>): string {
  const n = `observed ${f.connections} connection${f.connections === 1 ? '' : 's'}`;
  return f.first === undefined ? `${n} (the records give no times)` : `${n} ${f.first}…${f.last ?? f.first}`;
}

const list = (items: readonly string[]) => (items.length === 1 ? quoted(items[0]!) : `[${items.map(quoted).join(', ')}]`);
/** Names and specs go plain; addresses (IPv6 colons) and anything else in double quotes, as JSON writes them. */
const quoted = (s: string) => (/^[A-Za-z0-9][A-Za-z0-9_./-]*$/.test(s) && !/^[0-9.]+$/.test(s) ? s : JSON.stringify(s));

/**
 * The suggested flows as a policy file of their own (drop it into the policy directory, or move the flows into
 * flows.yaml): no owner, so `wardline check` warns (WL506) on each one that reaches a medical device until a person
 * who owns it signs. What was not suggested follows as comments.
 */
export function suggestionYaml(s: Suggestion): string {
  const out = [
    '# Flows suggested by `wardline observe --suggest` from observed connections the policy denies.',
    '# Review each before merging: narrow it, put the real reason in `why`, add `owner` and `ticket`.',
    '# They carry no owner on purpose: wardline check warns (WL506) on a flow to a medical device until one is added.',
    'wardline: 1',
  ];
  if (s.flows.length === 0) out.push('', '# Nothing to suggest: no observed connection is denied by default.');
  else out.push('', 'flows:');
  for (const f of s.flows) {
    out.push(`  - id: ${f.id}`, `    from: ${list(f.from)}`, `    to: ${list(f.to)}`, `    services: [${f.services.map(quoted).join(', ')}]`, `    why: ${JSON.stringify(evidence(f))}`, '');
  }
  if (s.refused.length > 0) {
    if (s.flows.length > 0) out.pop();
    out.push('', '# Not suggested (observed and denied; decide by hand):');
    for (const r of s.refused) out.push(`#   ${r.from} -> ${r.to} ${r.services.join(', ')} (${r.connections} connection${r.connections === 1 ? '' : 's'}): ${r.reason}`);
  } else if (s.flows.length > 0) out.pop();
  return `${out.join('\n')}\n`;
}
