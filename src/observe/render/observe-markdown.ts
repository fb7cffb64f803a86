import type { ObservedRow } from '../observe-records.js';
import { isBlocker, isSecurityFinding, type ObserveReport } from '../observe-report.js';
import { observeSummary } from './observe-json.js';
import { loggedWords, thousands, verdictWords } from './observe-words.js';

/** Table cells: no pipe or line break can leave its cell. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function table(report: ObserveReport, rows: readonly ObservedRow[]): string[] {
  if (rows.length === 0) return ['', 'None.'];
  return [
    '',
    '| from | to | service | connections | first seen | last seen | verdict |',
    '|---|---|---|---:|---|---|---|',
    ...rows.map((r) => {
      const logged = loggedWords(report, r);
      const verdict = `${verdictWords(r)}${logged ? `; ${logged}` : ''}`;
      return `| ${cell(r.from)} | ${cell(r.to)} | ${cell(r.service)} | ${thousands(r.connections)} | ${cell(r.first ?? '')} | ${cell(r.last ?? '')} | ${cell(verdict)} |`;
    }),
  ];
}

/** A pull-request comment: the blockers and findings first, the rest folded under details. */
export function formatObserveMarkdown(report: ObserveReport): string {
  const s = observeSummary(report);
  const obs = report.observation;
  const scope = report.focus === null ? '' : ` from or to \`${report.focus}\``;
  const out = [
    `### wardline observe${scope}`,
    '',
    `${thousands(s.connections)} connections observed: **${thousands(s.wouldDeny)} would be denied**, ${thousands(s.securityFindings)} security findings, ${thousands(s.allowed)} allowed, ${s.neverSeenFlows} flows never seen.`,
    '',
    '#### Would be denied (rollout blockers)',
    ...table(report, report.wouldDeny.filter(isBlocker)),
  ];
  const findings = report.wouldDeny.filter(isSecurityFinding);
  if (findings.length > 0) out.push('', '#### Security findings (a guardrail forbids these: never allow them)', ...table(report, findings));
  out.push('', '<details><summary>Allowed and used</summary>', ...table(report, report.allowed), '', '</details>');
  out.push('', '<details><summary>Allowed but never seen (stale-flow candidates)</summary>', '');
  if (report.neverSeen.length === 0) out.push('None.');
  else {
    out.push('| flow | from | to | services | owner |', '|---|---|---|---|---|');
    for (const f of report.neverSeen) out.push(`| ${cell(f.id)} (${cell(`${f.file}:${f.line}`)}) | ${cell(f.from)} | ${cell(f.to)} | ${cell(f.services)} | ${cell(f.owner ?? '')} |`);
  }
  out.push('', '</details>');
  out.push('', '<details><summary>Unrouted / unknown addresses</summary>', '');
  if (report.unknownAddresses.length === 0) out.push('None.');
  else out.push('| address | connections |', '|---|---:|', ...report.unknownAddresses.slice(0, 200).map((u) => `| ${cell(u.address)} | ${thousands(u.connections)} |`));
  out.push('', '</details>');
  if (obs.problems > 0) out.push('', `${thousands(obs.problems)} input lines were skipped (see the text report).`);
  return `${out.join('\n')}\n`;
}
