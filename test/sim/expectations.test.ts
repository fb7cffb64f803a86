import { describe, expect, it } from 'vitest';
import { expectationFindings } from '../../src/sim/expectations.js';
import { exampleSimulator } from './example.js';
import { SMALL, small } from './fixture.js';

/** `line message` per WL601 finding, for a policy of SMALL plus these expectations. */
function failures(expectations: string): string[] {
  const extra = `expect:\n${expectations}`;
  const lines = (SMALL + extra).split('\n');
  return expectationFindings(small(extra)).map((d) => {
    expect(d.code).toBe('WL601');
    expect(d.severity).toBe('error');
    expect(d.file).toBe('p.yaml');
    return `${d.range.start.line + 1} ${d.message} | ${lines[d.range.start.line]!.trim()}`;
  });
}

describe('expectations (WL601)', () => {
  it('the example hospital holds every one of its expectations', async () => {
    expect((await exampleSimulator()).evaluateExpectations()).toEqual([]);
  });

  it('expectations that hold give nothing', () => {
    expect(
      failures(
        [
          '  - can: { from: pumps, to: pump-server, service: https }',
          '  - can: { from: pumps, to: pump-server }',
          '  - can: { from: vendor, to: pumps, service: ssh }',
          '  - cannot: { from: pumps, to: monitors }',
          '  - cannot: { from: guest, to: monitors }',
          '  - cannot: { from: pump-server, to: pumps }',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('a can denied by default names the expectation, an example, and the expired flow that used to allow it', () => {
    expect(failures('  - can: { from: vendor, to: pump-server, service: ssh }\n    id: vendor-ssh\n')).toEqual([
      '54 expectation "vendor-ssh" fails: vendor cannot reach pump-server on ssh: 172.16.9.1 → 10.50.0.20 tcp/22 is denied by default ' +
        '(no live flow allows it); expired flow "old-vendor" (p.yaml:31) would have allowed it until 2026-01-01 | - can: { from: vendor, to: pump-server, service: ssh }',
    ]);
  });

  it('a can denied by a guardrail names the guardrail with its file:line, related location included', () => {
    const extra = 'expect:\n  - can: { from: guest, to: pumps, service: https }\n';
    const [d] = expectationFindings(small(extra));
    expect(d!.message).toBe(
      'expectation fails: guest cannot reach pumps on https: 172.16.0.1 → 10.20.1.1 tcp/443 is denied by guardrail "no-guest" (p.yaml:45)',
    );
    expect(d!.related.map((r) => `${r.range.start.line + 1} ${r.message}`)).toEqual(['45 guardrail "no-guest" forbids tcp/443 here']);
    expect(d!.hint).toMatch(/exception of guardrail "no-guest"/);
  });

  it('a can without a service needs every address pair to get something through, and says when only replies come back', () => {
    expect(failures('  - can: { from: pump-server, to: pumps }\n')).toEqual([
      '54 expectation fails: pump-server cannot reach pumps at all: 10.50.0.20 → 10.20.1.1 is denied for every service by default ' +
        '(no live flow allows it); connections the other way (pumps → pump-server) are allowed by flow "pumps-to-server" (p.yaml:27), ' +
        'so only their replies come back | - can: { from: pump-server, to: pumps }',
    ]);
  });

  it('a can between two hosts of an isolated zone fails on the isolation', () => {
    expect(failures('  - can: { from: pumps, to: monitors, service: https }\n')[0]).toMatch(
      /^54 expectation fails: pumps cannot reach monitors on https: 10\.20\.1\.1 → 10\.20\.2\.1 tcp\/443 is denied by the port isolation of zone ward \(p\.yaml:3\)/,
    );
  });

  it('a cannot that a flow breaks names the flow', () => {
    expect(failures('  - cannot: { from: pumps, to: pump-server }\n    why: the server pulls\n')).toEqual([
      '54 expectation fails: pumps can reach pump-server: 10.20.1.1 → 10.50.0.20 tcp/443 is allowed by flow "pumps-to-server" (p.yaml:27) | - cannot: { from: pumps, to: pump-server }',
    ]);
  });

  it('a cannot inside one zone without isolation fails: same-segment traffic is not filtered', () => {
    const [d] = expectationFindings(small('expect:\n  - cannot: { from: vendor, to: guest }\n'));
    expect(d!.message).toBe(
      'expectation fails: vendor can reach guest: 172.16.9.1 → 172.16.0.1 tcp/1 stays inside zone guest, which no enforcement point filters (same segment)',
    );
    expect(d!.hint).toMatch(/set isolation: true on zone guest/);
  });

  it('a cannot of two external addresses fails: nothing in the policy stands between them', () => {
    expect(failures('  - cannot: { from: 8.8.8.8, to: 1.1.1.1 }\n')[0]).toMatch(/has both ends outside every zone/);
  });

  it('a can across address families fails: there is no such packet', () => {
    expect(failures('  - can: { from: "fd00:20::101", to: pump-server }\n')[0]).toMatch(/no packet goes between them/);
  });
});
