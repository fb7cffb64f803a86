import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { formatKey } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import { simulator } from '../../src/sim/simulator.js';
import { sourcesOf, TODAY, type PolicyFiles } from '../support/policy.js';

/** A ward behind an IOS switch (addresses only), servers behind PAN-OS (FQDN objects), two vendor clouds by name. */
const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22, "fd00:20::/64"], gateway: [10.20.0.1, "fd00:20::1"], via: sw1, labels: [medical] }
  dc: { vlan: 500, subnets: [10.50.0.0/24, "fd00:50::/64"], gateway: [10.50.0.1, "fd00:50::1"], via: dc-fw }
groups:
  pumps: { zone: ward, addresses: [10.20.1.0/24] }
  pump-server: { zone: dc, addresses: [10.50.0.20, "fd00:50::20"] }
externals:
  pump-cloud: { fqdn: Drug-Library.Pump-Vendor.Example., labels: [vendor-cloud] }
  monitor-cloud: { fqdn: telemetry.monitor-vendor.example }
flows:
  - { id: server-to-cloud, from: pump-server, to: pump-cloud, services: [https], why: drug library updates }
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https], why: pump server }
  - { id: server-to-monitor-cloud, from: pump-server, to: monitor-cloud, services: [https], why: telemetry }
guardrails:
  - { id: no-medical-to-external, never: { from: "label:medical", to: external }, why: medical devices do not call out }
enforcement:
  sw1: { platform: cisco-ios }
  dc-fw: { platform: paloalto-panos }
