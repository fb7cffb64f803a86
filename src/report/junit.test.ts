import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { formatJunit } from './junit.js';
import { xmlAttribute, xmlText } from './xml-text.js';

describe('junit', () => {
  it('fails the testcases at or above --fail-on (error by default), others pass with the finding as output; a passing one per clean file', () => {
    const out = formatJunit(SAMPLE, OPTIONS);
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="wardline" tests="6" failures="2" errors="0">',
        '  <testsuite name="wardline check" tests="6" failures="2" errors="0" skipped="0">',
        '    <testcase classname="policy/flows.yaml" name="WL501 flow &quot;pumps-to-guest&quot; allows tcp/443 from infusion-pumps to guest-wifi, which guardrail &quot;no-guest-to-medical&quot; forbids.">',
        '      <failure message="flow &quot;pumps-to-guest&quot; allows tcp/443 from infusion-pumps to guest-wifi, which guardrail &quot;no-guest-to-medical&quot; forbids." type="WL501">policy/flows.yaml:13:5 error WL501 guardrail-violation',
        'flow &quot;pumps-to-guest&quot; allows tcp/443 from infusion-pumps to guest-wifi, which guardrail &quot;no-guest-to-medical&quot; forbids.',
        'hint: Remove the flow, narrow it, or list it under the guardrail&apos;s exceptions.',
        'related: policy/guardrails.yaml:3:5 guardrail &quot;no-guest-to-medical&quot; is defined here</failure>',
        '    </testcase>',
        '    <testcase classname="policy/flows.yaml" name="WL502 flow &quot;dup&quot; allows nothing that flow &quot;pumps-to-guest&quot; does not already allow.">',
        '      <system-out>policy/flows.yaml:121:5 warning WL502 redundant-flow',
        'flow &quot;dup&quot; allows nothing that flow &quot;pumps-to-guest&quot; does not already allow.</system-out>',
        '    </testcase>',
        '    <testcase classname="policy/flows.yaml" name="WL505 flow &quot;vendor-vpn&quot; expires on 2030-01-10, within 14 days.">',
        '      <system-out>policy/flows.yaml:131:14 info WL505 expiring-soon',
        'flow &quot;vendor-vpn&quot; expires on 2030-01-10, within 14 days.</system-out>',
        '    </testcase>',
        '    <testcase classname="policy/guardrails.yaml" name="no problems"/>',
        '    <testcase classname="policy/services.yaml" name="no problems"/>',
        '    <testcase classname="policy/zones.yaml" name="WL301 zone &quot;icu&quot; is routed via &quot;core-fw&quot;, which is not defined.">',
        '      <failure message="zone &quot;icu&quot; is routed via &quot;core-fw&quot;, which is not defined." type="WL301">policy/zones.yaml:5:10 error WL301 undefined-reference',
        'zone &quot;icu&quot; is routed via &quot;core-fw&quot;, which is not defined.',
        'hint: Define an enforcement point named &quot;core-fw&quot; or correct the name.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(out.match(/<testcase /g)).toHaveLength(6);
    expect(out.match(/<failure /g)).toHaveLength(2);
  });

  it('with --fail-on warning the warning fails too, and with info every finding', () => {
    expect(formatJunit(SAMPLE, { ...OPTIONS, failOn: 'warning' })).toContain('tests="6" failures="3"');
    expect(formatJunit(SAMPLE, { ...OPTIONS, failOn: 'warning' })).toContain('<failure message="flow &quot;dup&quot;');
    expect(formatJunit(SAMPLE, { ...OPTIONS, failOn: 'info' })).toContain('tests="6" failures="4"');
  });

  it('names a testcase without its line, so it keeps its name when lines above it move; repeats get a number', () => {
    const moved = SAMPLE.map((d) => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + 7 }, end: { ...d.range.end, line: d.range.end.line + 7 } } }));
    const names = (ds: readonly Diagnostic[]) => [...formatJunit(ds, OPTIONS).matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(names(moved)).toEqual(names(SAMPLE));
    const twice = [SAMPLE[0]!, { ...SAMPLE[0]!, range: { ...SAMPLE[0]!.range, start: { line: 40, col: 1 } } }];
    const first = names(twice)[0]!;
    expect(names(twice).slice(0, 2)).toEqual([first, `${first} (2)`]);
  });

  it('lists every checked file as passing when clean', () => {
    expect(formatJunit([], { ...OPTIONS, files: ['b.yaml', 'a.yaml'] })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="wardline" tests="2" failures="0" errors="0">',
        '  <testsuite name="wardline check" tests="2" failures="0" errors="0" skipped="0">',
        '    <testcase classname="a.yaml" name="no problems"/>',
        '    <testcase classname="b.yaml" name="no problems"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup characters and drops characters XML 1.0 cannot carry', () => {
    const d: Diagnostic = {
      code: 'WL204',
      severity: 'warning',
      message: 'value <a & "b"> \u0007bell\nnext',
      file: "it's<odd>.yaml",
      range: { start: { line: 1, col: 2 }, end: { line: 1, col: 3 } },
      related: [],
    };
    const out = formatJunit([d], { ...OPTIONS, files: [], failOn: 'warning' });
    expect(out).toContain(`<testcase classname="it&apos;s&lt;odd&gt;.yaml" name="WL204 value &lt;a &amp; &quot;b&quot;&gt; bell&#10;next">`);
    expect(out).toContain('<failure message="value &lt;a &amp; &quot;b&quot;&gt; bell&#10;next" type="WL204">');
    expect(out).toContain('it&apos;s&lt;odd&gt;.yaml:2:3 warning WL204 invalid-value\nvalue &lt;a &amp; &quot;b&quot;&gt; bell\nnext</failure>');
    expect(out).not.toContain('\u0007');
  });

  it('keeps legal characters, including astral ones, and drops lone surrogates', () => {
    expect(xmlText('tab\there \u{1F600} \uD800x \uFFFE')).toBe('tab\there \u{1F600} x ');
    expect(xmlAttribute('a\tb\r\nc')).toBe('a&#9;b&#13;&#10;c');
  });
});

describe('junit and sarif identity', () => {
  it('a finding whose message cites places keeps its testcase name when they move', () => {
    const d: Diagnostic = { code: 'WL501', severity: 'error', message: 'flow "a" (flows.yaml:28:9) allows x, which guardrail "g" (guardrails.yaml:3:5) forbids', file: 'flows.yaml', range: { start: { line: 27, col: 8 }, end: { line: 27, col: 9 } }, related: [] };
    const moved = { ...d, message: 'flow "a" (flows.yaml:40:9) allows x, which guardrail "g" (guardrails.yaml:9:5) forbids' };
    const name = (x: Diagnostic) => /<testcase [^>]*name="([^"]*)"/.exec(formatJunit([x], { ...OPTIONS, files: [] }))![1];
    expect(name(moved)).toBe(name(d));
    expect(name(d)).toBe('WL501 flow &quot;a&quot; allows x, which guardrail &quot;g&quot; forbids');
  });
});
