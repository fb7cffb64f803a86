import { describe, expect, it } from 'vitest';
import { simulator } from '../../src/sim/simulator.js';
import { exampleSimulator } from './example.js';
import { SMALL, small } from './fixture.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { TODAY } from '../support/policy.js';

describe('reachable from and to', () => {
  it('everything a group can reach, by destination, with services and the deciding flows; the outside last', () => {
    const reach = simulator(small()).reachableFrom('vendor');
    expect(reach.reach.map((e) => [e.name, e.kind, e.verdict, e.services, e.decidedBy.map((d) => d.id).join()])).toEqual([
      ['pumps', 'group', 'allow', 'tcp/22', 'vendor-to-pumps'],
      ['guest', 'zone', 'same-segment', 'any', ''],
      ['vendor', 'group', 'same-segment', 'any', ''],
      ['external', 'external', 'allow', 'tcp/443', 'guest-out'],
    ]);
    expect(reach.reach[0]!.path.map((h) => h.point)).toEqual(['fw1', 'sw1']);
    expect(reach.reach[1]!.path).toEqual([]);
  });

  it('partial when only some of the sources get through', () => {
    const pumps = simulator(small()).reachableFrom('guest').reach.find((e) => e.name === 'pumps')!;
    expect([pumps.verdict, pumps.example.src]).toEqual(['partial', '172.16.9.1']);
  });

  it('everything that can reach a group: the exposure question', () => {
    const reach = simulator(small()).reachableTo('pumps');
    expect(reach.reach.map((e) => [e.name, e.verdict, e.services])).toEqual([['vendor', 'allow', 'tcp/22']]);
    expect([reach.from, reach.to]).toEqual([null, 'pumps']);
  });

  it('an expired flow reaches nothing; a service filter narrows the answer', () => {
    const sim = simulator(small());
    expect(sim.reachableTo('pump-server').reach.map((e) => [e.name, e.verdict])).toEqual([
      ['pumps', 'allow'],
      ['dc', 'same-segment'],
      ['pump-server', 'same-segment'],
    ]);
    expect(sim.reachableTo('pump-server', 'tcp/8443').reach.map((e) => [e.name, e.services])).toEqual([
      ['pumps', 'tcp/8443'],
      ['dc', 'tcp/8443'],
      ['pump-server', 'tcp/8443'],
    ]);
  });

  it('who can reach the example pumps: the biomed bench and the pump vendor, nobody else', async () => {
    const reach = (await exampleSimulator()).reachableTo('infusion-pumps-4e');
    expect(reach.reach.map((e) => `${e.name}: ${e.services}`)).toEqual([
      'biomed-workstations: icmp/echo-request, tcp/443, tcp/8443, tcp/9443',
      'pump-vendor-remote: tcp/22',
    ]);
  });
});

describe('reach towards some destinations (what diff asks)', () => {
  it('gives exactly the full answer’s entries for the destinations named, and no others', async () => {
    const sim = await exampleSimulator();
    for (const from of ['staff', 'infusion-pumps-4e', 'ward4e-devices', 'external', 'biomed-workstations']) {
      const full = sim.reachableFrom(from).reach;
      const names = full.map((e) => e.name);
      for (const towards of [new Set(names.filter((_, i) => i % 2 === 0)), new Set([names[names.length - 1]!, 'no-such-name']), new Set<string>()]) {
        const some = sim.reachableFrom(from, undefined, towards).reach;
        expect(some, `${from} towards ${[...towards].join()}`).toEqual(full.filter((e) => towards.has(e.name)));
      }
    }
  });
});

