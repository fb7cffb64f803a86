import { describe, expect, it } from 'vitest';
import { monitorMarker } from '../../src/model/monitor-marker.js';
import { addressKey, parseAddress } from '../../src/net/address.js';
import type { FlowRecord } from '../../src/observe/flow-record.js';
import { observeRecords } from '../../src/observe/observe-records.js';
import { isBlocker, isSecurityFinding, observeReport } from '../../src/observe/observe-report.js';
import { suggestFlows } from '../../src/observe/suggest-flows.js';
import { suggestionYaml } from '../../src/observe/render/suggestion-yaml.js';
import { simulator } from '../../src/sim/simulator.js';
import { exampleSimulator } from '../sim/example.js';
import { load } from '../support/policy.js';

const tcp = (src: string, dst: string, port: number, extra: Partial<FlowRecord> = {}): FlowRecord => ({ src, dst, proto: 6, dstPort: port, packets: 10, bytes: 1000, ...extra });
const key = (a: string) => {
  const p = parseAddress(a)!;
  return addressKey(p.family, p.value);
};

const PUMP = '10.20.1.21';
const PUMP_SERVER = '10.50.10.20';
const STAFF_PC = '10.30.17.5';

describe('observe: aggregation', () => {
  it('adds up connections, packets and bytes per identity pair and service, first and last seen across records', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [
      tcp(PUMP, PUMP_SERVER, 443, { first: '2026-11-23T08:00:00Z', last: '2026-11-23T08:00:05Z' }),
      tcp('10.20.1.99', PUMP_SERVER, 443, { packets: 5, bytes: 300, first: '2026-11-20T01:00:00Z', last: '2026-11-20T01:00:01Z' }),
      tcp(PUMP, PUMP_SERVER, 8443, { first: '2026-11-25T00:00:00Z' }),
    ]);
    expect(obs.records).toBe(3);
    const https = obs.rows.find((r) => r.service === 'https')!;
    expect(https).toMatchObject({ from: 'infusion-pumps-4e', fromKind: 'group', to: 'pump-server', toKind: 'group', connections: 2, packets: 15, bytes: 1300, first: '2026-11-20T01:00:00Z', last: '2026-11-23T08:00:05Z' });
    // tcp/8443 is one of pump-mgmt's two ports: not that service exactly, so it keeps its spec.
    expect(obs.rows.map((r) => r.service)).toEqual(['https', 'tcp/8443']);
    expect(obs.rows[1]!.last).toBe('2026-11-25T00:00:00Z');
  });

  it('names ICMP by type and a service by the policy name that is exactly that port', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [
      { src: PUMP, dst: PUMP_SERVER, proto: 1, dstPort: 8, icmpCode: 0, packets: 1, bytes: 84 },
      { src: PUMP, dst: '10.51.0.30', proto: 6, dstPort: 3128, packets: 1, bytes: 60 },
      { src: PUMP, dst: '10.51.0.10', proto: 17, dstPort: 123, packets: 1, bytes: 76 },
    ]);
    expect(obs.rows.map((r) => `${r.to} ${r.service}`)).toEqual(['dns-ntp-servers ntp', 'pump-server icmp/echo-request', 'web-proxy http-proxy']);
  });

  it('decides every record as the simulator decides its packet', async () => {
    const sim = await exampleSimulator();
    const records = [
      tcp(PUMP, PUMP_SERVER, 443),
      tcp(PUMP, PUMP_SERVER, 22),
      tcp(STAFF_PC, PUMP, 443),
      tcp(PUMP, '10.20.1.22', 443),
      tcp(STAFF_PC, '10.30.17.6', 445),
      tcp('198.51.100.7', '203.0.113.9', 443),
      tcp('172.20.5.5', PUMP, 443),
      tcp('10.20.2.31', '10.40.1.20', 24105),
    ];
    const verdicts = new Set<string>();
    for (const r of records) {
      const obs = await observeRecords(sim, [r]);
      const verdict = obs.rows[0]!.decision.verdict;
      verdicts.add(verdict);
      expect(`${r.src} → ${r.dst} tcp/${r.dstPort}: ${verdict}`).toBe(`${r.src} → ${r.dst} tcp/${r.dstPort}: ${sim.decide({ src: key(r.src), dst: key(r.dst), proto: r.proto, port: r.dstPort! })}`);
    }
    expect([...verdicts].sort()).toEqual(['allow', 'deny', 'same-segment', 'unrouted']);
  });

  it('counts records it cannot place, never failing on them', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [tcp('nonsense', PUMP, 443), tcp(PUMP, 'fd4e:1c2a:7b00:1050::10:20', 443), { src: PUMP, dst: PUMP_SERVER, proto: 6, packets: 0, bytes: 0 }, tcp(PUMP, PUMP_SERVER, 443)]);
    expect(obs.records).toBe(1);
    expect(obs.problems).toBe(3);
    expect(obs.firstProblems.map((p) => p.reason)).toEqual([
      '"nonsense" is not an IPv4 or IPv6 address',
      `${PUMP} and fd4e:1c2a:7b00:1050::10:20 are of different address families`,
      'a tcp record needs a destination port 1-65535',
    ]);
  });
});

