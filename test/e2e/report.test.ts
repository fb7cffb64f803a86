import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-report-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of one section of the page, tags stripped. */
function sectionText(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  expect(m, `section ${id}`).not.toBeNull();
  return m![1]!.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

describe('wardline report', () => {
  it('writes the same bytes twice, with the manifest hash, the guardrails, and what needs attention as of the day', async () => {
    const a = await wardline(['report', 'policies/example-hospital', '--today', '2027-03-20']);
    const b = await wardline(['report', 'policies/example-hospital', '--today', '2027-03-20']);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = join(work, 'compiled');
    await wardline(['compile', 'policies/example-hospital', '-o', out, '--today', '2027-03-20']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { policy: string };
    expect(sectionText(a.stdout, 'summary')).toContain(manifest.policy);
    expect(sectionText(a.stdout, 'guardrails')).toMatch(/no-ssh-to-pumps guardrails\.yaml:\d+ holds .* vendor-pump-support : Contract 2026-114/);
    const attention = sectionText(a.stdout, 'attention');
    expect(attention).toMatch(/expiring vendor-pump-support flows\.yaml:\d+ expires in 11 day\(s\) \(2027-03-31\)/);
    expect(attention).toMatch(/exception vendor-pump-support .* allowed as an exception to guardrail no-ssh-to-pumps/);
    expect(attention).toMatch(/expired vendor-monitor-support .* expired on 2026-06-30/);
  });

  it('lists, per medical group, who reaches it by which flow with owner, why, ticket and expiry', async () => {
    const r = await wardline(['report', 'policies/example-hospital', '--today', '2027-03-20']);
    const medical = sectionText(r.stdout, 'medical');
    expect(medical).toMatch(/Who can reach infusion-pumps-4e .* pump-vendor-remote tcp\/22 vendor-pump-support exception to no-ssh-to-pumps 11 day\(s\) left flows\.yaml:\d+ biomed@example\.org Pump vendor remote diagnostics under support contract 2026-114 CHG-1104 2027-03-31/);
    expect(medical).toMatch(/What infusion-pumps-4e can reach .* pump-server tcp\/443, tcp\/8443, tcp\/9443 pumps-to-pump-server/);
    // Medical groups only: the guest Wi-Fi has no section of its own.
    expect(r.stdout).toContain('<h3 id="group-infusion-pumps-4e">');
    expect(r.stdout).not.toContain('<h3 id="group-lab-workstations">');
  });

  it('escapes what the policy says: a why with markup stays text', async () => {
    const dir = join(work, 'markup');
    cpSync(join(REPO, 'policies'), dir, { recursive: true });
    const flows = join(dir, 'example-hospital', 'flows.yaml');
    writeFileSync(flows, readFileSync(flows, 'utf8').replace('why: Pump vendor remote diagnostics under support contract 2026-114', 'why: "<script>alert(1)</script><img src=x onerror=alert(2)> & Pump vendor support"'));
    const r = await wardline(['report', join(dir, 'example-hospital')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/<script|<img/);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; Pump vendor support');
  });

  it('adds what changed since a revision, with its risks', async () => {
    const repo = join(work, 'repo');
    cpSync(join(REPO, 'policies'), repo, { recursive: true });
    const git = (...args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo });
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    appendFileSync(
      join(repo, 'example-hospital', 'flows.yaml'),
      '  - id: lab-to-pumps\n    from: lab-analyzers\n    to: infusion-pumps-4e\n    services: [https]\n    why: Trial integration\n    owner: biomed@example.org\n',
    );
    const r = await wardline(['report', 'example-hospital', '--since', 'HEAD'], { cwd: repo });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(sectionText(r.stdout, 'since')).toMatch(/HEAD → this policy: 1 connection\(s\) added, 0 removed\. .* added lab-analyzers infusion-pumps-4e tcp\/443 medical – lab-to-pumps \(flows\.yaml:\d+\)/);
    const unknown = await wardline(['report', 'example-hospital', '--since', 'no-such-rev'], { cwd: repo });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown revision "no-such-rev"');
  });

  it('adds what observed flow records show: what would be denied, guardrail hits as security findings, unused flows', async () => {
    const r = await wardline(['report', 'policies/example-hospital', '--observed', 'examples/observe/ward4e-week.jsonl', '--today', '2026-11-28']);
    expect(r.exitCode, r.stderr).toBe(0);
    const text = sectionText(r.stdout, 'observed');
    expect(text).toMatch(/18 flow records read/);
    expect(text).toMatch(/security finding staff infusion-pumps-4e tcp\/8443 1 \S+ guardrail no-staff-to-medical/);
    expect(text).toMatch(/would be denied pump-server infusion-pumps-4e tcp\/8443 1 \S+ default/);
    expect(text).toMatch(/stale-flow candidates\): .* staff-to-web-proxy flows\.yaml:\d+ netops@example\.org/);
    expect((await wardline(['report', 'policies/example-hospital'])).stdout).not.toContain('id="observed"');
    const missing = await wardline(['report', 'policies/example-hospital', '--observed', 'no-such-records.jsonl']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^wardline: no-such-records\.jsonl: no such file/);
  });

  it('refuses with exit 2 and a reason: a policy with errors, a PDF to the terminal, no browser for a PDF', async () => {
    const broken = await wardline(['report', 'test/fixtures/broken/guardrail-violation']);
    expect(broken.exitCode).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/WL501[\s\S]*a report is only written for a policy that checks/);
    const pdfToTerminal = await wardline(['report', 'policies/example-hospital', '-f', 'pdf']);
    expect(pdfToTerminal.exitCode).toBe(2);
    expect(pdfToTerminal.stderr).toContain('--format pdf needs --output FILE');
    const out = join(work, 'none.pdf');
    const noBrowser = await wardline(['report', 'policies/example-hospital', '-o', out], { env: { WARDLINE_CHROMIUM: join(work, 'no-such-browser') } });
    expect(noBrowser.exitCode).toBe(2);
    expect(noBrowser.stderr).toContain('--format pdf needs Chromium or Google Chrome');
    expect(existsSync(out)).toBe(false);
  });
});
