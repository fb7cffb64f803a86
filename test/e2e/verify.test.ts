import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { REPO, wardline } from '../support/cli.js';

// wardline verify and query --config on configuration an engineer edited by hand: the README's example.
const work = mkdtempSync(join(tmpdir(), 'wardline-verify-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const TODAY = ['--today', '2026-11-28'];

/** Replaces one exact text in a compiled file, failing when it is not there (the golden would then prove nothing). */
function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(work, dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to edit for ${String(from)}`);
  writeFileSync(path, next);
}

beforeAll(async () => {
  cpSync(join(REPO, 'policies/example-hospital'), join(work, 'policies/example-hospital'), { recursive: true });
  cpSync(join(REPO, 'test/lab/fixtures/two-zones'), join(work, 'two-zones'), { recursive: true });
  const compiled = await Promise.all([
    wardline(['compile', 'policies/example-hospital', '-o', 'configs', ...TODAY], { cwd: work }),
    wardline(['compile', 'two-zones', '-o', 'small', ...TODAY], { cwd: work }),
  ]);
  for (const c of compiled) expect(c.exitCode, c.stderr).toBe(0);
  cpSync(join(work, 'configs'), join(work, 'edited'), { recursive: true });
  // Semantic edits, one per point: each must be found where it decides.
  edit('edited', 'ward4-sw/config.txt', 'ip access-list extended ward4e-devices-out-v4\n', 'ip access-list extended ward4e-devices-out-v4\n permit tcp any any eq 22\n');
  edit('edited', 'dc-fw/config.txt', 'destination emr-app_v4 source-user any category any application any service tcp-443', 'destination emr-app_v4 source-user any category any application any service any');
  edit('edited', 'edge-fw/config.txt', '        set name "guest-to-internet-v4"\n', '        set name "guest-to-internet-v4"\n        set status disable\n');
  edit('edited', 'lab-router/ruleset.nft', /(chain forward \{[^}]*?)\t\tct state established,related accept\n/, '$1');
  edit('edited', 'biomed-router/rules.v4', '--dports 443,8443,9443', '--dports 443,8443,9444');
  // Cosmetic edits: never drift.
  edit('edited', 'bldgb-core/config.set', 'set vlans staff description "Staff PCs and nursing workstations, wired and corporate Wi-Fi"', 'set vlans staff description "Staff PCs (floors 2-6)"');
  edit('edited', 'icu-sw/config.txt', '    10 10.40.1.1/32\n    20 255.255.255.255/32\n', '    20 255.255.255.255/32\n    10 10.40.1.1/32\n');
  edit('edited', 'ward4-sw/config.txt', ' remark replies to flow pumps-to-hl7-engine (flows.yaml:17)\n', ' remark  HL7 replies, checked by netops 2026-11-30\n');
  edit('edited', 'dc-leaf/dc-leaf-1/config.txt', /\n!\n/, '\n!\n\n');
  // A line no reader knows.
  edit('edited', 'imaging-sw/setup.xsf', 'create vlan imaging tag 300\n', 'create vlan imaging tag 300\nconfigure snmp sysname "radiology-sw"\n');
}, 60_000);

describe('wardline verify', () => {
  it('finds each hand edit where it decides, and nothing for cosmetic edits (the README shows this output)', { timeout: 90_000 }, async () => {
    const r = await wardline(['verify', 'policies/example-hospital', '--config', 'edited', '--ignore-unknown', ...TODAY], { cwd: work, env: { NO_COLOR: '1' } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^wardline: 9 enforcement points read, [\d,]+ packet classes: 7 findings of drift\n$/);
    expectGolden(join(REPO, 'test/golden/verify/hand-edits.txt'), r.stdout);
    const findings = [...r.stdout.matchAll(/^\S+$|^\s+(\d+):\d+\s+(error|warning)\s.*(WL9\d\d)$/gm)].map((m) => m[0].trim().replace(/\s+.*(WL9\d\d)$/, ' $1'));
    expect(findings.join('\n')).toMatch(/biomed-router\/rules\.v4\n.* WL90[12]/);
    for (const [file, code] of [['ward4-sw/config.txt', 'WL901'], ['dc-fw/config.txt', 'WL901'], ['edge-fw/config.txt', 'WL902'], ['lab-router/ruleset.nft', 'WL902'], ['imaging-sw/setup.xsf', 'WL903']]) {
      expect(r.stdout, file).toMatch(new RegExp(`edited/${file.replace(/[./]/g, '\\$&')}\\n(\\s+\\d+:\\d+ .*\\n(\\s+(hint|related): .*\\n)*)*?\\s+\\d+:\\d+\\s+\\w+\\s.*${code}\\n`));
    }
    for (const untouched of ['bldgb-core', 'icu-sw', 'dc-leaf']) expect(r.stdout).not.toContain(`edited/${untouched}/`);
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme, 'the README shows verify on the hand edits as it is').toContain(r.stdout.split('\n').slice(0, 6).join('\n'));
  });

  it('exits 2 on a line no reader understands, and reads single files with --point (the other points as compiled)', async () => {
    const clean = await wardline(['verify', 'two-zones', '--config', 'small', ...TODAY], { cwd: work });
    expect([clean.exitCode, clean.stdout]).toEqual([0, '']);
    expect(clean.stderr).toMatch(/: the configuration decides as the policy\n$/);
    const point = readFileSync(join(work, 'small/r1/ruleset.nft'), 'utf8');
    writeFileSync(join(work, 'r1.nft'), point.replace('chain forward {\n', 'chain forward {\n\t\tmeta mark 0x1 accept\n'));
    const unknown = await wardline(['verify', 'two-zones', '--point', 'r1', 'r1.nft', '--format', 'json', ...TODAY], { cwd: work });
    expect(unknown.exitCode).toBe(2);
    const json = JSON.parse(unknown.stdout) as { code: string; severity: string; file: string }[] | { diagnostics: { code: string; severity: string; file: string }[] };
    const list = Array.isArray(json) ? json : json.diagnostics;
    expect(list.map((d) => [d.code, d.severity, d.file])).toEqual([['WL903', 'error', 'r1.nft']]);
    expect(unknown.stderr).toMatch(/1 line no reader understands/);
    const usage = await wardline(['verify', 'two-zones', '--point', 'r1', ...TODAY], { cwd: work });
    expect([usage.exitCode, usage.stderr]).toEqual([2, 'wardline: --point takes an enforcement point and a file: --point EP FILE\n']);
  });
});

describe('wardline query --config', () => {
  it('answers from the edited configuration along the path, with the lines that decide and where the policy disagrees', async () => {
    const ask = ['query', 'policies/example-hospital', '--from', 'guest-wifi', '--to', 'external', '--service', 'https', ...TODAY];
    const r = await wardline([...ask, '--config', 'edited', '--ignore-unknown'], { cwd: work });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^wardline: edited\/imaging-sw\/setup\.xsf:\d+: not understood .*: configure snmp sysname "radiology-sw"\n$/);
    expect(r.stdout).toMatch(/^from guest-wifi to external \(https\), as the configuration in edited decides it: DENY\n/);
    expect(r.stdout).toMatch(/ edge-fw guest-wifi -> transit policy \d+ "default-deny-v4": edited\/edge-fw\/config\.txt:\d+: edit \d+;/);
    expect(r.stdout).toMatch(/The policy disagrees on \d+ of \d+ packet classes: wardline verify names them\.\n$/);
    const compiled = await wardline([...ask, '--config', 'configs', '--expect', 'allow'], { cwd: work });
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    expect(compiled.stdout).toMatch(/The policy agrees on all \d+ packet classes\.\n$/);
  });
});
