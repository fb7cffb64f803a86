import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { FILTERING_PLATFORMS as PLATFORMS } from '../../src/model/policy.js';
import { simulator } from '../../src/sim/simulator.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';

/** The names every plain object answers to: as policy names they must be ordinary names. */
const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];
const KINDS = ['zone', 'group', 'service', 'flow', 'guardrail', 'expectation', 'label', 'point'] as const;
type Kind = (typeof KINDS)[number];

/** A small clean policy with one name of `kind` replaced by `name`. */
function policyText(kind: Kind, name: string, platform: string): string {
  const n = (k: Kind, usual: string) => (k === kind ? name : usual);
  const [ward, pumps, app, flow, guard, exp, medical, sw] = [
    n('zone', 'ward'), n('group', 'pumps'), n('service', 'app'), n('flow', 'f1'),
    n('guardrail', 'g1'), n('expectation', 'e1'), n('label', 'medical'), n('point', 'sw1'),
  ];
  return `wardline: 1
zones:
  ${ward}: { vlan: 120, subnets: [10.20.0.0/22], gateway: 10.20.0.1, via: ${sw}, labels: [${medical}] }
  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: ${sw} }
  guest: { vlan: 900, subnets: [172.16.0.0/16], gateway: 172.16.0.1, via: ${sw} }
groups:
  ${pumps}: { zone: ${ward}, addresses: [10.20.1.0/24], labels: [${medical}] }
  server: { zone: dc, addresses: [10.50.0.20] }
services:
  ${app}: [tcp/8443]
flows:
  - { id: ${flow}, from: ${pumps}, to: server, services: [${app}, https], owner: biomed, why: updates }
  - { id: f2, from: "label:${medical}", to: server, services: [ssh], owner: biomed, why: support }
guardrails:
  - id: ${guard}
    never: { from: guest, to: "label:${medical}" }
    why: no guests
    log: false
expect:
  - id: ${exp}
    can: { from: ${pumps}, to: server, service: ${app} }
  - cannot: { from: guest, to: ${pumps} }
enforcement:
  ${sw}: { platform: ${platform} }
`;
}

/** Everything the policy makes, as text: findings, answers, explanations and every rendered file. */
function everything(kind: Kind, name: string, platform: string): string {
  const checked = checkPolicy([{ path: 'policy.yaml', text: policyText(kind, name, platform) }], TODAY);
  const out: string[] = checked.findings.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.col} ${d.message}`);
  if (!checked.complete || checked.findings.some((d) => d.severity === 'error')) return out.join('\n');
  const at = (usual: string, k: Kind) => (k === kind ? name : usual);
  const sim = simulator(checked.policy);
  const pumps = at('pumps', 'group');
  for (const [from, to, service] of [
    [pumps, 'server', at('app', 'service')],
    [`label:${at('medical', 'label')}`, 'server', undefined],
    ['guest', at('ward', 'zone'), undefined],
  ] as const) {
    out.push(JSON.stringify(sim.query(from, to, service)));
  }
  out.push(JSON.stringify(sim.explain(at('f1', 'flow'))), JSON.stringify(sim.explain(at('g1', 'guardrail'))));
  for (const program of compilePolicy(checked.policy)) {
    for (const file of targets[program.platform]!.render(program)) out.push(`--- ${file.path}\n${file.content}`);
  }
  return out.join('\n');
}

/** A name of the same shape that no object answers to: the prototype name with its last letter made an x. */
const twinOf = (name: string) => `${name.slice(0, -1)}x`;

function asTwin(text: string, name: string): string {
  const twin = twinOf(name);
  return unhashed(
    text
      .replaceAll(name, twin)
      .replaceAll(name.toUpperCase(), twin.toUpperCase())
      .replaceAll(name.toLowerCase(), twin.toLowerCase()),
  );
}

/** Names too long for a platform end in a hash of the whole name (compile/names.ts), which differs between twins. */
const unhashed = (text: string) => text.replace(/-[0-9a-f]{8}\b/g, '-HASH');

describe('names that are properties of every object are ordinary names', () => {
  KINDS.forEach((kind, k) => {
    it(`a ${kind} named ${PROTOTYPE_NAMES.join(', ')}: checked, answered and compiled as any other name`, () => {
      PROTOTYPE_NAMES.forEach((name, i) => {
        // Across the names of a kind, most platforms; across the kinds, every platform.
        const platform = PLATFORMS[(k + i) % PLATFORMS.length]!;
        const mine = everything(kind, name, platform);
        expect(mine, `${kind} ${name} on ${platform}`).not.toMatch(/^WL\d+ error /m);
        expect(asTwin(mine, name), `${kind} ${name} on ${platform}`).toBe(unhashed(everything(kind, twinOf(name), platform)));
      });
    });
  });

  it('the example policy is clean, so the comparison compares answers and configuration, not refusals', () => {
    const checked = checkPolicy([{ path: 'policy.yaml', text: policyText('zone', 'ward', 'cisco-ios') }], TODAY);
    expect(checked.findings.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(everything('zone', 'constructor', 'cisco-ios')).toContain('constructor');
  });
});

describe('__proto__ as a name', () => {
  it.each(KINDS)('as a %s name it is refused clearly (it does not start with a letter or digit), and pollutes nothing', (kind) => {
    const checked = checkPolicy([{ path: 'policy.yaml', text: policyText(kind, '__proto__', 'cisco-ios') }], TODAY);
    expect(checked.findings.length).toBeGreaterThan(0);
    for (const d of checked.findings) {
      expect(d.code).toBe('WL204');
      expect(d.message).toMatch(/^"(label:)?__proto__" is not (a valid name|an endpoint|a service name or spec)/);
    }
    expect(({} as Record<string, unknown>).vlan).toBeUndefined();
  });

  it('as a platform it is an unknown platform', () => {
    const checked = checkPolicy([{ path: 'policy.yaml', text: policyText('zone', 'ward', '__proto__') }], TODAY);
    expect(checked.findings.map((d) => `${d.code} ${d.message}`)).toEqual(['WL303 enforcement point "sw1" has unknown platform "__proto__"']);
  });

  it.each(PROTOTYPE_NAMES)('a platform named %s is an unknown platform, with no word about functions', (name) => {
    const checked = checkPolicy([{ path: 'policy.yaml', text: policyText('zone', 'ward', name) }], TODAY);
    expect(checked.findings.map((d) => `${d.code} ${d.message}`)).toEqual([`WL303 enforcement point "sw1" has unknown platform "${name}"`]);
  });

  it('a query or explanation naming it finds nothing, as for any unknown name', () => {
    const checked = checkPolicy([{ path: 'policy.yaml', text: policyText('zone', 'ward', 'cisco-ios') }], TODAY);
    const sim = simulator(checked.policy);
    expect(() => sim.query('__proto__', 'server')).toThrow('"__proto__" is not a group or zone of this policy');
    expect(() => sim.query('pumps', 'server', '__proto__')).toThrow('"__proto__" is not a service');
    expect(() => sim.query('label:__proto__', 'server')).toThrow('no zone or group carries the label "__proto__"');
    expect(() => sim.query('constructor', 'server')).toThrow('"constructor" is not a group or zone of this policy');
    expect(() => sim.explain('__proto__')).toThrow('"__proto__" is not a flow or guardrail');
    expect(() => sim.explain('toString')).toThrow('"toString" is not a flow or guardrail');
  });
});
