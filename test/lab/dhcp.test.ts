import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDhcpTools } from '../../src/lab/dhcp.js';
import { wardline } from '../support/cli.js';
import { labAvailable, leftovers, runIdOf } from './lab-available.js';

// A real DHCP server (dnsmasq) in the server zone, dnsmasq's relay in the router, dhclient in the ward: the client gets a
// lease through the compiled ruleset, and none once the rule for its broadcasts to the relay is taken out.
const FIXTURE = 'test/lab/fixtures/dhcp-relay';
const { ok: available, required } = labAvailable;
const tools = missingDhcpTools();

describe.skipIf(!available && !required)('wardline lab: DHCP through the relay', () => {
  it('has its DHCP programs (dnsmasq, dhclient)', () => {
    expect(tools, `${labAvailable.why}; DHCP probes need dnsmasq and dhclient`).toEqual([]);
  });

  it('a client in the relaying zone gets a lease through the compiled ruleset', async () => {
    const r = await wardline(['lab', FIXTURE, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { dhcp: { zone: string; kernel: string; simulator: string; agree: boolean }[]; disagree: number };
    expect(doc.dhcp.map((d) => `${d.zone} ${d.kernel} ${d.simulator}`), r.stderr).toEqual(['wards leased relayed']);
    expect(doc.disagree).toBe(0);
    expect(r.exitCode).toBe(0);
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 60_000);

  it('loses it when the ruleset stops its broadcasts to the relay, and the lab says so', async () => {
    const printed = await wardline(['lab', FIXTURE, '--print-ruleset']);
    expect(printed.exitCode).toBe(0);
    const rule = /\n[^\n]*iifname "wz\d+s\*" ip saddr @wards-dhcp-src_v4 ip daddr @wards-dhcp-dst_v4 udp dport 67 counter accept/;
    expect(printed.stdout).toMatch(rule);
    const dir = mkdtempSync(join(tmpdir(), 'wardline-lab-dhcp-'));
    writeFileSync(join(dir, 'ruleset.nft'), printed.stdout.replace(rule, ''));
    const r = await wardline(['lab', FIXTURE, '--ruleset', join(dir, 'ruleset.nft')]);
    expect(r.stdout).toMatch(/dhcp ! zone wards through the relay to 10\.2\.0\.10: no lease within \d+ ms; simulator relays it/);
    expect(r.exitCode).toBe(1);
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 60_000);
});
