import type { ObservedRow } from '../observe-records.js';
import { isSecurityFinding, type ObserveReport } from '../observe-report.js';
import { deciderWords } from './observe-words.js';

const HEADER = ['section', 'from', 'to', 'service', 'verdict', 'decided_by', 'connections', 'packets', 'bytes', 'first', 'last'];

/** RFC 4180 fields; a field a spreadsheet would run as a formula gets a leading apostrophe. */
const field = (s: string | number) => {
  let t = String(s);
  if (/^[=+\-@\t\r]/.test(t) && typeof s === 'string') t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

function rowFields(section: string, r: ObservedRow): (string | number)[] {
  return [section, r.from, r.to, r.service, r.decision.verdict, r.decision.decidedBy.map(deciderWords).join('; '), r.connections, r.packets, r.bytes, r.first ?? '', r.last ?? ''];
}

/** One line per row of every section: would-deny (security-finding for guardrail hits), allowed, not-filtered, never-seen, unknown-address. */
export function formatObserveCsv(report: ObserveReport): string {
  const lines: (string | number)[][] = [HEADER];
  for (const r of report.wouldDeny) lines.push(rowFields(isSecurityFinding(r) ? 'security-finding' : 'would-deny', r));
  for (const r of report.allowed) lines.push(rowFields('allowed', r));
  for (const r of report.notFiltered) lines.push(rowFields('not-filtered', r));
  for (const f of report.neverSeen) lines.push(['never-seen', f.from, f.to, f.services, 'allow', `flow ${f.id} (${f.file}:${f.line})`, 0, 0, 0, '', '']);
  for (const u of report.unknownAddresses) lines.push(['unknown-address', u.address, '', '', '', '', u.connections, '', '', '', '']);
  return lines.map((l) => l.map(field).join(',')).join('\r\n') + '\r\n';
}
