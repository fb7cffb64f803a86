import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPolicySources } from '../../src/lang/source-files.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { ICMP, TCP, UDP } from '../../src/net/service.js';
import { simulator, type Simulator } from '../../src/sim/simulator.js';
import { REPO, wardline } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

// import(export(G)) allows exactly what G allows (issue 18): a group's access written as MUD and read back as flows.
// The trip runs through the CLI; the two policies are then asked about every connection from and to the group.
// The example gains externals known by DNS name (one resolved by a dns: entry, two not), which the pump server
// reaches and is reached from: they go out as dst-dnsname / src-dnsname and come back as the same externals (found
// in --policy by fqdn, whatever its case).

const work = mkdtempSync(join(tmpdir(), 'wardline-mud-trip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The example's own externals.yaml has pump-vendor-cloud and the pump server's flow to it.
const EXTERNALS = `wardline: 1
externals:
  pump-vendor-relay: { fqdn: Relay.Pump-Vendor.example. }
  pump-telemetry: { fqdn: telemetry.pump-vendor.example }
dns:
  telemetry.pump-vendor.example: [198.51.100.20, 2001:db8:51::20]
`;
const DNS_FLOWS = `wardline: 1
flows:
  - { id: pump-server-telemetry, from: pump-server, to: pump-telemetry, services: [tcp/8777], why: Fleet telemetry }
  - { id: relay-to-pump-server, from: pump-vendor-relay, to: pump-server, services: [tcp/8443], why: Vendor relay }
`;
/** The example hospital with the externals and their flows. */
const example = join(work, 'original', 'example-hospital');
cpSync(join(REPO, 'policies'), join(work, 'original'), { recursive: true });
writeFileSync(join(example, 'vendor-externals.yaml'), EXTERNALS);
writeFileSync(join(example, 'dns-flows.yaml'), DNS_FLOWS);

async function load(dir: string): Promise<Simulator> {
  const { policy, diagnostics } = loadPolicy(await readPolicySources([dir]), { today: TODAY });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulator(policy);
}

/** The example's definitions (its externals too) without its flows, guardrails and expectations: only the imported flows allow anything. */
function bare(dir: string): void {
  cpSync(join(work, 'original'), dir, { recursive: true });
  for (const f of ['flows.yaml', 'dns-flows.yaml', 'guardrails.yaml', 'expect.yaml']) rmSync(join(dir, 'example-hospital', f));
}

describe('MUD round trip', () => {
  it.each(['infusion-pumps-4e', 'pump-server', 'lab-analyzers'])('%s: import(export(G)) allows exactly what G allows', { timeout: 60_000 }, async (group) => {
    const mud = join(work, `${group}.json`);
    const exported = await wardline(['export', 'mud', group, example, '--url', `https://mud.example.org/${group}.json`, '-o', mud, '--today', TODAY]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const dir = join(work, `trip-${group}`);
    bare(dir);
    const policy = join(dir, 'example-hospital');
    const imported = await wardline(['import', 'mud', mud, '--group', group, '--policy', policy]);
    expect(imported.exitCode, imported.stderr).toBe(0);
    writeFileSync(join(policy, 'imported-flows.yaml'), imported.stdout);
    const check = await wardline(['check', policy, '--today', TODAY]);
    expect(check.exitCode, check.stdout).toBe(0);

    const original = await load(example);
    const trip = await load(policy);
    const { atoms } = original.engine;
    const mine = original.engine.identityAtoms.get(group)!;
    const hosts = Array.from({ length: atoms.count }, (_, a) => atoms.atomHost(a));
    const ports = [...new Set([22, 53, 80, 104, 123, 443, 514, 2575, 6514, 8443, 9443, 11112, 24100])];
    // Every atom of the group against every atom, both ways, on the policy's ports; then random ports and protocols.
    const differ: string[] = [];
    const compare = (src: bigint, dst: bigint, proto: number, port: number) => {
      const p = { src, dst, proto, port };
      const [was, now] = [original.decide(p), trip.decide(p)];
      if (was !== now) differ.push(`${src} -> ${dst} ${proto}/${port}: ${was}, after the trip ${now}`);
    };
    for (const a of mine) {
      for (const other of hosts) {
        for (const port of ports) for (const proto of [TCP, UDP]) {
          compare(atoms.atomHost(a), other, proto, port);
          compare(other, atoms.atomHost(a), proto, port);
        }
        compare(atoms.atomHost(a), other, ICMP, 8 * 256);
        compare(other, atoms.atomHost(a), ICMP, 8 * 256);
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...mine), fc.nat(hosts.length - 1), fc.constantFrom(TCP, UDP), fc.integer({ min: 1, max: 65535 }), fc.boolean(), (a, o, proto, port, out) => {
        const [x, y] = out ? [atoms.atomHost(a), hosts[o]!] : [hosts[o]!, atoms.atomHost(a)];
        compare(x, y, proto, port);
        return true;
      }),
      { seed: 20261205, numRuns: 2000 },
    );
    expect(differ.slice(0, 5)).toEqual([]);
    // Not vacuous: the group does reach something.
    const yaml = readFileSync(join(policy, 'imported-flows.yaml'), 'utf8');
    expect(yaml).toMatch(/- id: /);
    // The names came back as the policy's externals, none defined anew.
    expect(yaml).not.toMatch(/^externals:/m);
    if (group === 'pump-server') for (const name of ['pump-vendor-cloud', 'pump-vendor-relay', 'pump-telemetry']) expect(yaml, name).toMatch(new RegExp(`^    (from|to): ${name}$`, 'm'));
  });
});
