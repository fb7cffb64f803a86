import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { FormatOptions } from '../../src/report/formatters.js';

/** A small sorted list covering every severity, a hint, a related location and two files. */
export const SAMPLE: Diagnostic[] = [
  {
    code: 'WL501',
    severity: 'error',
    message: 'flow "pumps-to-guest" allows tcp/443 from infusion-pumps to guest-wifi, which guardrail "no-guest-to-medical" forbids.',
    file: 'policy/flows.yaml',
    range: { start: { line: 12, col: 4 }, end: { line: 12, col: 18 } },
    hint: "Remove the flow, narrow it, or list it under the guardrail's exceptions.",
    related: [
      {
        message: 'guardrail "no-guest-to-medical" is defined here',
        file: 'policy/guardrails.yaml',
        range: { start: { line: 2, col: 4 }, end: { line: 2, col: 30 } },
      },
    ],
  },
  {
    code: 'WL502',
    severity: 'warning',
    message: 'flow "dup" allows nothing that flow "pumps-to-guest" does not already allow.',
    file: 'policy/flows.yaml',
    range: { start: { line: 120, col: 4 }, end: { line: 120, col: 9 } },
    related: [],
  },
  {
    code: 'WL505',
    severity: 'info',
    message: 'flow "vendor-vpn" expires on 2030-01-10, within 14 days.',
    file: 'policy/flows.yaml',
    range: { start: { line: 130, col: 13 }, end: { line: 130, col: 23 } },
    related: [],
  },
  {
    code: 'WL301',
    severity: 'error',
    message: 'zone "icu" is routed via "core-fw", which is not defined.',
    file: 'policy/zones.yaml',
    range: { start: { line: 4, col: 9 }, end: { line: 4, col: 16 } },
    hint: 'Define an enforcement point named "core-fw" or correct the name.',
    related: [],
  },
];

export const OPTIONS: FormatOptions = {
  color: false,
  toolVersion: '0.1.0',
  files: ['policy/flows.yaml', 'policy/guardrails.yaml', 'policy/services.yaml', 'policy/zones.yaml'],
};
