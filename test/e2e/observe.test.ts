import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

const POLICY = 'policies/example-hospital';
const RECORDS = 'examples/observe/ward4e-week.jsonl';
const work = mkdtempSync(join(tmpdir(), 'wardline-observe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const line = (r: object) => JSON.stringify({ packets: 1, bytes: 60, ...r });
/** Connections every one of which the example hospital allows. */
const ALLOWED = [line({ src: '10.20.1.21', dst: '10.50.10.20', proto: 6, dstPort: 443 }), line({ src: '10.20.1.21', dst: '10.50.10.30', proto: 6, dstPort: 2575 })].join('\n');

describe('wardline observe', () => {
  it('prints the sections, blockers first, and exits 1 when an observed connection would be denied', async () => {
    const r = await wardline(['observe', POLICY, RECORDS]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    const text = r.stdout;
    expect(text).toMatch(/^observed 18 connections in 18 records \(1 skipped\)\n/);
    const order = ['Would be denied (rollout blockers: 7 connections', 'Security findings', 'Allowed and used:', 'Allowed but never seen', 'Unrouted / unknown addresses', 'Monitor-mode markers:', 'Skipped (1):'];
    const at = order.map((h) => text.indexOf(h));
    for (const [i, h] of order.entries()) expect(at[i], h).toBeGreaterThan(0);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(text).toContain('  monitors-4e → central-stations  tcp/24105  3 connections, 240 packets, 72,000 bytes, 2026-11-23T07:00:00Z … 2026-11-27T19:30:00Z\n      would be denied by the default deny (no flow allows it)\n');
    expect(text).toContain('      SECURITY: forbidden by guardrail no-medical-to-external (guardrails.yaml:19)');
    expect(text).toContain('      allowed by flow pumps-to-pump-server (flows.yaml:9)');
    expect(text).toContain('matches no guardrail or enforcement point of this policy');
    expect(text).toContain(`  ${RECORDS}, record 19: "not-an-address" is not an IPv4 or IPv6 address`);
  });

  it('exits 0 when nothing observed would be denied; reads standard input; the policy defaults to the working directory', async () => {
    const r = await wardline(['observe', '-'], { cwd: join(REPO, POLICY), input: ALLOWED });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  none: enforcing this policy cuts nothing observed');
  });

  it('--for answers "talks to" and "is talked to by" for one group, with services, counts and verdicts', async () => {
    const r = await wardline(['observe', POLICY, RECORDS, '--for', 'infusion-pumps-4e']);
    expect(r.exitCode).toBe(1);
    const talks = r.stdout.slice(r.stdout.indexOf('infusion-pumps-4e talks to:'), r.stdout.indexOf('infusion-pumps-4e is talked to by:'));
    expect(talks).toContain('  pump-server  https  3 connections');
    expect(talks).toContain('  external  https  2 connections');
    const by = r.stdout.slice(r.stdout.indexOf('infusion-pumps-4e is talked to by:'), r.stdout.indexOf('Would be denied'));
    expect(by).toContain('  pump-server  tcp/8443  1 connection');
    expect(by).toContain('  staff  tcp/8443  1 connection');
    expect(r.stdout).not.toContain('monitors-4e →');
  });

  it('json is one document with the sections and counts; csv and markdown say the same', async () => {
    const json = JSON.parse((await wardline(['observe', POLICY, RECORDS, '-f', 'json'])).stdout);
    expect(Object.keys(json)).toEqual(['focus', 'records', 'summary', 'wouldDeny', 'allowed', 'notFiltered', 'neverSeen', 'notJudged', 'unknownAddresses', 'unknownOverflow', 'markers']);
    expect(json.summary).toMatchObject({ connections: 18, wouldDeny: 7, securityFindings: 3, allowed: 8, staleMarkers: 1 });
    expect(json.wouldDeny[0]).toMatchObject({ from: 'infusion-pumps-4e', to: 'external', verdict: 'deny', securityFinding: true });
    expect(json.records).toMatchObject({ observed: 18, problems: 1 });
    const csv = (await wardline(['observe', POLICY, RECORDS, '-f', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toBe('section,from,to,service,verdict,decided_by,connections,packets,bytes,first,last');
    expect(csv.filter((l) => l.startsWith('would-deny,')).length).toBe(4);
    expect(csv.filter((l) => l.startsWith('security-finding,')).length).toBe(2);
    const md = (await wardline(['observe', POLICY, RECORDS, '-f', 'markdown'])).stdout;
    expect(md).toMatch(/^### wardline observe\n\n18 connections observed: \*\*7 would be denied\*\*/);
    expect(md).toContain('| monitors-4e | central-stations | tcp/24105 | 3 |');
  });

  it('the same records give the same bytes', async () => {
    const a = await wardline(['observe', POLICY, RECORDS, '-f', 'json']);
    const b = await wardline(['observe', POLICY, RECORDS, '-f', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--suggest: the flows pass check when added to the policy, and the records observed again leave only what it refused', async () => {
    const policy = join(work, 'policy');
    cpSync(join(REPO, POLICY), policy, { recursive: true });
    const out = join(policy, 'observed-flows.yaml');
    const r = await wardline(['observe', policy, join(REPO, RECORDS), '--suggest', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Would be denied');
    const yaml = readFileSync(out, 'utf8');
    const flows = (parse(yaml) as { flows: { id: string; from: unknown; to: unknown; services: string[]; why: string; owner?: string }[] }).flows;
    expect(flows.map((f) => `${f.id}: ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)} ${f.services.join(',')}`)).toEqual([
      'observed-infusion-pumps-4e-to-web-proxy: "infusion-pumps-4e" → "web-proxy" http-proxy',
      'observed-monitors-4e-to-central-stations: "monitors-4e" → "central-stations" tcp/24105',
      'observed-staff-to-pacs: "10.30.17.5" → "pacs" tcp/8080',
    ]);
    for (const f of flows) {
      expect(f.why).toMatch(/^observed \d+ connections? \S+…\S+$/);
      expect(f.owner).toBeUndefined();
    }
    expect(yaml).toContain('#   pump-server -> infusion-pumps-4e tcp/8443 (1 connection): a flow for it would break expectation');
    const check = await wardline(['check', policy]);
    expect(check.exitCode, check.stdout).toBe(0);
    // Owner left out on purpose: check warns where the flow reaches a medical device.
    expect(check.stdout).toContain('flow "observed-monitors-4e-to-central-stations" reaches devices labelled medical but has no owner  WL506');
    const again = JSON.parse((await wardline(['observe', policy, join(REPO, RECORDS), '-f', 'json'])).stdout);
    expect(again.wouldDeny.filter((w: { securityFinding: boolean }) => !w.securityFinding).map((w: { from: string; to: string }) => `${w.from} → ${w.to}`)).toEqual(['pump-server → infusion-pumps-4e']);
    expect(again.allowed.map((a: { decidedBy: { id: string }[] }) => a.decidedBy[0]!.id)).toEqual(expect.arrayContaining(flows.map((f) => f.id)));
  });

  it('--suggest on records it can all allow: after adding its flows nothing observed is denied', async () => {
    const policy = join(work, 'policy-clean');
    cpSync(join(REPO, POLICY), policy, { recursive: true });
    const records = join(work, 'clean.jsonl');
    writeFileSync(records, [ALLOWED, line({ src: '10.20.2.31', dst: '10.40.1.20', proto: 6, dstPort: 24105 }), line({ src: '10.20.1.22', dst: '10.51.0.30', proto: 6, dstPort: 3128 })].join('\n'));
    const suggested = await wardline(['observe', policy, records, '--suggest']);
    expect(suggested.exitCode).toBe(1);
    writeFileSync(join(policy, 'observed.yaml'), suggested.stdout);
    expect((await wardline(['check', policy])).exitCode).toBe(0);
    const again = await wardline(['observe', policy, records]);
    expect(again.exitCode).toBe(0);
  });

  it('refuses what it cannot do with exit 2 and one line: an unknown --for, no records, an unknown format, a missing file, overwriting a policy file', async () => {
    const unknown = await wardline(['observe', POLICY, RECORDS, '--for', 'infusion-pump-4e']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe('wardline: --for infusion-pump-4e: no group or zone of that name in the policy; did you mean infusion-pumps-4e?\n');
    const none = await wardline(['observe', POLICY]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('no records to observe');
    const format = await wardline(['observe', POLICY, '-'], { input: 'Date first seen,Duration\n' });
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toMatch(/^wardline: <stdin>:1: cannot tell which flow-record format this is .*Name it with --input-format: flow-jsonl, nfdump-csv, /);
    const missing = await wardline(['observe', POLICY, 'no-such-records.jsonl']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^wardline: no-such-records.jsonl: no such file\n$/);
    const policy = join(work, 'policy-keep');
    cpSync(join(REPO, POLICY), policy, { recursive: true });
    const before = readFileSync(join(policy, 'flows.yaml'), 'utf8');
    const over = await wardline(['observe', policy, join(REPO, RECORDS), '--suggest', '-o', join(policy, 'flows.yaml')]);
    expect(over.exitCode).toBe(2);
    expect(readFileSync(join(policy, 'flows.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(policy, 'flows.yaml'))).toBe(true);
  });
});