describe('observe: sections', () => {
  it('sorts connections into blockers, security findings, allowed with their flow, not filtered, and unknown addresses', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [
      tcp(PUMP, PUMP_SERVER, 443),
      tcp('10.20.2.31', '10.40.1.20', 24105),
      tcp(STAFF_PC, PUMP, 443),
      tcp(PUMP, '198.51.100.7', 443),
      tcp(PUMP, '198.51.100.7', 443),
      tcp('198.51.100.7', '203.0.113.9', 443),
      tcp(STAFF_PC, '10.30.17.6', 445),
    ]);
    const report = observeReport(sim, obs);
    expect(report.wouldDeny.filter(isBlocker).map((r) => `${r.from} ${r.to} ${r.service} ${r.decision.decidedBy[0]!.kind}`)).toEqual(['monitors-4e central-stations tcp/24105 default']);
    expect(report.wouldDeny.filter(isSecurityFinding).map((r) => `${r.from} ${r.to} ${r.decision.decidedBy.map((d) => d.id).join(',')}`)).toEqual([
      'infusion-pumps-4e external no-medical-to-external',
      'staff infusion-pumps-4e no-staff-to-medical',
    ]);
    expect(report.allowed.map((r) => `${r.from} ${r.to} ${r.decision.decidedBy.map((d) => `${d.kind}:${d.id}:${d.line}`).join(',')}`)).toEqual(['infusion-pumps-4e pump-server flow:pumps-to-pump-server:9']);
    expect(report.notFiltered.map((r) => `${r.from} ${r.to} ${r.decision.verdict}`)).toEqual(['external external unrouted', 'staff staff same-segment']);
    expect(report.unknownAddresses).toEqual([
      { address: '198.51.100.7', connections: 3 },
      { address: '203.0.113.9', connections: 1 },
    ]);
  });

  it('calls a live flow never seen only when the records saw both of its ends', async () => {
    const sim = await exampleSimulator();
    // Pumps and the pump server are seen (their flow is used); the HL7 engine is seen only from the staff zone.
    const obs = await observeRecords(sim, [tcp(PUMP, PUMP_SERVER, 443), tcp(STAFF_PC, '10.50.10.30', 443)]);
    const report = observeReport(sim, obs);
    const never = report.neverSeen.map((f) => f.id);
    expect(never).toContain('pumps-to-hl7-engine');
    expect(never).not.toContain('pumps-to-pump-server');
    // Its ends never appeared: not judged, not called stale.
    expect(never).not.toContain('modalities-to-pacs');
    expect(report.notJudged).toContain('modalities-to-pacs');
    expect(report.neverSeen.find((f) => f.id === 'pumps-to-hl7-engine')).toMatchObject({ file: 'flows.yaml', line: 17, owner: 'biomed@example.org', services: 'hl7-mllp' });
  });

  it('maps monitor markers back to the guardrail or default they name, and says when one names nothing', async () => {
    const sim = await exampleSimulator();
    const logged = monitorMarker({ kind: 'default', zone: 'ward4e-devices' });
    const guard = monitorMarker({ kind: 'guardrail', id: 'no-staff-to-medical' });
    const stale = monitorMarker({ kind: 'guardrail', id: 'retired' });
    const obs = await observeRecords(sim, [
      tcp('10.20.2.31', '10.40.1.20', 24105, { monitorMarker: logged }),
      tcp(STAFF_PC, PUMP, 443, { monitorMarker: guard }),
      tcp(STAFF_PC, PUMP, 443, { monitorMarker: stale }),
      tcp(PUMP, PUMP_SERVER, 443, { monitorMarker: logged }),
    ]);
    expect([...obs.markers].sort()).toEqual(
      [
        [logged, { intent: 'default:ward4e-devices', connections: 2 }],
        [guard, { intent: 'guardrail:no-staff-to-medical', connections: 1 }],
        [stale, { intent: null, connections: 1 }],
      ].sort(),
    );
    const report = observeReport(sim, obs);
    // Logged as would-deny, but the policy allows it now: counted where the policy puts it, its marker kept.
    expect(report.allowed[0]!.logged.get(logged)).toBe(1);
    expect(report.wouldDeny.map((r) => r.connections)).toEqual([1, 2]);
  });

  it('--for keeps what a group opens and what is opened to it, and the flows of that group', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [tcp(PUMP, PUMP_SERVER, 443), tcp(STAFF_PC, PUMP, 443), tcp('10.20.2.31', '10.40.1.20', 24105), tcp('10.50.10.30', '10.50.12.4', 443)]);
    const report = observeReport(sim, obs, 'infusion-pumps-4e');
    expect([...report.wouldDeny, ...report.allowed].map((r) => `${r.from}>${r.to}`).sort()).toEqual(['infusion-pumps-4e>pump-server', 'staff>infusion-pumps-4e']);
    for (const f of report.neverSeen) expect(`${f.from} ${f.to}`).toMatch(/infusion-pumps-4e|label:/);
  });
});

