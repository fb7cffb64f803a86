import type { DeciderRef } from '../../sim/answer.js';
import type { ObservedRow } from '../observe-records.js';
import type { ObserveReport } from '../observe-report.js';

/** The words every human format shares: what decided a row, its counts, its markers. */
export function deciderWords(d: DeciderRef): string {
  const at = d.file === undefined ? '' : ` (${d.file}:${d.line})`;
  switch (d.kind) {
    case 'flow':
      return `flow ${d.id}${at}`;
    case 'guardrail':
      return `guardrail ${d.id}${at}`;
    case 'isolation':
      return `port isolation of zone ${d.id}${at}`;
    case 'infrastructure':
      return `infrastructure ${d.id} of zone ${d.zone}${at}`;
    case 'default':
      return 'the default deny (no flow allows it)';
  }
}

export function verdictWords(r: ObservedRow): string {
  const by = r.decision.decidedBy.map(deciderWords).join(', ');
  const expired = r.decision.expired.length > 0 ? `; expired flow ${r.decision.expired.join(', ')} would have allowed it` : '';
  switch (r.decision.verdict) {
    case 'allow':
      return `allowed by ${by}`;
    case 'deny':
      return r.decision.deniedBy === 'guardrail' ? `SECURITY: forbidden by ${by}` : `would be denied by ${by}${expired}`;
    case 'same-segment':
      return 'same segment: no enforcement point between them';
    case 'unrouted':
      return 'unrouted: both ends outside every zone';
  }
}

const thousands = (n: number) => n.toLocaleString('en-US');

export function countWords(r: ObservedRow): string {
  const n = `${thousands(r.connections)} connection${r.connections === 1 ? '' : 's'}`;
  const traffic = r.packets > 0 || r.bytes > 0 ? `, ${thousands(r.packets)} packet${r.packets === 1 ? '' : 's'}, ${thousands(r.bytes)} bytes` : '';
  const when = r.first === undefined ? '' : `, ${r.first} … ${r.last ?? r.first}`;
  return `${n}${traffic}${when}`;
}

/** Monitor-mode connections of a row, each marker with what it names in this policy. */
export function loggedWords(report: ObserveReport, r: ObservedRow): string | undefined {
  if (r.logged.size === 0) return undefined;
  const parts = [...r.logged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marker, n]) => `${marker} = ${report.observation.markers.get(marker)?.intent ?? 'nothing in this policy (stale logs?)'}: ${n}`);
  const now = r.decision.verdict === 'allow' ? '; the policy allows it now' : '';
  return `logged in monitor mode (${parts.join(', ')})${now}`;
}

export function markerWords(marker: string, m: { intent: string | null; connections: number }): string {
  const names = m.intent === null ? 'matches no guardrail or enforcement point of this policy: the logs are older than the policy, or of another one' : `names ${m.intent}`;
  return `${marker} ${names} (${thousands(m.connections)} connection${m.connections === 1 ? '' : 's'})`;
}

export { thousands };
