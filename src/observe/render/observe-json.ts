import type { DeciderRef } from '../../sim/answer.js';
import type { ObservedRow } from '../observe-records.js';
import { isBlocker, isSecurityFinding, type ObserveReport } from '../observe-report.js';

/** One row as the public JSON of `wardline observe` (README, "wardline observe"): keys in this order. */
export interface RowJson {
  from: string;
  fromKind: ObservedRow['fromKind'];
  to: string;
  toKind: ObservedRow['toKind'];
  service: string;
  verdict: ObservedRow['decision']['verdict'];
  /** A guardrail forbids it: stop it at the source, never allow it. */
  securityFinding: boolean;
  decidedBy: DeciderRef[];
  /** Expired flows that would have allowed it. */
  expired: string[];
  /** Connections from wardline's monitor-mode logs, by marker, with the intent the marker names (null: none in this policy). */
  logged: { marker: string; intent: string | null; connections: number }[];
  connections: number;
  packets: number;
  bytes: number;
  first: string | null;
  last: string | null;
}

export function rowJson(report: ObserveReport, r: ObservedRow): RowJson {
  const markers = report.observation.markers;
  return {
    from: r.from,
    fromKind: r.fromKind,
    to: r.to,
    toKind: r.toKind,
    service: r.service,
    verdict: r.decision.verdict,
    securityFinding: isSecurityFinding(r),
    decidedBy: r.decision.decidedBy,
    expired: r.decision.expired,
    logged: [...r.logged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marker, connections]) => ({ marker, intent: markers.get(marker)?.intent ?? null, connections })),
    connections: r.connections,
    packets: r.packets,
    bytes: r.bytes,
    first: r.first ?? null,
    last: r.last ?? null,
  };
}

const sum = (rows: readonly ObservedRow[]) => rows.reduce((n, r) => n + r.connections, 0);

export function observeSummary(report: ObserveReport) {
  const { wouldDeny, allowed, notFiltered } = report;
  return {
    connections: sum(wouldDeny) + sum(allowed) + sum(notFiltered),
    wouldDeny: sum(wouldDeny.filter(isBlocker)),
    securityFindings: sum(wouldDeny.filter(isSecurityFinding)),
    allowed: sum(allowed),
    notFiltered: sum(notFiltered),
    neverSeenFlows: report.neverSeen.length,
    notJudgedFlows: report.notJudged.length,
    unknownAddresses: report.unknownAddresses.length,
    staleMarkers: [...report.observation.markers.values()].filter((m) => m.intent === null).length,
  };
}

export function formatObserveJson(report: ObserveReport): string {
  const obs = report.observation;
  const doc = {
    focus: report.focus,
    records: { observed: obs.records, problems: obs.problems, firstProblems: obs.firstProblems.map((p) => ({ input: p.input, line: p.line, reason: p.reason })) },
    summary: observeSummary(report),
    wouldDeny: report.wouldDeny.map((r) => rowJson(report, r)),
    allowed: report.allowed.map((r) => rowJson(report, r)),
    notFiltered: report.notFiltered.map((r) => rowJson(report, r)),
    neverSeen: report.neverSeen,
    notJudged: report.notJudged,
    unknownAddresses: report.unknownAddresses,
    unknownOverflow: obs.unknownOverflow,
    markers: [...obs.markers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marker, m]) => ({ marker, intent: m.intent, connections: m.connections })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