describe('observe --suggest', () => {
  it('writes group flows with the evidence, named services where all their ports were seen, and refuses guardrails and cannot-expectations', async () => {
    const sim = await exampleSimulator();
    const obs = await observeRecords(sim, [
      tcp('10.20.2.31', '10.40.1.20', 24105, { first: '2026-11-23T07:00:00Z', last: '2026-11-23T07:10:00Z' }),
      tcp('10.20.2.32', '10.40.1.21', 24105, { first: '2026-11-27T19:00:00Z', last: '2026-11-27T19:30:00Z' }),
      tcp('10.60.0.40', PUMP_SERVER, 8443),
      tcp('10.60.0.40', PUMP_SERVER, 9443),
      tcp(STAFF_PC, PUMP, 443),
      tcp(PUMP_SERVER, PUMP, 8443),
      tcp(STAFF_PC, '10.50.12.4', 8080),
    ]);
    const suggestion = suggestFlows(sim.engine, observeReport(sim, obs).wouldDeny);
    expect(suggestion.flows).toEqual([
      { id: 'observed-biomed-workstations-to-pump-server', from: ['biomed-workstations'], to: ['pump-server'], services: ['pump-mgmt'], connections: 2 },
      { id: 'observed-monitors-4e-to-central-stations', from: ['monitors-4e'], to: ['central-stations'], services: ['tcp/24105'], connections: 2, first: '2026-11-23T07:00:00Z', last: '2026-11-27T19:30:00Z' },
      // The staff zone has no groups: the addresses seen, never the whole zone.
      { id: 'observed-staff-to-pacs', from: [STAFF_PC], to: ['pacs'], services: ['tcp/8080'], connections: 1 },
    ]);
    expect(suggestion.refused.map((r) => `${r.from} ${r.to} ${r.services.join(',')}: ${r.reason.split(':')[0]}`)).toEqual([
      'staff infusion-pumps-4e https: guardrail no-staff-to-medical (guardrails.yaml',
      'pump-server infusion-pumps-4e tcp/8443: a flow for it would break expectation (expect.yaml',
    ]);
    const yaml = suggestionYaml(suggestion);
    expect(yaml).toContain('    why: "observed 2 connections 2026-11-23T07:00:00Z…2026-11-27T19:30:00Z"');
    expect(yaml).not.toMatch(/owner:|\bany\b/);
    expect(yaml).toContain('#   staff -> infusion-pumps-4e https (1 connection): guardrail no-staff-to-medical');
  });

  it('refuses a flow the group would widen across a guardrail the observed addresses did not meet', async () => {
    const { policy } = load(`
zones:
  a: { subnets: [10.1.0.0/24], via: sw1 }
  b: { subnets: [10.2.0.0/24], via: sw1 }
groups:
  clients: { zone: a, addresses: [10.1.0.0/25] }
  servers: { zone: b, addresses: [10.2.0.0/25] }
guardrails:
  - id: not-the-vault
    never: { from: a, to: 10.2.0.100, services: [https] }
    why: The vault server takes no client traffic
enforcement:
  sw1: { platform: cisco-ios }
`);
    const sim = simulator(policy);
    const obs = await observeRecords(sim, [tcp('10.1.0.5', '10.2.0.9', 443), tcp('10.1.0.5', '10.2.0.9', 22), ...Array.from({ length: 9 }, (_, i) => tcp(`10.1.0.${200 + i}`, '10.2.0.9', 22))]);
    const s = suggestFlows(sim.engine, observeReport(sim, obs).wouldDeny);
    expect(s.flows).toEqual([{ id: 'observed-clients-to-servers', from: ['clients'], to: ['servers'], services: ['ssh'], connections: 1 }]);
    expect(s.refused.map((r) => `${r.from} ${r.services.join(',')} ${r.reason.split(':')[0]}`)).toEqual([
      'a ssh more than 8 addresses of a were seen outside every group',
      'clients https a flow for it would cross guardrail not-the-vault (policy.yaml',
    ]);
  });
});