`;

const RESOLVED = 'wardline: 1\ndns:\n  drug-library.pump-vendor.example: [203.0.113.10, "2001:db8:113::10"]\n';

function loaded(files: PolicyFiles) {
  const checked = checkPolicy(sourcesOf(files), TODAY);
  expect(checked.findings.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return checked.policy;
}

describe('externals known by DNS name', () => {
  it('stand for two stand-in addresses, one per family, alone in their interval, until the policy resolves them', () => {
    const policy = loaded({ 'policy.yaml': POLICY });
    const names = buildAddressPlan(policy).names;
    expect(names.all.map((e) => `${e.name} ${e.fqdn.value}`)).toEqual(['monitor-cloud telemetry.monitor-vendor.example', 'pump-cloud drug-library.pump-vendor.example']);
    expect(names.set('monitor-cloud').map(([lo, hi]) => `${formatKey(lo)}-${formatKey(hi)}`)).toEqual(['240.0.0.1-240.0.0.1', '100::1-100::1']);
    expect(names.set('pump-cloud').map(([lo]) => formatKey(lo))).toEqual(['240.0.0.3', '100::3']);
    expect(names.resolved('pump-cloud')).toBe(false);
    expect(names.keyText(names.set('pump-cloud')[0]![0])).toBe('drug-library.pump-vendor.example');

    const resolved = buildAddressPlan(loaded({ 'policy.yaml': POLICY, 'dns.yaml': RESOLVED })).names;
    expect(resolved.resolved('pump-cloud')).toBe(true);
    expect(resolved.set('pump-cloud').map(([lo]) => formatKey(lo))).toEqual(['203.0.113.10', '2001:db8:113::10']);
    expect(iv.isEmpty(iv.intersect(resolved.set('pump-cloud'), resolved.standIns))).toBe(true);
    expect(resolved.sources('pump-cloud').map((s) => `${s.kind} ${s.loc.file}:${s.loc.range.start.line + 1}`)).toEqual(['dns dns.yaml:3', 'dns dns.yaml:3']);
  });

  it('are answered by name and by fqdn, examples show the name, and the answer says it depends on DNS', () => {
    const sim = simulator(loaded({ 'policy.yaml': POLICY }));
    const byName = sim.query('pump-server', 'pump-cloud', 'https');
    expect(byName.verdict).toBe('allow');
    expect(byName.decidedBy.map((d) => d.id)).toEqual(['server-to-cloud']);
    expect(byName.example?.dst).toBe('drug-library.pump-vendor.example');
    expect(byName.notes.some((n) => n.startsWith('depends on DNS: pump-cloud is drug-library.pump-vendor.example, which no address in the policy pins'))).toBe(true);
    expect(sim.query('pump-server', 'DRUG-LIBRARY.pump-vendor.example', 'https').verdict).toBe('allow');
    // The other name is another endpoint: the flow to one allows nothing to the other.
    expect(sim.query('pump-server', 'monitor-cloud', 'ssh').verdict).toBe('deny');
    // An address no name resolves to is external, not a name: no DNS note.
    const plain = sim.query('pump-server', '198.51.100.7', 'https');
    expect(plain.verdict).toBe('deny');
    expect(plain.notes.filter((n) => n.startsWith('depends on DNS'))).toEqual([]);
    // The guardrail sees the name as external: the ward's pumps may not call the cloud.
    expect(sim.query('pumps', 'pump-cloud', 'https').verdict).toBe('deny');
    expect(sim.query('pumps', 'label:vendor-cloud').verdict).toBe('deny');
  });

  it('resolved, are answered by their addresses, and an answer for such an address names the name and the entry', () => {
    const sim = simulator(loaded({ 'policy.yaml': POLICY, 'dns.yaml': RESOLVED }));
    const byAddress = sim.query('pump-server', '203.0.113.10', 'https');
    expect(byAddress.verdict).toBe('allow');
    expect(byAddress.notes.filter((n) => n.startsWith('depends on DNS'))).toEqual([
      'depends on DNS: pump-cloud is drug-library.pump-vendor.example, taken to resolve to 203.0.113.10/32, 2001:db8:113::10/128 (dns.yaml:3): the devices match these addresses, so the answer holds while the name resolves there',
    ]);
    expect(sim.query('pump-server', '203.0.113.11', 'https').verdict).toBe('deny');
  });

  it('compile to IR the simulator agrees with, resolved on a switch and by name on a firewall', () => {
    for (const files of [{ 'policy.yaml': POLICY }, { 'policy.yaml': POLICY, 'dns.yaml': RESOLVED }]) {
      const policy = loaded(files);
      const programs = compilePolicy(policy);
      const result = validateTranslation(policy, buildAddressPlan(policy), programs, simulator(policy));
      expect(result.disagreements.slice(0, 3)).toEqual([]);
      const fw = programs.find((p) => p.point === 'dc-fw')!;
      const named = fw.objects.filter((o) => o.fqdns).map((o) => `${o.name} ${o.fqdns!.join(',')} [${o.prefixes.join(',')}]`);
      expect(named).toEqual(
        'dns.yaml' in files
          ? ['monitor-cloud_v4 telemetry.monitor-vendor.example []', 'monitor-cloud_v6 telemetry.monitor-vendor.example []']
          : ['monitor-cloud_v4 telemetry.monitor-vendor.example []', 'monitor-cloud_v6 telemetry.monitor-vendor.example []', 'pump-cloud_v4 drug-library.pump-vendor.example []', 'pump-cloud_v6 drug-library.pump-vendor.example []'],
      );
    }
  });

  it('can fail: an FQDN object of the wrong name in the IR shows up as a disagreement', () => {
    const policy = loaded({ 'policy.yaml': POLICY });
    const programs = compilePolicy(policy);
    const fw = programs.find((p) => p.point === 'dc-fw')!;
    for (const o of fw.objects) if (o.fqdns?.[0] === 'drug-library.pump-vendor.example') o.fqdns = ['telemetry.monitor-vendor.example'];
    const result = validateTranslation(policy, buildAddressPlan(policy), programs, simulator(policy));
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements[0]!.packet).toMatch(/→ (240\.0\.0\.3|100::3) tcp\/443$/);
  });
});
