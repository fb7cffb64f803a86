import { describe, expect, it } from 'vitest';
import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { Range } from '../model/source.js';
import { renderBaseline } from './baseline.js';

const ZONES = [
  'zones:',
  '  icu:',
  '    subnets: [10.1.0.0/24]',
  '    via: core-fw',
  '  lab:',
  '    subnets:',
  '      - 10.2.0.0/24',
  '      - 10.2.1.0/24',
  '',
].join('\n');

function at(line: number, col: number, endLine: number, endCol: number): Range {
  return { start: { line, col }, end: { line: endLine, col: endCol } };
}

/** The part after the diagnostic list. */
const echoOf = (baseline: string) => baseline.slice(baseline.indexOf('===='));

const loc = (range: Range) => ({ file: 'zones.yaml', range });

describe('renderBaseline', () => {
  it('lists the diagnostics, then echoes the source with tildes under each range', () => {
    const diagnostics: Diagnostic[] = [
      diagnostic('WL301', 'error', 'zone "icu" is routed via "core-fw", which is not defined.', loc(at(3, 9, 3, 16)), {
        hint: 'Define an enforcement point named "core-fw" or correct the name.',
      }),
      diagnostic('WL402', 'error', 'zone "lab" claims two subnets that overlap zone "icu".', loc(at(6, 8, 7, 19))),
      diagnostic('WL402', 'error', 'zone "icu" overlaps zone "lab".', loc(at(2, 14, 2, 25)), {
        related: [related('the overlapping subnets', loc(at(6, 8, 7, 19)))],
      }),
      diagnostic('WL204', 'warning', 'subnets should be a block list.', loc(at(2, 4, 2, 11))),
      diagnostic('WL100', 'error', 'services.yaml could not be read.', { file: 'services.yaml', range: at(0, 0, 0, 0) }),
    ];
    expect(renderBaseline(new Map([['zones.yaml', ZONES]]), diagnostics)).toBe(
      [
        'services.yaml(1,1): error WL100: services.yaml could not be read.',
        'zones.yaml(3,5): warning WL204: subnets should be a block list.',
        'zones.yaml(3,15): error WL402: zone "icu" overlaps zone "lab".',
        '  related: zones.yaml(7,9): the overlapping subnets',
        'zones.yaml(4,10): error WL301: zone "icu" is routed via "core-fw", which is not defined.',
        '  hint: Define an enforcement point named "core-fw" or correct the name.',
        'zones.yaml(7,9): error WL402: zone "lab" claims two subnets that overlap zone "icu".',
        '',
        '==== zones.yaml (3 errors, 1 warning) ====',
        '    zones:',
        '      icu:',
        '        subnets: [10.1.0.0/24]',
        '        ~~~~~~~ WL204',
        '                  ~~~~~~~~~~~ WL402',
        '        via: core-fw',
        '             ~~~~~~~ WL301',
        '      lab:',
        '        subnets:',
        '          - 10.2.0.0/24',
        '            ~~~~~~~~~~~ WL402',
        '          - 10.2.1.0/24',
        '    ~~~~~~~~~~~~~~~~~~~ WL402',
        '',
      ].join('\n'),
    );
  });

  it('gives empty ranges one tilde, stops a range ending at column 0 on the line before, and lines up tabs', () => {
    const source = 'a: 1\n\tb: "x\ty"\nc: 3';
    const diagnostics = [
      diagnostic('WL101', 'error', 'empty range', { file: 'f.yaml', range: at(0, 4, 0, 4) }),
      diagnostic('WL204', 'error', 'quoted', { file: 'f.yaml', range: at(1, 4, 2, 0) }),
      diagnostic('WL204', 'error', 'after tab', { file: 'f.yaml', range: at(1, 7, 1, 8) }),
    ];
    expect(echoOf(renderBaseline(new Map([['f.yaml', source]]), diagnostics))).toBe(
      [
        '==== f.yaml (3 errors) ====',
        '    a: 1',
        '        ~ WL101',
        '    \tb: "x\ty"',
        '    \t   ~~~~~ WL204',
        '    \t     \t~ WL204',
        '    c: 3',
        '',
      ].join('\n'),
    );
  });

  it('echoes a line past the end of the source when a range points there', () => {
    const d = diagnostic('WL101', 'error', 'unexpected end of file', { file: 'f.yaml', range: at(1, 0, 1, 0) });
    expect(echoOf(renderBaseline(new Map([['f.yaml', 'a: [\n']]), [d]))).toBe(
      ['==== f.yaml (1 error) ====', '    a: [', '', '    ~ WL101', ''].join('\n'),
    );
  });

  it('is empty for a clean policy and does not depend on input order', () => {
    expect(renderBaseline(new Map([['zones.yaml', ZONES]]), [])).toBe('');
    const a = diagnostic('WL301', 'error', 'one', loc(at(3, 9, 3, 16)));
    const b = diagnostic('WL204', 'warning', 'two', loc(at(2, 4, 2, 11)));
    const sources = new Map([['zones.yaml', ZONES]]);
    expect(renderBaseline(sources, [a, b])).toBe(renderBaseline(sources, [b, a]));
  });
});
