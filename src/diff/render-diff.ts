import { createHash } from 'node:crypto';
import { artifactLocation, ORIGINAL_URI_BASE_IDS } from '../report/sarif.js';
import type { ConnectivityChange, IntentRef, PolicyDiff } from './diff-policies.js';
import { modeChangeText } from './mode-changes.js';

export type DiffFormat = 'text' | 'json' | 'markdown' | 'sarif';

const NO_CHANGE = 'no connectivity change';

const intents = (refs: IntentRef[]) => (refs.length === 0 ? '-' : refs.map((r) => `${r.id} (${r.file}:${r.line})`).join(', '));
const risks = (c: ConnectivityChange) => (c.risks.length === 0 ? '-' : c.risks.join(', '));

function summary(d: PolicyDiff): string {
  const added = d.changes.filter((c) => c.change === 'added').length;
  const removed = d.changes.length - added;
  const modes = `${d.modes.length === 0 ? '' : `; ${d.modes.length} monitor-mode change(s)`}${d.names ? `; ${d.names.length} DNS name(s) resolved otherwise` : ''}`;
  if (d.changes.length === 0) return `${NO_CHANGE} between ${d.base} and ${d.head}${modes}`;
  const flagged = [...new Set(d.changes.flatMap((c) => c.risks))].sort();
  const risky = flagged.length === 0 ? 'no risk flagged' : `flagged: ${flagged.join(', ')}`;
  return `${d.base} -> ${d.head}: ${added} connection(s) added, ${removed} removed; ${risky}${modes}`;
}