describe('matrix', () => {
  it('by group: allowed services per pair, isolation and same segment inside a zone, unrouted outside', () => {
    const m = simulator(small()).matrix('group');
    // Groups, then each zone's addresses in none of its groups, then external.
    expect(m.names.map((n) => `${n.name}${n.kind === 'zone' ? ' (zone)' : ''}${n.medical ? '+' : ''}`)).toEqual(['pumps+', 'monitors+', 'pump-server', 'vendor', 'ward (zone)+', 'dc (zone)', 'guest (zone)', 'external']);
    const got = m.cells.map((row) => row.map((c) => (c.verdict === 'allow' ? c.services : c.verdict)));
    expect(got.map((row) => row.slice(0, 4).concat(row[7]!))).toEqual([
      ['isolated', 'isolated', 'tcp/443, tcp/8443', 'deny', 'deny'],
      ['isolated', 'isolated', 'deny', 'deny', 'deny'],
      ['deny', 'deny', 'same-segment', 'deny', 'deny'],
      ['tcp/22', 'deny', 'deny', 'same-segment', 'tcp/443'],
      ['isolated', 'isolated', 'deny', 'deny', 'deny'],
      ['deny', 'deny', 'same-segment', 'deny', 'deny'],
      ['deny', 'deny', 'deny', 'same-segment', 'tcp/443'],
      ['deny', 'deny', 'deny', 'deny', 'unrouted'],
    ]);
    // The zones' rows and columns: inside a zone as its groups are; between zones as the flows say (none here).
    expect(got.map((row) => row.slice(4, 7))).toEqual([
      ['isolated', 'deny', 'deny'],
      ['isolated', 'deny', 'deny'],
      ['deny', 'same-segment', 'deny'],
      ['deny', 'deny', 'same-segment'],
      ['isolated', 'deny', 'deny'],
      ['deny', 'same-segment', 'deny'],
      ['deny', 'deny', 'same-segment'],
      ['deny', 'deny', 'deny'],
    ]);
    expect(m.cells[0]![2]!.decidedBy.map((d) => `${d.id} ${d.file}:${d.line}`)).toEqual(['pumps-to-server p.yaml:27']);
  });

  it('by zone, for one service', () => {
    const m = simulator(small()).matrix('zone', 'ssh');
    expect(m.names.map((n) => n.name)).toEqual(['ward', 'dc', 'guest', 'external']);
    expect(m.cells.map((row) => row.map((c) => (c.verdict === 'allow' ? c.services : c.verdict)))).toEqual([
      ['isolated', 'deny', 'deny', 'deny'],
      ['deny', 'same-segment', 'deny', 'deny'],
      ['tcp/22', 'deny', 'same-segment', 'deny'],
      ['deny', 'deny', 'deny', 'unrouted'],
    ]);
  });

  it('the example hospital by zone: guests reach only the internet, its vendor clouds known by DNS name included', async () => {
    const m = (await exampleSimulator()).matrix('zone');
    const guest = m.names.findIndex((n) => n.name === 'guest-wifi');
    const reached = m.cells[guest]!.flatMap((c, k) => (c.verdict === 'allow' ? [`${m.names[k]!.name} (${m.names[k]!.kind}): ${c.services}`] : []));
    expect(reached).toEqual([
      'nac-onboarding (dns-name): tcp/53, tcp/80, tcp/443, udp/53',
      'pump-vendor-cloud (dns-name): tcp/53, tcp/80, tcp/443, udp/53',
      'external (external): tcp/53, tcp/80, tcp/443, udp/53',
    ]);
    // The quarantine reaches the onboarding portal by name, and no other address in no zone.
    const quarantine = m.names.findIndex((n) => n.name === 'quarantine');
    expect(m.cells[quarantine]!.flatMap((c, k) => (c.verdict === 'allow' && m.names[k]!.zone === null ? [`${m.names[k]!.name}: ${c.services}`] : []))).toEqual(['nac-onboarding: tcp/443']);
  });
});

describe('explain', () => {
  it('a flow: endpoints in names and prefixes, services, what it opens, the guardrail that excepts it', () => {
    const x = simulator(small()).explain('vendor-to-pumps');
    expect([x.kind, x.line, x.status, x.from.groups, x.from.zones, x.to.addresses, x.services.concrete]).toEqual([
      'flow', 36, 'live', ['vendor'], ['guest'], '10.20.1.0/24, fd00:20::100/120', 'tcp/22',
    ]);
    expect(x.effect.map((p) => [p.verdict, p.services, p.decidedBy.map((d) => d.id).join()])).toEqual([['allow', 'tcp/22', 'vendor-to-pumps']]);
    expect(x.overlaps.map((o) => `${o.kind} ${o.id} ${o.relation}`)).toEqual(['guardrail no-guest excepts it']);
  });

  it('an expired flow: dead, with the day it ended, and its packets denied by default', () => {
    const x = simulator(small()).explain('old-vendor');
    expect([x.status, x.expires, x.daysLeft]).toEqual(['expired', '2026-01-01', -331]);
    expect(x.effect.map((p) => [p.verdict, p.decidedBy.map((d) => d.kind).join()])).toEqual([['deny', 'default']]);
  });

  it('a guardrail: its exceptions, the flows that cross it, what it forbids and what it lets through', () => {
    const x = simulator(small()).explain('no-guest');
    expect(x.exceptions.map((e) => [e.flow, e.live, e.line])).toEqual([['vendor-to-pumps', true, 49]]);
    expect(x.overlaps.map((o) => `${o.kind} ${o.id} ${o.relation}`)).toEqual(['flow vendor-to-pumps is excepted from it']);
    expect(x.effect.map((p) => [p.verdict, p.services])).toEqual([
      ['allow', 'tcp/22'],
      ['deny', 'any'],
    ]);
    expect(x.from.external).toBe(false);
  });

  it('overlapping flows are named with how they overlap', () => {
    const sim = simulator(withFlow('  - id: wider\n    from: ward\n    to: dc\n    services: [https, tcp/8443, ssh]\n  - id: web\n    from: pumps\n    to: dc\n    services: [https]\n'));
    expect(sim.explain('pumps-to-server').overlaps.map((o) => `${o.id} ${o.relation} ${o.services}`)).toEqual([
      'wider covers it tcp/443, tcp/8443',
      'web overlaps tcp/443',
    ]);
    expect(sim.explain('wider').overlaps.map((o) => `${o.id} ${o.relation}`)).toEqual(['pumps-to-server inside it', 'web inside it']);
  });

  it('an unknown id is refused with a suggestion', () => {
    expect(() => simulator(small()).explain('pumps-to-servr')).toThrow(/did you mean "pumps-to-server"/);
  });
});

/** SMALL with more flows after its own. */
function withFlow(flowLines: string) {
  const text = SMALL.replace('guardrails:\n', `${flowLines}guardrails:\n`);
  return loadPolicy([{ path: 'p.yaml', text }], { today: TODAY }).policy;
}
