import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';
import { labAvailable, leftovers, runIdOf } from './lab-available.js';

// Two stations of an isolated, dual-stack ward on a Linux bridge whose nftables bridge filter is the ward's compiled
// isolation: real link-local, broadcast and multicast packets are dropped, duplicate address detection and the DHCP
// broadcast to the relay pass, exactly as the simulator's decideSwitched says; and a filter that lets through more
// shows, packet by packet.
const FIXTURE = 'test/lab/fixtures/isolated-ward';
const { ok: available, required } = labAvailable;

describe.skipIf(!available && !required)('wardline lab: port isolation on a real link', () => {
  it('has its prerequisites', () => {
    expect(available, labAvailable.why).toBe(true);
  });

  it('drops link-local, broadcast and multicast between the stations and keeps DAD and DHCP, as the simulator says', async () => {
    const r = await wardline(['lab', FIXTURE, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { isolation: { zone: string; packet: string; kernel: string; simulator: string; agree: boolean }[]; disagree: number };
    const kernel = new Map(doc.isolation.map((i) => [i.packet, i.kernel]));
    expect(kernel.get('dad fe80::a (neighbour solicitation from ::)'), r.stderr).toBe('forwarded');
    expect(kernel.get('udp 10.1.0.2 -> 255.255.255.255 port 67')).toBe('forwarded');
    for (const packet of [
      'udp fe80::a -> fe80::b port 40404',
      'icmp fe80::a -> fe80::b echo',
      'tcp 169.254.10.1 -> 169.254.10.2 port 40404',
      'udp 10.1.0.2 -> 10.1.0.255 port 40404',
      'udp 10.1.0.2 -> 224.0.0.251 port 40404',
      'udp fe80::a -> ff02::fb port 40404',
      'tcp fd00:1::2 -> fd00:1::3 port 40404',
    ]) {
      expect(kernel.get(packet), packet).toBe('dropped');
    }
    expect(doc.isolation.every((i) => i.agree)).toBe(true);
    expect(doc.disagree).toBe(0);
    expect(r.exitCode).toBe(0);
    expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  }, 60_000);

  it('can fail: with no filter on the bridge, every packet between the stations arrives and disagrees', async () => {
    const wrong = await withFilter(() => 'table bridge wardline_isolation {\n}\n');
    expect(wrong.length).toBeGreaterThan(40);
    expect(wrong.every((w) => w.kernel === 'forwarded' && w.simulator === 'dropped')).toBe(true);
    expect(wrong.map((w) => w.packet)).toContain('udp fe80::a -> fe80::b port 40404');
  }, 60_000);

  it('can fail: a filter cut back to the zone\'s subnets (isolation as it was) lets link-local and multicast through', async () => {
    const wrong = (await withFilter((f) => f.replace(/, (169\.254\.0\.0\/16|224\.0\.0\.0\/4|255\.255\.255\.255\/32|fe80::\/10|ff00::\/8)\b/g, ''))).map((w) => w.packet);
    expect(wrong).toContain('udp 169.254.10.1 -> 169.254.10.2 port 40404');
    expect(wrong).toContain('udp 10.1.0.2 -> 224.0.0.251 port 40404');
    expect(wrong).toContain('icmp fe80::a -> fe80::b echo');
    expect(wrong).not.toContain('tcp 10.1.0.2 -> 10.1.0.3 port 40404');
  }, 60_000);
});

/** Runs the lab with the ward's bridge filter edited by `edit` (from --print-isolation); the disagreeing packets. */
async function withFilter(edit: (filter: string) => string): Promise<{ packet: string; kernel: string; simulator: string }[]> {
  const printed = await wardline(['lab', FIXTURE, '--print-isolation', 'ward']);
  expect(printed.exitCode, printed.stderr).toBe(0);
  expect(printed.stdout).toMatch(/^table bridge wardline_isolation \{\n  chain forward \{\n/);
  const dir = mkdtempSync(join(tmpdir(), 'wardline-lab-isolation-'));
  writeFileSync(join(dir, 'filter.nft'), edit(printed.stdout));
  const r = await wardline(['lab', FIXTURE, '--isolation-filter', `ward=${join(dir, 'filter.nft')}`, '--format', 'json']);
  expect(r.exitCode, r.stderr).toBe(1);
  expect(leftovers(runIdOf(r.stderr))).toEqual([]);
  const doc = JSON.parse(r.stdout) as { isolation: { packet: string; kernel: string; simulator: string; agree: boolean }[] };
  return doc.isolation.filter((i) => !i.agree);
}
