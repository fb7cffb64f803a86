import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../check/check-policy.js';
import { simulator } from '../sim/simulator.js';
import { generateSystem, BENCH_TODAY } from '../../bench/generate.js';
import { sourcesOf, BASE } from '../../test/support/policy.js';
import { auditReport, MATRIX_LIMIT } from './audit-report.js';
import { reportHtml } from './report-html.js';

function reportOf(files: Record<string, string>, today: string) {
  const sources = sourcesOf(files);
  const checked = checkPolicy(sources, today);
  expect(checked.findings.filter((d) => d.severity === 'error')).toEqual([]);
  return auditReport({ wardline: 'test', policyHash: 'h', sim: simulator(checked.policy), findings: checked.findings, horizon: 14 });
}

describe('the audit report', () => {
  it('calls out an expiring flow on its last day and one expiring within the horizon, and not one beyond it', () => {
    const flows = (expires: string) => `${BASE}\nflows:\n  - { id: f1, from: pumps, to: pump-server, services: [https], why: Drug library, owner: biomed@example.org, expires: ${expires} }\n`;
    expect(reportOf({ 'p.yaml': flows('2026-11-28') }, '2026-11-28').attention.map((a) => a.text)).toEqual([expect.stringMatching(/^last day today \(2026-11-28\)/)]);
    expect(reportOf({ 'p.yaml': flows('2026-12-12') }, '2026-11-28').attention.map((a) => a.text)).toEqual([expect.stringMatching(/^expires in 14 day\(s\)/)]);
    expect(reportOf({ 'p.yaml': flows('2026-12-13') }, '2026-11-28').attention).toEqual([]);
  });

  it('lists the endpoints known by DNS name, what the policy resolves them to, and who reaches them by which flow', () => {
    // On a firewall with FQDN objects, so the name the policy does not resolve can be matched.
    const policy = `${BASE.replace('platform: cisco-ios', 'platform: paloalto-panos')}
externals:
  vendor-cloud: { fqdn: Updates.Vendor.example, owner: biomed@example.org }
  ntp-pool: { fqdn: pool.ntp.example }
flows:
  - { id: server-updates, from: pump-server, to: vendor-cloud, services: [https], why: Drug library releases, owner: biomed@example.org }
`;
    const r = reportOf({ 'p.yaml': policy, 'dns.yaml': 'wardline: 1\ndns:\n  pool.ntp.example: 198.51.100.123\n' }, '2026-11-28');
    expect(r.externals.map((e) => `${e.name} ${e.fqdn}: ${e.resolves}`)).toEqual([
      'ntp-pool pool.ntp.example: resolves to 198.51.100.123/32 (dns.yaml:3)',
      'vendor-cloud updates.vendor.example: no addresses in the policy: firewalls with FQDN objects resolve the name themselves',
    ]);
    const cloud = r.externals.find((e) => e.name === 'vendor-cloud')!;
    expect(cloud.reachedBy.filter((row) => row.flows.length > 0).map((row) => `${row.other}: ${row.flows.map((f) => f.id).join(', ')}`)).toEqual(['pump-server: server-updates']);
    const html = reportHtml(r);
    expect(html).toContain('<h2 id="externals-h">Endpoints known by DNS name</h2>');
    expect(html).toContain('<h3 id="external-vendor-cloud">vendor-cloud</h3>');
    expect(reportHtml(reportOf({ 'p.yaml': BASE }, '2026-11-28'))).not.toContain('id="externals"');
  });

  it(`leaves out the cells of a matrix past ${MATRIX_LIMIT} names and says how to get them`, () => {
    const system = generateSystem({ groups: 500, flows: 600, points: 9 }, 1);
    const r = reportOf(Object.fromEntries(system.files), BENCH_TODAY);
    expect(r.matrixNames.length).toBeGreaterThan(MATRIX_LIMIT);
    expect(r.matrix).toBeUndefined();
    const html = reportHtml(r);
    expect(html).toContain(`${r.matrixNames.length * r.matrixNames.length} cells are more than a page can show`);
    expect(html).not.toContain('<table class="matrix">');
  }, 60_000);
});
