import { describe, expect, it } from 'vitest';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { formatJson } from './json.js';

describe('json', () => {
  it('pins the exact text for one diagnostic: key order, 1-based range, 2-space indent, newline', () => {
    const d = { ...SAMPLE[0]!, path: ['flows', 2, 'to'] };
    expect(formatJson([d], OPTIONS)).toBe(`{
  "version": 1,
  "diagnostics": [
    {
      "code": "WL501",
      "name": "guardrail-violation",
      "severity": "error",
      "message": "flow \\"pumps-to-guest\\" allows tcp/443 from infusion-pumps to guest-wifi, which guardrail \\"no-guest-to-medical\\" forbids.",
      "file": "policy/flows.yaml",
      "range": {
        "start": {
          "line": 13,
          "col": 5
        },
        "end": {
          "line": 13,
          "col": 19
        }
      },
      "hint": "Remove the flow, narrow it, or list it under the guardrail's exceptions.",
      "path": [
        "flows",
        2,
        "to"
      ],
      "related": [
        {
          "message": "guardrail \\"no-guest-to-medical\\" is defined here",
          "file": "policy/guardrails.yaml",
          "range": {
            "start": {
              "line": 3,
              "col": 5
            },
            "end": {
              "line": 3,
              "col": 31
            }
          }
        }
      ]
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 0,
    "infos": 0
  }
}
`);
  });

  it('leaves out an absent hint, keeps related as an array and counts every severity', () => {
    const report = JSON.parse(formatJson(SAMPLE, OPTIONS));
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['WL501', 'WL502', 'WL505', 'WL301']);
    expect(Object.keys(report.diagnostics[1])).toEqual(['code', 'name', 'severity', 'message', 'file', 'range', 'related']);
    expect(report.diagnostics[2].name).toBe('expiring-soon');
    expect(report.summary).toEqual({ errors: 2, warnings: 1, infos: 1 });
  });

  it('is a valid empty report when clean', () => {
    expect(JSON.parse(formatJson([], OPTIONS))).toEqual({ version: 1, diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 } });
  });
});
