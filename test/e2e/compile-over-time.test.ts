import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

// Committed output and `compile --check` over the days: only the policy or an expiry may make it stale.
const work = mkdtempSync(join(tmpdir(), 'wardline-over-time-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const POLICY = `wardline: 1
zones:
  wards: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: r1 }
  servers: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: r1 }
  v6-lab: { vlan: 30, subnets: ["fd00:3::/64"], gateway: "fd00:3::1", via: r1 }
flows:
  - { id: steady, from: wards, to: servers, services: [https] }
  - { id: vendor-support, from: servers, to: wards, services: [ssh], expires: 2027-01-14 }
  - { id: old-pilot, from: wards, to: servers, services: [tcp/8080], expires: 2026-10-31 }
  - { id: v6-trial, from: wards, to: v6-lab, services: [https], expires: 2027-02-01 }
enforcement:
  r1: { platform: linux-nftables }
`;

const policy = join(work, 'policy.yaml');
const out = join(work, 'configs');
const at = (day: string, ...args: string[]) => wardline(['compile', policy, '-o', out, ...args], { env: { WARDLINE_TODAY: day } });
const manifest = () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

beforeAll(() => writeFileSync(policy, POLICY));

describe('compile --check across days', () => {
  it('records the days the output is valid on, not the compile date; the same output on every day of the window', async () => {
    expect((await at('2026-12-01')).exitCode).toBe(0);
    const first = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect(manifest().valid).toEqual({ from: '2026-11-01', through: '2027-01-14' });
    expect(first).not.toContain('2026-12-01');
    expect((await at('2027-01-14')).exitCode).toBe(0);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(first);
  });

  it('passes the next day and on the last live day of the expiring flow', async () => {
    await at('2026-12-01');
    for (const day of ['2026-12-02', '2027-01-14', '2026-11-01']) {
      const r = await at(day, '--check');
      expect({ day, code: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ day, code: 0, stdout: '', stderr: '' });
    }
  });

  it('fails the day after the expiry, naming the flow and its date; passes again once recompiled', async () => {
    await at('2026-12-01');
    const stale = await at('2027-01-15', '--check');
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain(`wardline: ${out} is stale: flow vendor-support expired on 2027-01-14: the committed configuration still allows it\n`);
    expect(stale.stderr).not.toContain('policy changed');
    expect(stale.stdout).toContain(`differs  ${out}/r1/ruleset.nft`);
    expect((await at('2027-01-15')).exitCode).toBe(0);
    expect(manifest().valid).toEqual({ from: '2027-01-15', through: '2027-02-01' });
    expect(await at('2027-01-16', '--check')).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('an expiry that changes no configuration file leaves the output current, with a note to renew the window', async () => {
    await at('2027-01-15');
    const r = await at('2027-02-02', '--check');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("validity window (2027-01-15 through 2027-02-01) has passed, but no configuration file changed");
  });

  it('checked as of a day before the output was compiled: the flows it lacks are named', async () => {
    await at('2026-12-01');
    const r = await at('2026-10-15', '--check');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('flow old-pilot is live through 2026-10-31, but the committed configuration was compiled after it expired and does not allow it');
  });

  it('a changed policy is told apart from an expiry', async () => {
    await at('2026-12-01');
    writeFileSync(policy, POLICY.replace('services: [https] }', 'services: [https, ssh] }'));
    try {
      const r = await at('2027-01-15', '--check');
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('is stale: the policy changed since it was compiled');
      expect(r.stderr).not.toContain('expired on');
    } finally {
      writeFileSync(policy, POLICY);
    }
  });

  it('a hand edit inside the window is named as such', async () => {
    await at('2026-12-01');
    writeFileSync(join(out, 'r1', 'ruleset.nft'), `${readFileSync(join(out, 'r1', 'ruleset.nft'), 'utf8')}# edited\n`);
    const r = await at('2026-12-02', '--check');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('its files differ from what the same policy compiles to: they were edited after compiling');
  });

  it('a policy that stops compiling when a flow expires (an expectation needed it) still names the expiry', async () => {
    writeFileSync(policy, `${POLICY}expect:\n  - can: { from: servers, to: wards, service: ssh }\n`);
    try {
      expect((await at('2026-12-01')).exitCode).toBe(0);
      const r = await at('2027-01-15', '--check');
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('is stale: flow vendor-support expired on 2027-01-14: the committed configuration still allows it');
      expect(r.stderr).toContain('WL601');
    } finally {
      writeFileSync(policy, POLICY);
    }
  });
});
