import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { escapeData, escapeProperty, formatGithub } from './github.js';

describe('github', () => {
  it('writes one workflow command per diagnostic, severity mapped, hint and related after a newline', () => {
    expect(formatGithub(SAMPLE, OPTIONS)).toBe(
      [
        '::error file=policy/flows.yaml,line=13,col=5,endLine=13,endColumn=18,title=WL501 guardrail-violation::flow "pumps-to-guest" allows tcp/443 from infusion-pumps to guest-wifi, which guardrail "no-guest-to-medical" forbids.%0Ahint: Remove the flow, narrow it, or list it under the guardrail\'s exceptions.%0Arelated: policy/guardrails.yaml:3:5 guardrail "no-guest-to-medical" is defined here',
        '::warning file=policy/flows.yaml,line=121,col=5,endLine=121,endColumn=9,title=WL502 redundant-flow::flow "dup" allows nothing that flow "pumps-to-guest" does not already allow.',
        '::notice file=policy/flows.yaml,line=131,col=14,endLine=131,endColumn=23,title=WL505 expiring-soon::flow "vendor-vpn" expires on 2030-01-10, within 14 days.',
        '::error file=policy/zones.yaml,line=5,col=10,endLine=5,endColumn=16,title=WL301 undefined-reference::zone "icu" is routed via "core-fw", which is not defined.%0Ahint: Define an enforcement point named "core-fw" or correct the name.',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when clean', () => {
    expect(formatGithub([], OPTIONS)).toBe('');
  });

  it('escapes %, CR and LF in the message, and also : and , in property values', () => {
    const d: Diagnostic = {
      code: 'WL101',
      severity: 'error',
      message: '100% broken:\r\nline two, with: colon',
      file: 'odd,dir/a:b%c.yaml',
      range: { start: { line: 0, col: 0 }, end: { line: 0, col: 3 } },
      hint: 'fix it\nnow',
      related: [],
    };
    expect(formatGithub([d], OPTIONS)).toBe(
      '::error file=odd%2Cdir/a%3Ab%25c.yaml,line=1,col=1,endLine=1,endColumn=3,title=WL101 yaml-syntax' +
        '::100%25 broken:%0D%0Aline two, with: colon%0Ahint: fix it%0Anow\n',
    );
    expect(escapeData('a%0A')).toBe('a%250A');
    expect(escapeProperty('x:y,z%\n')).toBe('x%3Ay%2Cz%25%0A');
  });

  it('leaves out columns when a range spans lines, as GitHub requires', () => {
    const d: Diagnostic = { ...SAMPLE[3]!, range: { start: { line: 4, col: 9 }, end: { line: 6, col: 2 } } };
    expect(formatGithub([d], OPTIONS)).toMatch(/^::error file=policy\/zones.yaml,line=5,endLine=7,title=WL301 undefined-reference::/);
  });
});
