import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/sim/matrix.js';
import { walkAnswer } from '../../src/sim/query.js';
import { formatAnswerJsonLine } from '../../src/sim/render/answer-json.js';
import { formatAnswerText } from '../../src/sim/render/answer-text.js';
import { formatExplanationText } from '../../src/sim/render/explain-text.js';
import { MATRIX_FORMATTERS } from '../../src/sim/render/matrix-formats.js';
import { formatReachText } from '../../src/sim/render/reach-text.js';
import { simulator } from '../../src/sim/simulator.js';
import { exampleSimulator } from './example.js';
import { small } from './fixture.js';

const NAMES = ['infusion-pumps-4e', 'ward4e-devices', 'guest-wifi', 'external', 'any', '10.20.1.0/25', '8.8.8.8', 'fd4e:1c2a:7b00:140:1::25', 'label:medical', 'staff'];
const SERVICES = [undefined, 'https', 'ssh', 'ping', 'icmpv6/echo-request', 'dns,ntp'];

describe('answers', () => {
  it('the one-pair shortcut gives exactly the general walk’s answer, and the JSON line is JSON.stringify’s', async () => {
    const sim = await exampleSimulator();
    let compared = 0;
    for (const from of NAMES) {
      for (const to of NAMES) {
        for (const service of SERVICES) {
          const q = service === undefined ? { from, to } : { from, to, service };
          const fast = sim.query(from, to, service);
          expect(JSON.stringify(fast), `${from} ${to} ${service}`).toBe(JSON.stringify(walkAnswer(sim.engine, q)));
          expect(formatAnswerJsonLine(fast)).toBe(JSON.stringify(fast));
          compared++;
        }
      }
    }
    expect(compared).toBe(600);
  });

  it('the same question twice is one frozen answer', async () => {
    const sim = await exampleSimulator();
    const a = sim.query('staff', 'emr-app', 'https');
    expect(sim.query('staff', 'emr-app', 'https')).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.parts[0])).toBe(true);
  });

  it('text: verdict, deciders with file:line, example, path, replies and the expired flow', () => {
    const sim = simulator(small());
    expect(formatAnswerText(sim.query('pump-server', 'pumps', 'https'))).toBe(
      [
        'pump-server → pumps (https): DENY',
        '  denied: tcp/443',
        '    by default (no live flow allows it): tcp/443',
        '    example 10.50.0.20 → 10.20.1.1 tcp/443',
        '    path: sw1 (cisco-ios) in from dc, then sw1 (cisco-ios) out towards ward',
        '  replies: allowed as return traffic of connections pumps → pump-server (flow pumps-to-server, p.yaml:27)',
        '',
      ].join('\n'),
    );
    expect(formatAnswerText(sim.query('vendor', 'pump-server', 'ssh'))).toMatch(/expired flow old-vendor \(p\.yaml:31\) would have allowed this until 2026-01-01\n$/);
  });

  it('text of a reach and of an explanation', () => {
    const sim = simulator(small());
    expect(formatReachText(sim.reachableTo('pumps'))).toBe(
      [
        'can reach pumps (any service):',
        '  vendor (group in guest): tcp/22',
        '    by flow vendor-to-pumps (p.yaml:36): tcp/22',
        '    example 172.16.9.1 → 10.20.1.1 tcp/22',
        '    path: fw1 (paloalto-panos) in from guest, then sw1 (cisco-ios) out towards ward',
        '',
      ].join('\n'),
    );
    expect(formatExplanationText(sim.explain('old-vendor'))).toMatch(/^flow old-vendor \(p\.yaml:31\): EXPIRED after 2026-01-01 \(331 days ago\): it allows nothing\n/);
  });
});

/** Names no policy may hold, to prove each format escapes what it must. */
const NASTY: Matrix = {
  by: 'group',
  service: null,
  today: '2026-11-28',
  valid: { from: '2026-07-01', through: '2027-03-31' },
  names: [
    { name: 'a<b>&"c\'', kind: 'group', zone: 'z', medical: true },
    { name: 'd,e|f\\g', kind: 'group', zone: 'z', medical: false },
  ],
  cells: [
    [
      { verdict: 'isolated', services: 'nothing', decidedBy: [] },
      { verdict: 'allow', services: 'tcp/443, udp/53', decidedBy: [{ kind: 'flow', id: 'x<y>"', file: 'f.yaml', line: 3, services: 'tcp/443' }] },
    ],
    [
      { verdict: 'deny', services: 'nothing', decidedBy: [] },
      { verdict: 'same-segment', services: 'any', decidedBy: [] },
    ],
  ],
};

