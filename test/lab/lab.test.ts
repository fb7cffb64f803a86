import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';
import { labAvailable, leftovers, runIdOf } from './lab-available.js';

const { ok: available, required } = labAvailable;
const FIXTURE = 'test/lab/fixtures/two-zones';
const TWO_SUBNETS = 'test/lab/fixtures/two-subnets';

describe.skipIf(!available && !required)('wardline lab (kernel)', () => {
  it('has its prerequisites', () => {
    expect(available, labAvailable.why).toBe(true);
  });

  it('agrees with the simulator on every probe of a two-zone policy and leaves no namespace behind', async () => {
    const r = await wardline(['lab', FIXTURE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.disagree, r.stdout).toBe(0);
    expect(doc.agree).toBe(doc.probes.length);
    expect(doc.probes.some((p: { probe: string; kernel: string }) => p.probe === 'tcp/443' && p.kernel === 'allowed')).toBe(true);
    expect(doc.probes.some((p: { kernel: string }) => p.kernel === 'blocked')).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/probed \d+ of \d+/);
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 60_000);

  it('agrees with the simulator on every group pair and service of the example hospital', async () => {
    const r = await wardline(['lab', 'policies/example-hospital', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { hosts: { name: string }[]; probes: { probe: string; from: string; to: string; agree: boolean }[]; disagree: number };
    expect(doc.probes.filter((p) => !p.agree), r.stderr).toEqual([]);
    expect(doc.disagree).toBe(0);
    expect(r.exitCode).toBe(0);
    // Every service of the example is probed between every two hosts of one family (but inside an isolated zone).
    const kinds = new Set(doc.probes.map((p) => p.probe));
    for (const k of ['tcp/22', 'tcp/443', 'tcp/2575', 'tcp/11112', 'udp/53', 'udp/123', 'udp/514', 'icmp/echo']) expect(kinds).toContain(k);
    const pairs = new Set(doc.probes.map((p) => `${p.from}>${p.to}`));
    expect(doc.probes.length).toBe(pairs.size * kinds.size);
    expect(pairs).toContain('staff>emr-app');
    expect(pairs).toContain('infusion-pumps-4e>pump-server');
    expect(pairs).toContain('guest-wifi>pump-server');
    // Link-local isolation on a real bridge for each isolated zone, as the simulator says (test/lab/isolation.test.ts).
    const isolation = (JSON.parse(r.stdout) as { isolation: { zone: string; packet: string; kernel: string; agree: boolean }[] }).isolation;
    expect([...new Set(isolation.map((i) => i.zone))]).toEqual(['guest-wifi', 'icu-monitoring', 'quarantine', 'ward4e-devices', 'ward5-devices']);
    expect(isolation.filter((i) => !i.agree)).toEqual([]);
    expect(isolation.find((i) => i.zone === 'ward5-devices' && i.packet === 'udp fe80::a -> fe80::b port 40404')?.kernel).toBe('dropped');
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 240_000);

  it('fails, showing the disagreement, when the loaded ruleset is edited by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardline-lab-'));
    const out = mkdtempSync(join(tmpdir(), 'wardline-lab-out-'));
    const c = await wardline(['compile', FIXTURE, '-o', out]);
    expect(c.exitCode).toBe(0);
    const original = readFileSync(join(out, 'r1', 'ruleset.nft'), 'utf8');
    // One line changed: the https flow's accept becomes a drop.
    const edited = original.replace(/(tcp dport 443[^\n]*) accept/, '$1 drop');
    expect(edited).not.toBe(original);
    writeFileSync(join(dir, 'ruleset.nft'), edited);
    const r = await wardline(['lab', FIXTURE, '--point', 'r1', '--ruleset', join(dir, 'ruleset.nft')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('tcp/443 ga 10.1.0.138 -> gb 10.2.0.138: kernel blocked, simulator allows');
    expect(r.stdout).toMatch(/\d+ agree, [1-9]\d* disagree\n$/);
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 60_000);

  it('routes between two subnets of one zone through the router, whose ruleset must pass them (and can fail to)', async () => {
    const good = await wardline(['lab', TWO_SUBNETS, '--format', 'json']);
    const doc = JSON.parse(good.stdout) as { probes: { probe: string; from: string; to: string; kernel: string; agree: boolean }[]; disagree: number };
    expect(doc.disagree, good.stderr).toBe(0);
    // A host of each subnet lives in its own namespace: these probes cross the router's forward chain.
    const across = doc.probes.filter((p) => p.probe === 'tcp/443' && p.from === 'ga' && p.to === 'ga#2');
    expect(across).toEqual([expect.objectContaining({ kernel: 'allowed', agree: true })]);
    expect(good.exitCode).toBe(0);
    expect(leftovers(runIdOf(good.stderr))).toEqual([]);

    const out = mkdtempSync(join(tmpdir(), 'wardline-lab-out-'));
    expect((await wardline(['compile', TWO_SUBNETS, '-o', out])).exitCode).toBe(0);
    const original = readFileSync(join(out, 'r1', 'ruleset.nft'), 'utf8');
    // The zone's segment rule turned into a drop: what the simulator calls one segment is now cut at the router.
    const edited = original.replace(/(ip saddr @zone-a_v4 ip daddr @zone-a_v4 counter) accept/, '$1 drop');
    expect(edited).not.toBe(original);
    writeFileSync(join(out, 'edited.nft'), edited);
    const bad = await wardline(['lab', TWO_SUBNETS, '--point', 'r1', '--ruleset', join(out, 'edited.nft')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('tcp/443 ga 10.1.0.138 -> ga#2 10.9.0.138: kernel blocked, simulator allows');
    expect(leftovers(runIdOf(bad.stderr))).toEqual([]);
  }, 90_000);
});
