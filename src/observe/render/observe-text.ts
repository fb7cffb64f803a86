import type { ObservedRow } from '../observe-records.js';
import { isBlocker, isSecurityFinding, type ObserveReport } from '../observe-report.js';
import { observeSummary } from './observe-json.js';
import { countWords, loggedWords, markerWords, thousands, verdictWords } from './observe-words.js';

const UNKNOWN_SHOWN = 50;
const connections = (n: number) => `${thousands(n)} connection${n === 1 ? '' : 's'}`;

function rowLines(report: ObserveReport, r: ObservedRow, pair = `${r.from} → ${r.to}`): string[] {
  const logged = loggedWords(report, r);
  return [`  ${pair}  ${r.service}  ${countWords(r)}`, `      ${verdictWords(r)}`, ...(logged ? [`      ${logged}`] : [])];
}

function section(title: string, lines: string[], none: string): string[] {
  return ['', title, ...(lines.length > 0 ? lines : [`  ${none}`])];
}

/** The human report: sections in the order a rollout reads them, the blockers first. */
export function formatObserveText(report: ObserveReport): string {
  const obs = report.observation;
  const s = observeSummary(report);
  const out: string[] = [];
  out.push(
    `observed ${connections(s.connections)}${report.focus === null ? '' : ` from or to ${report.focus}`} in ${thousands(obs.records)} records` +
      (obs.problems > 0 ? ` (${thousands(obs.problems)} skipped)` : ''),
  );
  if (report.focus !== null) {
    const g = report.focus;
    const rows = [...report.wouldDeny, ...report.allowed, ...report.notFiltered].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    out.push(...section(`${g} talks to:`, rows.filter((r) => r.from === g).flatMap((r) => rowLines(report, r, r.to)), 'nothing observed'));
    const by = [...rows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    out.push(...section(`${g} is talked to by:`, by.filter((r) => r.to === g && r.from !== g).flatMap((r) => rowLines(report, r, r.from)), 'nothing observed'));
  }
  const blockers = report.wouldDeny.filter(isBlocker);
  const findings = report.wouldDeny.filter(isSecurityFinding);
  if (report.focus !== null) {
    // Its rows are all above, with their verdicts: the counts are enough here.
    out.push('', `Would be denied: ${connections(s.wouldDeny)} (rollout blockers), ${connections(s.securityFindings)} a guardrail forbids (security findings).`);
  } else {
    out.push(...section(`Would be denied (rollout blockers: ${connections(s.wouldDeny)}; --suggest writes flows for them):`, blockers.flatMap((r) => rowLines(report, r)), 'none: enforcing this policy cuts nothing observed'));
    if (findings.length > 0) {
      out.push(...section(`Security findings (a guardrail forbids these ${connections(s.securityFindings)}: stop them at the source, never allow them):`, findings.flatMap((r) => rowLines(report, r)), ''));
    }
  }
  if (report.focus === null) {
    out.push(...section('Allowed and used:', report.allowed.flatMap((r) => rowLines(report, r)), 'nothing'));
    if (report.notFiltered.length > 0) out.push(...section('Not filtered by this policy:', report.notFiltered.flatMap((r) => rowLines(report, r)), ''));
  }
  out.push(
    ...section(
      'Allowed but never seen (stale-flow candidates: live flows whose two ends the records saw, with no connection they allowed):',
      report.neverSeen.map((f) => `  flow ${f.id} (${f.file}:${f.line}): ${f.from} → ${f.to} ${f.services}; owner ${f.owner ?? 'none'}`),
      'none',
    ),
  );
  if (report.notJudged.length > 0) out.push(`  (${report.notJudged.length} other live flow${report.notJudged.length === 1 ? '' : 's'} not judged: the records never showed one of their ends)`);
  const unknown = report.unknownAddresses.slice(0, UNKNOWN_SHOWN).map((u) => `  ${u.address}  ${connections(u.connections)}`);
  const more = report.unknownAddresses.length - UNKNOWN_SHOWN;
  if (more > 0) unknown.push(`  … and ${thousands(more)} more (--format json lists them all)`);
  if (obs.unknownOverflow > 0) unknown.push(`  … and ${connections(obs.unknownOverflow)} of further addresses, not kept`);
  out.push(...section('Unrouted / unknown addresses (in no zone of the policy):', unknown, 'none'));
  if (obs.markers.size > 0) {
    out.push(...section('Monitor-mode markers:', [...obs.markers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marker, m]) => `  ${markerWords(marker, m)}`), ''));
  }
  if (obs.problems > 0) {
    const shown = obs.firstProblems.map((p) => `  ${p.line !== undefined ? `${p.input}:${p.line}` : `${p.input}, record ${p.record}`}: ${p.reason}`);
    if (obs.problems > obs.firstProblems.length) shown.push(`  … and ${thousands(obs.problems - obs.firstProblems.length)} more`);
    out.push(...section(`Skipped (${thousands(obs.problems)}):`, shown, ''));
  }
  return `${out.join('\n')}\n`;
}
