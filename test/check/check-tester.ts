import { describe, expect, it } from 'vitest';
import { checks } from '../../src/check/registry.js';
import { codesAt, type PolicyFiles } from '../support/policy.js';

interface Case {
  name: string;
  policy: PolicyFiles | string;
  /** The evaluation date when the case needs another than TODAY. */
  today?: string;
}

export interface ValidCase extends Case {
  /** Findings of other checks that this near-miss cannot avoid; by default the policy is entirely clean. */
  others?: string[];
}

export interface InvalidCase extends Case {
  /** Every finding of the policy, `WL402 zones.yaml:4:15` (1-based), in output order. */
  findings: string[];
  /** Compare only the findings of the check under test: other checks fire and cannot be avoided. */
  onlyThisCode?: boolean;
}

/** Findings that stop semantic checks from running; a case that has one would pass vacuously. */
const STOPS_CHECKS = /^WL[12]\d\d /;

/**
 * Valid and invalid cases for one registered check, in the manner of typescript-eslint's RuleTester:
 * valid policies produce no finding of the check's code, invalid ones exactly the listed findings.
 */
export function testCheck(name: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const check = checks[name];
  if (!check) throw new Error(`no check "${name}" in src/check/registry.ts`);
  const mine = (finding: string) => finding.startsWith(`${check.code} `);

  describe(`${check.code} ${name}`, () => {
    it.each(cases.valid)('valid: $name', ({ policy, today, others = [] }) => {
      expect(others.filter(mine), 'a valid case cannot expect its own code').toEqual([]);
      expect(others.filter((f) => STOPS_CHECKS.test(f)), 'semantic checks must run').toEqual([]);
      expect(codesAt(policy, today)).toEqual(others);
    });

    it.each(cases.invalid)('invalid: $name', ({ policy, today, findings, onlyThisCode }) => {
      expect(findings.some(mine), 'an invalid case expects its own code').toBe(true);
      const all = codesAt(policy, today);
      if (!onlyThisCode) {
        expect(all).toEqual(findings);
        return;
      }
      expect(all.filter((f) => STOPS_CHECKS.test(f))).toEqual([]);
      expect(all.filter(mine)).toEqual(findings);
    });
  });
}
