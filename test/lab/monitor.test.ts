import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';
import { labAvailable, leftovers, runIdOf } from './lab-available.js';

const { ok: available, required } = labAvailable;
const MONITOR = 'test/lab/fixtures/monitor';

describe.skipIf(!available && !required)('wardline lab: monitor mode (kernel)', () => {
  it('monitor mode on the kernel: every probe enforce would block passes and leaves one log record with its marker; enforce is unchanged', async () => {
    type Doc = { probes: { probe: string; from: string; to: string; kernel: string }[]; monitorLog: { probe: string; from: string; to: string; marker: string | null; records: string[]; agree: boolean }[]; disagree: number };
    const r = await wardline(['lab', MONITOR, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.disagree, r.stderr).toBe(0);
    expect(r.exitCode).toBe(0);
    const monitored = doc.monitorLog.filter((m) => m.marker !== null);
    expect(monitored.length).toBeGreaterThan(20);
    expect(monitored.every((m) => m.records.length === 1 && m.records[0] === m.marker)).toBe(true);
    expect(doc.monitorLog.filter((m) => m.marker === null).every((m) => m.records.length === 0)).toBe(true);
    // The ward's unplanned traffic passes, logged as the ward's default; the guardrail keeps the guest off the pumps.
    expect(monitored.some((m) => m.probe === 'tcp/9' && m.from === 'pumps' && m.to === 'pump-server')).toBe(true);
    expect(doc.probes.find((p) => p.probe === 'tcp/443' && p.from === 'guest' && p.to === 'pumps')?.kernel).toBe('blocked');
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);

    // The same policy enforced: what monitor mode passed is blocked, and nothing is logged as monitored.
    const dir = mkdtempSync(join(tmpdir(), 'wardline-lab-enforce-'));
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(join(MONITOR, 'policy.yaml'), 'utf8').replace(', mode: monitor', ''));
    const enforced = JSON.parse((await wardline(['lab', dir, '--format', 'json'])).stdout) as Doc & { monitorLog?: unknown };
    expect(enforced.disagree).toBe(0);
    expect(enforced.monitorLog).toBeUndefined();
    expect(enforced.probes.find((p) => p.probe === 'tcp/9' && p.from === 'pumps' && p.to === 'pump-server')?.kernel).toBe('blocked');

    // A ruleset whose monitor rules lost their log statement passes the traffic but logs nothing: the lab says so.
    const out = mkdtempSync(join(tmpdir(), 'wardline-lab-out-'));
    expect((await wardline(['compile', MONITOR, '-o', out])).exitCode).toBe(0);
    const original = readFileSync(join(out, 'r1', 'ruleset.nft'), 'utf8');
    const silent = original.replace(/ log prefix "wlmon-[^"]*"/g, '');
    expect(silent).not.toBe(original);
    writeFileSync(join(out, 'silent.nft'), silent);
    const bad = await wardline(['lab', MONITOR, '--point', 'r1', '--ruleset', join(out, 'silent.nft')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/! tcp\/9 pumps [\d.]+ -> pump-server [\d.]+: 0 record\(s\) , expected one with wlmon-[0-9a-f]{8}/);
    expect(leftovers(runIdOf(bad.stderr))).toEqual([]);
  }, 120_000);
});
