import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-device-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22], via: sw1, labels: [medical] }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
  quarantine: { vlan: 999, subnets: [10.99.0.0/24], via: sw1 }
groups:
  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44], dot1x: [pump-017@biomed.example.org] } }
  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:02:00:10] } }
  pump-server: { zone: dc, addresses: [10.50.0.20] }
flows:
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https], owner: biomed@example.org }
unknown-devices: { zone: quarantine }
enforcement:
  sw1: { platform: cisco-ios }
`;

describe('wardline query --device', () => {
  const json = async (device: string, policy = POLICY) => {
    writeFileSync(join(work, 'p.yaml'), policy);
    const r = await wardline(['query', join(work, 'p.yaml'), '--device', device, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { matchedBy: string; group: string | null; zone: string | null; vlan: number | null; role: string | null; line: number | null; rejected: boolean; reach: { reach: { name: string; services: string }[] } | null };
  };

  it('places a device by its MAC before its OUI (most specific wins), in any notation, with VLAN, role and what it may reach', async () => {
    const monitor = await json('001b.4402.0010');
    expect(monitor).toMatchObject({ matchedBy: 'mac', group: 'monitors', zone: 'ward', vlan: 140, role: 'monitors', line: 8, rejected: false });
    const pump = await json('00-1B-44-99-88-77');
    expect(pump).toMatchObject({ matchedBy: 'oui', group: 'pumps', vlan: 140, line: 7 });
    expect(pump.reach!.reach.find((e) => e.name === 'pump-server')?.services).toBe('tcp/443');
    expect(await json('pump-017@biomed.example.org')).toMatchObject({ matchedBy: 'dot1x', group: 'pumps' });
  });

  it('puts an unknown device where unknown-devices says, or rejects it', async () => {
    expect(await json('aa:bb:cc:dd:ee:ff')).toMatchObject({ matchedBy: 'unknown', group: null, zone: 'quarantine', vlan: 999, rejected: false, line: 12 });
    const rejected = await json('aa:bb:cc:dd:ee:ff', POLICY.replace('unknown-devices: { zone: quarantine }', 'unknown-devices: { reject: true }'));
    expect(rejected).toMatchObject({ matchedBy: 'unknown', zone: null, vlan: null, rejected: true, reach: null });
    writeFileSync(join(work, 'p.yaml'), POLICY);
    const text = await wardline(['query', join(work, 'p.yaml'), '--device', '00:1b:44:02:00:10']);
    expect(text.stdout.split('\n')[0]).toBe('00:1b:44:02:00:10: group monitors (by MAC, p.yaml:8), zone ward, VLAN 140, role monitors');
    const both = await wardline(['query', join(work, 'p.yaml'), '--device', '00:1b:44:02:00:10', '--from', 'pumps']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('--device answers for one device');
  });
});
