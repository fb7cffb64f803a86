import { describe, expect, it } from 'vitest';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { formatStylish } from './stylish.js';

describe('stylish', () => {
  it('groups by file, prints 1-based positions, hints, related locations and a summary', () => {
    expect(formatStylish(SAMPLE, OPTIONS)).toBe(
      [
        'policy/flows.yaml',
        '  13:5    error    flow "pumps-to-guest" allows tcp/443 from infusion-pumps to guest-wifi, which guardrail "no-guest-to-medical" forbids.  WL501',
        "                   hint: Remove the flow, narrow it, or list it under the guardrail's exceptions.",
        '                   related: policy/guardrails.yaml:3:5 guardrail "no-guest-to-medical" is defined here',
        '  121:5   warning  flow "dup" allows nothing that flow "pumps-to-guest" does not already allow.  WL502',
        '  131:14  info     flow "vendor-vpn" expires on 2030-01-10, within 14 days.  WL505',
        '',
        'policy/zones.yaml',
        '  5:10  error  zone "icu" is routed via "core-fw", which is not defined.  WL301',
        '               hint: Define an enforcement point named "core-fw" or correct the name.',
        '',
        '✖ 4 problems (2 errors, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing at all when there are no diagnostics', () => {
    expect(formatStylish([], { ...OPTIONS, color: true })).toBe('');
  });

  it('pluralises the summary', () => {
    const out = formatStylish([SAMPLE[1]!], OPTIONS);
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning, 0 infos)');
  });

  it('colours only when the option asks, whatever the environment says', () => {
    const coloured = formatStylish(SAMPLE, { ...OPTIONS, color: true });
    expect(coloured).toContain('\u001b[31merror');
    expect(coloured).toContain('\u001b[33mwarning');
    expect(coloured).toContain('\u001b[1m\u001b[31m✖ 4 problems');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(SAMPLE, OPTIONS));
    expect(formatStylish(SAMPLE, OPTIONS)).not.toContain('\u001b[');
  });

  it('keeps continuation lines of a multi-line message under the message column', () => {
    const d = { ...SAMPLE[3]!, message: 'first line\nsecond line', hint: undefined };
    expect(formatStylish([d], OPTIONS).split('\n').slice(1, 3)).toEqual([
      '  5:10  error  first line',
      '               second line  WL301',
    ]);
  });
});