export function formatDiffText(d: PolicyDiff): string {
  const lines = [summary(d)];
  for (const c of d.changes) {
    lines.push('', `${c.change === 'added' ? '+' : '-'} ${c.from} -> ${c.to}  ${c.service}${c.risks.length ? `  [${c.risks.join(', ')}]` : ''}`);
    lines.push(`    before: ${intents(c.base)}`, `    after:  ${intents(c.head)}`);
  }
  for (const m of d.modes) lines.push('', `! ${modeChangeText(m)}`);
  for (const n of d.names ?? []) lines.push('', `~ external ${n.name}: ${n.before} -> ${n.after}: what reaches it by name reaches these addresses now`);
  if (d.observed) {
    const o = d.observed;
    lines.push('', `observed (${o.records} records): ${o.cuts.length === 0 ? 'no observed connection is cut' : `${o.cuts.length} observed connection(s) ${d.base} passes and ${d.head} denies:`}`);
    for (const c of o.cuts) lines.push(`  - ${c.from} -> ${c.to} ${c.service}: ${c.connections} connection(s)${c.last ? `, last ${c.last}` : ''}; denied by ${deniers(c.decidedBy)}`);
  }
  for (const b of d.brokenExpectations) lines.push('', `! expectation ${b.file}:${b.line} can ${b.from} -> ${b.to}${b.service ? ` ${b.service}` : ''} no longer holds (${b.reason})`);
  if (d.metadata.length > 0 || d.renamed.length > 0) {
    lines.push('', 'intent changes that do not change connectivity:');
    for (const r of d.renamed) lines.push(`  ${r.kind} ${r.after}: renamed ${r.before} -> ${r.after}`);
    for (const m of d.metadata) lines.push(`  ${m.flow}: ${m.field} ${m.before ?? '(none)'} -> ${m.after ?? '(none)'}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatDiffJson(d: PolicyDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

const deniers = (refs: readonly { kind: string; id?: string; zone?: string }[]) => refs.map((r) => (r.kind === 'default' ? 'default' : `${r.kind} ${r.id ?? r.zone ?? ''}`)).join(', ') || 'default';

const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function formatDiffMarkdown(d: PolicyDiff): string {
  const out = ['### wardline: connectivity diff', '', `**${cell(summary(d))}**`];
  if (d.changes.length > 0) {
    out.push('', '| | from | to | service | risk | decided before | decided after |', '|---|---|---|---|---|---|---|');
    for (const c of d.changes) {
      out.push(`| ${c.change === 'added' ? '➕ added' : '➖ removed'} | ${cell(c.from)} | ${cell(c.to)} | ${cell(c.service)} | ${cell(risks(c))} | ${cell(intents(c.base))} | ${cell(intents(c.head))} |`);
    }
  }
  if (d.modes.length > 0) {
    out.push('', '**Monitor-mode changes** (what passes changes, though no flow does)', '');
    for (const m of d.modes) out.push(`- ${cell(modeChangeText(m))}`);
  }
  if (d.names) {
    out.push('', '**DNS names resolved otherwise** (what reaches the name reaches other addresses)', '');
    for (const n of d.names) out.push(`- external ${cell(n.name)}: ${cell(n.before)} → ${cell(n.after)}`);
  }
  if (d.observed) {
    out.push('', `**Observed connections this cuts** (${d.observed.records} records): ${d.observed.cuts.length === 0 ? 'none' : ''}`);
    if (d.observed.cuts.length > 0) {
      out.push('', '| from | to | service | connections | last seen | denied by |', '|---|---|---|---|---|---|');
      for (const c of d.observed.cuts) out.push(`| ${cell(c.from)} | ${cell(c.to)} | ${cell(c.service)} | ${c.connections} | ${cell(c.last ?? '')} | ${cell(deniers(c.decidedBy))} |`);
    }
  }
  if (d.brokenExpectations.length > 0) {
    out.push('', '**Expectations that no longer hold**', '', '| expectation | from | to | service | why |', '|---|---|---|---|---|');
    for (const b of d.brokenExpectations) out.push(`| ${cell(`${b.file}:${b.line}`)} | ${cell(b.from)} | ${cell(b.to)} | ${cell(b.service ?? 'any')} | ${cell(b.reason)} |`);
  }
  if (d.renamed.length > 0) {
    out.push('', '**Renamed, same definition** (compared under the new name)', '', '| kind | before | after |', '|---|---|---|');
    for (const r of d.renamed) out.push(`| ${r.kind} | ${cell(r.before)} | ${cell(r.after)} |`);
  }
  if (d.metadata.length > 0) {
    out.push('', '<details><summary>Intent changes that do not change connectivity</summary>', '', '| flow | field | before | after |', '|---|---|---|---|');
    for (const m of d.metadata) out.push(`| ${cell(m.flow)} | ${m.field} | ${cell(m.before ?? '(none)')} | ${cell(m.after ?? '(none)')} |`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

const RULES = [
  { id: 'wardline-diff/medical', text: 'Opens access into a zone or group labelled medical', help: 'Medical devices gain a new way in: confirm the clinical owner approved it (the flow names its owner and ticket), and that no guardrail should have stopped it.' },
  { id: 'wardline-diff/untrusted', text: 'Opens access from a zone labelled untrusted or from external', help: 'Untrusted or outside sources gain access: confirm it is intended, as narrow as it can be, and expiring where it is temporary.' },
  { id: 'wardline-diff/removes-expected', text: 'Removes access that an expect: can depends on', help: 'Something an expectation says must work loses access: restore the flow, or change the expectation if the intent changed.' },
  { id: 'wardline-diff/widens-to-any', text: 'Widens a flow to any service', help: 'A flow now allows every service: list the services the devices need instead.' },
  { id: 'wardline-diff/mode', text: 'Monitor mode switched on or off', help: 'Enforcing denies what monitor mode passed: run wardline observe on the monitor logs and allow what must keep working first. Monitoring passes what was denied: make it temporary.' },
  { id: 'wardline-diff/change', text: 'Connectivity added or removed', help: 'Review the change: which intent decides it before and after is in the message.' },
];

/** SARIF 2.1.0 in the shape `wardline check --format sarif` uses; each change located at its deciding intent on HEAD (or BASE when removed). */
export function formatDiffSarif(
  d: PolicyDiff,
  toolVersion: string,
  place: { base: (file: string) => string; head: (file: string) => string } = { base: (f) => f, head: (f) => f },
): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const results = d.changes.map((c) => {
    const ruleId = `wardline-diff/${c.risks[0] ?? 'change'}`;
    const at = (c.change === 'added' ? c.head : c.base)[0];
    const file = at && (c.change === 'added' ? place.head : place.base)(at.file);
    const result: Record<string, unknown> = {
      ruleId,
      ruleIndex: index.get(ruleId),
      level: c.risks.length > 0 ? 'warning' : 'note',
      // The change itself, not where it sits: the same change keeps its alert across unrelated edits.
      partialFingerprints: { 'wardline-diff/v1': createHash('sha256').update(`${ruleId}\0${c.change}\0${c.from}\0${c.to}\0${c.service}`).digest('hex') },
      message: { text: `${c.change} ${c.from} -> ${c.to} ${c.service}${c.risks.length ? ` (${c.risks.join(', ')})` : ''}; before: ${intents(c.base)}; after: ${intents(c.head)}` },
    };
    if (file) result.locations = [{ physicalLocation: { artifactLocation: artifactLocation(file), region: { startLine: at.line } } }];
    return result;
  });
  for (const m of d.modes) {
    results.push({
      ruleId: 'wardline-diff/mode',
      ruleIndex: index.get('wardline-diff/mode'),
      level: 'warning',
      partialFingerprints: { 'wardline-diff/v1': createHash('sha256').update(`mode\0${m.kind}\0${m.name}\0${m.after}`).digest('hex') },
      message: { text: modeChangeText(m) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(place.head(m.file)), region: { startLine: m.line } } }],
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wardline',
            version: toolVersion,
            informationUri: 'https://github.com/wardline/wardline',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.slice('wardline-diff/'.length),
              shortDescription: { text: r.text },
              fullDescription: { text: `${r.text}: a change in what the policy allows, found by wardline diff.` },
              help: { text: r.help },
              helpUri: 'https://github.com/wardline/wardline/blob/main/README.md#wardline-diff-base-head---path-dir',
            })),
          },
        },
        // A category, not the revisions: they may be local paths, and each run would open a new analysis.
        automationDetails: { id: 'wardline-diff/' },
        originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