describe('observe: monitor mode', () => {
  it('what a monitored zone passes now is a would-deny (denied once enforced), decided by the zone default or the monitored guardrail', async () => {
    const { readPolicySources } = await import('../../src/lang/source-files.js');
    const { REPO } = await import('../support/cli.js');
    const sources = await readPolicySources([`${REPO}policies/example-hospital`]);
    const zones = sources.find((s) => s.path === 'zones.yaml')!;
    zones.text = zones.text.replace('    isolation: true                        # bedside devices never need to talk to each other', '    isolation: true\n    mode: monitor');
    const guardrails = sources.find((s) => s.path === 'guardrails.yaml')!;
    guardrails.text = guardrails.text.replace(/(  - id: no-staff-to-medical\n)/, '$1    mode: monitor\n');
    expect(zones.text).toContain('mode: monitor');
    expect(guardrails.text).toContain('mode: monitor');
    const { loadPolicy } = await import('../../src/lang/load-policy.js');
    const sim = simulator(loadPolicy(sources, { today: '2026-11-28' }).policy);
    const EMR = '10.50.11.20';
    const obs = await observeRecords(sim, [tcp(PUMP, EMR, 443), tcp(STAFF_PC, PUMP, 443), tcp(PUMP, PUMP_SERVER, 443)]);
    const report = observeReport(sim, obs);
    const toEmr = report.wouldDeny.find((r) => r.from === 'infusion-pumps-4e' && r.to !== 'pump-server')!;
    expect(toEmr.decision).toMatchObject({ verdict: 'deny', monitored: true, deniedBy: 'default' });
    expect(toEmr.decision.decidedBy[0]).toMatchObject({ kind: 'default', zone: 'ward4e-devices', monitor: monitorMarker({ kind: 'default', zone: 'ward4e-devices' }) });
    expect(isBlocker(toEmr)).toBe(true);
    const fromStaff = report.wouldDeny.find((r) => r.from !== 'infusion-pumps-4e')!;
    expect(fromStaff.decision).toMatchObject({ verdict: 'deny', monitored: true, deniedBy: 'guardrail' });
    expect(isSecurityFinding(fromStaff)).toBe(true);
    expect(report.allowed.map((r) => r.to)).toEqual(['pump-server']);
  });
});