describe('matrix formats', () => {
  it('text: one mark per cell, columns numbered as the rows, a legend', () => {
    expect(MATRIX_FORMATTERS.text(NASTY).split('\n').slice(2, 5)).toEqual(['              1 2', `1 a<b>&"c' *  # X`, '2 d,e|f\\g     . =']);
  });

  it('html: one page with no script and no outside reference, everything escaped, flows on hover and in a table', () => {
    const html = MATRIX_FORMATTERS.html(NASTY);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(html).not.toContain('a<b>');
    expect(html).toContain('a&lt;b&gt;&amp;&quot;c&#39;');
    expect(html).toContain('title="a&lt;b&gt;&amp;&quot;c&#39; → d,e|f\\g: tcp/443, udp/53; flows: x&lt;y&gt;&quot;"');
    expect(html).toContain('position: sticky');
    expect(html).toContain('<th scope="row" class="medical"');
    expect(html).toContain('<td>x&lt;y&gt;&quot; <small>(f.yaml:3)</small></td>');
  });

  it('csv: quoted where a field holds a comma or a quote', () => {
    expect(MATRIX_FORMATTERS.csv(NASTY)).toBe(
      ['from \\ to,"a<b>&""c\'","d,e|f\\g"', '"a<b>&""c\'",isolated,"tcp/443, udp/53"', '"d,e|f\\g",,same segment', ''].join('\r\n'),
    );
  });

  it('markdown: pipes and backslashes escaped, medical marked', () => {
    const md = MATRIX_FORMATTERS.markdown(NASTY);
    expect(md).toContain('| **d,e\\|f\\\\g** | · | same segment |');
    expect(md).toContain('a<b>&"c\' ⚕');
  });

  it('mermaid and dot: quoted labels, allowed pairs only', () => {
    const mermaid = MATRIX_FORMATTERS.mermaid(NASTY);
    expect(mermaid).toContain('n0["a<b>&#quot;c\'"]:::medical');
    expect(mermaid).toContain('n0 -->|"tcp/443, udp/53"| n1');
    expect(mermaid.match(/-->/g)).toHaveLength(1);
    const dot = MATRIX_FORMATTERS.dot(NASTY);
    expect(dot).toContain('"a<b>&\\"c\'" -> "d,e|f\\\\g" [label="tcp/443, udp/53", tooltip="flows: x<y>\\""];');
    expect(dot.match(/->/g)).toHaveLength(1);
  });

  it('json: written cell by cell, the bytes of JSON.stringify(…, null, 2) of the whole object, with and without cells', () => {
    const whole = (m: Matrix) => {
      const cells = m.cells.flatMap((row, r) =>
        row.flatMap((c, k) => (c.verdict === 'deny' ? [] : [{ from: m.names[r]!.name, to: m.names[k]!.name, verdict: c.verdict, services: c.services, decidedBy: c.decidedBy }])),
      );
      return `${JSON.stringify({ by: m.by, service: m.service, valid: m.valid, names: m.names, cells }, null, 2)}\n`;
    };
    const denied: Matrix = { ...NASTY, cells: NASTY.cells.map((row) => row.map(() => ({ verdict: 'deny', services: 'nothing', decidedBy: [] }))) };
    for (const m of [NASTY, denied]) expect(MATRIX_FORMATTERS.json(m)).toBe(whole(m));
  });

  it('every format reads the rows once, in order, so a matrix can be written while it is computed', () => {
    for (const [format, render] of Object.entries(MATRIX_FORMATTERS)) {
      let reads = 0;
      const once = { ...NASTY, cells: { *[Symbol.iterator]() { reads++; yield* NASTY.cells; } } };
      expect(render(once), format).toBe(render(NASTY));
      expect(reads, format).toBe(1);
    }
  });

  it('json: only the cells that are not deny, with their deciders', () => {
    const json = JSON.parse(MATRIX_FORMATTERS.json(NASTY)) as { cells: { from: string; to: string; verdict: string }[] };
    expect(json.cells.map((c) => `${c.from} ${c.to} ${c.verdict}`)).toEqual([
      `a<b>&"c' a<b>&"c' isolated`,
      `a<b>&"c' d,e|f\\g allow`,
      'd,e|f\\g d,e|f\\g same-segment',
    ]);
  });
});
