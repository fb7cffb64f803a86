import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { validateTranslation } from '../../src/compile/validate.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { monitorMarker } from '../../src/model/monitor-marker.js';
import type { Policy } from '../../src/model/policy.js';
import { parseAddress, addressKey } from '../../src/net/address.js';
import { simulator } from '../../src/sim/simulator.js';
import { TODAY } from '../support/policy.js';
import { SMALL } from './fixture.js';

/** SMALL with edits: `ward` and `dc` gain modes by text replacement, so each test says what it monitors. */
function policy(edit: (yaml: string) => string): Policy {
  const loaded = loadPolicy([{ path: 'p.yaml', text: edit(SMALL) }], { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return loaded.policy;
}

const wardMonitored = (y: string) => y.replace('    labels: [medical]\n    isolation: true', '    labels: [medical]\n    isolation: true\n    mode: monitor');
const guardrailMonitored = (y: string) => y.replace('    why: Guests never reach devices', '    why: Guests never reach devices\n    mode: monitor');
const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};

describe('monitor mode in the simulator', () => {
  it('a monitored zone passes what the default denies, from it and to it, decided by its default with the marker', () => {
    const sim = simulator(policy(wardMonitored));
    const out = sim.query('monitors', 'pump-server', 'https');
    expect(out.verdict).toBe('monitored');
    expect(out.decidedBy).toEqual([{ kind: 'default', zone: 'ward', file: 'p.yaml', line: 3, services: 'tcp/443', monitor: monitorMarker({ kind: 'default', zone: 'ward' }) }]);
    expect(sim.query('pump-server', 'monitors', 'ssh').verdict).toBe('monitored');
    // What flows allow stays allowed; nothing about the ward and a zone that is not monitored changes elsewhere.
    expect(sim.query('pumps', 'pump-server', 'https').verdict).toBe('allow');
    expect(sim.query('guest', 'pump-server', 'https').verdict).toBe('deny');
    expect(sim.decide({ src: key('10.20.2.5'), dst: key('10.50.0.20'), proto: 6, port: 443 })).toBe('allow');
  });

  it('an enforced guardrail still denies in a monitored zone: a guest does not reach a pump during a rollout', () => {
    const sim = simulator(policy(wardMonitored));
    const out = sim.query('guest', 'monitors', 'https');
    expect(out.verdict).toBe('deny');
    expect(out.decidedBy.map((d) => `${d.kind} ${d.id ?? ''}`)).toEqual(['guardrail no-guest']);
    expect(sim.decide({ src: key('172.16.0.9'), dst: key('10.20.2.5'), proto: 6, port: 443 })).toBe('deny');
  });

  it('a guardrail in monitor mode passes and logs what it forbids, and nothing else changes', () => {
    const sim = simulator(policy(guardrailMonitored));
    const out = sim.query('guest', 'monitors', 'https');
    expect(out.verdict).toBe('monitored');
    expect(out.decidedBy).toEqual([expect.objectContaining({ kind: 'guardrail', id: 'no-guest', monitor: monitorMarker({ kind: 'guardrail', id: 'no-guest' }) })]);
    // Not forbidden by the guardrail (dc is not medical): still the default's deny.
    expect(sim.query('guest', 'pump-server', 'https').verdict).toBe('deny');
  });

  it('an enforced point makes its zones monitored, and the matrix marks monitored cells with their deciders', () => {
    const sim = simulator(policy((y) => y.replace('  sw1: { platform: cisco-ios }', '  sw1: { platform: cisco-ios, mode: monitor }')));
    expect(sim.query('pump-server', 'monitors', 'ssh').verdict).toBe('monitored');
    const m = sim.matrix('group');
    const cell = m.cells[m.names.findIndex((n) => n.name === 'pump-server')]![m.names.findIndex((n) => n.name === 'monitors')]!;
    expect(cell.verdict).toBe('monitored');
    expect(cell.decidedBy.map((d) => d.monitor)).toEqual([monitorMarker({ kind: 'default', zone: 'ward' })]);
    // The guest's way into the ward stays closed by the enforced guardrail.
    expect(m.cells[m.names.findIndex((n) => n.name === 'vendor')]![m.names.findIndex((n) => n.name === 'monitors')]!.verdict).toBe('deny');
  });

  it('translation validation holds, and fails when the compiled monitor lines are dropped', () => {
    const p = policy((y) => guardrailMonitored(wardMonitored(y)));
    const programs = compilePolicy(p);
    const sim = simulator(p);
    expect(validateTranslation(p, buildAddressPlan(p), programs, sim).disagreements).toEqual([]);
    for (const program of programs) {
      if (program.kind === 'acl') for (const l of program.lists) l.lines = l.lines.filter((x) => x.provenance.kind !== 'monitor');
      else program.rules = program.rules.filter((r) => r.provenance.kind !== 'monitor');
    }
    const broken = validateTranslation(p, buildAddressPlan(p), programs, sim).disagreements;
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((d) => d.simulator === 'allow' && d.compiled === 'deny')).toBe(true);
  });
});

describe('monitor mode in reach answers', () => {
  it('lists what monitor mode alone lets through apart from what intents allow, with its deciders', () => {
    const sim = simulator(policy(wardMonitored));
    const from = sim.reachableFrom('monitors');
    expect(from.reach.map((e) => e.name)).not.toContain('pump-server');
    const watched = from.monitored.find((e) => e.name === 'pump-server')!;
    expect(watched).toMatchObject({ verdict: 'monitored', services: 'any' });
    expect(watched.decidedBy).toEqual([expect.objectContaining({ kind: 'default', zone: 'ward', monitor: monitorMarker({ kind: 'default', zone: 'ward' }) })]);
    // The guest's way into the ward stays closed: not among what monitor mode passes.
    expect(sim.reachableTo('monitors').monitored.map((e) => e.name)).not.toContain('guest');
    expect(simulator(policy((y) => y)).reachableFrom('monitors').monitored).toEqual([]);
  });
});
