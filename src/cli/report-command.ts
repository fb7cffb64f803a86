import { Option, type Command } from 'commander';
import { writeBytesAtomic, writeFileAtomic } from './atomic-write.js';
import { DEFAULT_HORIZON_DAYS } from '../check/check.js';
import { horizonDays } from './check-command.js';
import { colorFor } from './color.js';
import { EXIT_CLEAN, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { outputFile } from './output-owner.js';
import { resolveToday } from './today.js';
import { wardlineVersion } from './version.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface ReportOptions {
  output?: string;
  format?: 'html' | 'pdf';
  paper: 'a4' | 'letter';
  since?: string;
  today?: string;
  horizon?: string;
  observed: string[];
  resolve: string[];
}

export function registerReport(program: Command, result: CommandResult): void {
  program
    .command('report')
    .description("the auditor's report: one self-contained page with the check, the guardrails, who can reach each medical group and by which flow, and the matrix")
    .argument('[path]', 'policy file or directory', '.')
    .option('-o, --output <file>', 'write the report to FILE (atomically); default: standard output (HTML only)')
    .addOption(new Option('-f, --format <format>', 'html, or pdf printed by a headless Chromium or Chrome (WARDLINE_CHROMIUM, else on PATH); default: from the --output name').choices(['html', 'pdf']))
    .addOption(new Option('--paper <size>', 'paper for --format pdf, landscape').choices(['a4', 'letter']).default('a4'))
    .option('--since <rev>', 'add what changed since this git revision (or directory), as wardline diff REV shows it')
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .option('--horizon <days>', 'call out flows that expire within DAYS days (default 14)')
    .option('--observed <records>', 'add what flow records show, as wardline observe reads them: what would be denied, guardrail hits, unused flows (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .addHelpText('after', '\nExamples:\n  wardline report policies/example-hospital -o report.html\n  wardline report policies/example-hospital -o report.pdf --paper letter --since origin/main')
    .action(async (path: string, opts: ReportOptions) => {
      if (path === '-') throw new UsageError('report reads a policy file or directory, not standard input');
      const format = opts.format ?? (opts.output !== undefined && /\.pdf$/i.test(opts.output) ? 'pdf' : 'html');
      if (format === 'pdf' && opts.output === undefined) throw new UsageError('--format pdf needs --output FILE (a PDF is not written to a terminal)');
      const output = opts.output === undefined ? undefined : outputFile(opts.output, [path]);
      const today = resolveToday(opts.today);
      const horizon = horizonDays(opts.horizon) ?? DEFAULT_HORIZON_DAYS;
      const browser = format === 'pdf' ? await requireBrowser() : undefined;

      const { readPolicySources } = await import('../lang/source-files.js');
      const { checkPolicy } = await import('../check/check-policy.js');
      const { simulator } = await import('../sim/simulator.js');
      const { policyDigest } = await import('../compile/manifest.js');
      const { auditReport } = await import('../audit/audit-report.js');
      const { reportHtml } = await import('../audit/report-html.js');
      const sources = await readPolicySources([path], { resolve: opts.resolve });
      const checked = checkPolicy(sources, today, { horizon });
      const blocking = checked.findings.filter((d) => d.severity === 'error' && !d.code.startsWith('WL6'));
      if (!checked.complete || blocking.length > 0) {
        const { writeFindings } = await import('./report-paths.js');
        await writeFindings(blocking, sources, colorFor('stderr'));
        throw new UsageError('the policy has errors: fix the policy first (see wardline check); a report is only written for a policy that checks');
      }
      const since = opts.since === undefined ? undefined : await changesSince(opts.since, path, today, checked.policy);
      const sim = simulator(checked.policy);
      let observed;
      if (opts.observed.length > 0) {
        const { observedSection } = await import('../audit/observed-section.js');
        try {
          observed = await observedSection(sim, opts.observed);
        } catch (e) {
          if (e instanceof Error && e.name === 'RecordInputError') throw new UsageError(e.message);
          throw e;
        }
      }
      const report = auditReport({
        wardline: wardlineVersion(),
        policyHash: policyDigest(sources),
        sim,
        ...(observed === undefined ? {} : { observed }),
        findings: checked.findings,
        horizon,
        ...(since === undefined ? {} : { since }),
      });
      const html = reportHtml(report, format === 'pdf' ? { paper: opts.paper } : {});
      if (format === 'pdf') {
        const { printPdf } = await import('../audit/print-pdf.js');
        writeBytesAtomic(output!, await printPdf(browser!, html));
      } else if (output === undefined) process.stdout.write(html);
      else writeFileAtomic(output, html);
      if (output !== undefined) process.stderr.write(`wardline: wrote ${opts.output} (${format})\n`);
      result.code = EXIT_CLEAN;
    });
}

async function requireBrowser(): Promise<string> {
  const { findBrowser } = await import('../audit/print-pdf.js');
  const browser = findBrowser();
  if (browser === undefined) {
    throw new UsageError('--format pdf needs Chromium or Google Chrome: install one (Debian: apt install chromium) or set WARDLINE_CHROMIUM to its path; or write HTML and print it from a browser');
  }
  return browser;
}

/** The diff from REV to the policy being reported on; REV's side must check, as for wardline diff. */
async function changesSince(rev: string, path: string, today: string, head: import('../model/policy.js').Policy) {
  const { readSide } = await import('../diff/revision-sources.js');
  const { diffLoader } = await import('../diff/blocking-errors.js');
  const { diffPolicies } = await import('../diff/diff-policies.js');
  const before = await readSide(rev, path);
  const side = diffLoader()(before.sources, today);
  if (side.errors.length > 0) {
    const { writeFindings } = await import('./report-paths.js');
    await writeFindings(side.errors, before.sources, colorFor('stderr'));
    throw new UsageError(`the policy at ${rev} does not check (${side.errors.length} error(s) above): give --since a revision that checks`);
  }
  return diffPolicies(side.policy, head, { baseLabel: rev, headLabel: 'this policy', baseShared: side.context });
}
