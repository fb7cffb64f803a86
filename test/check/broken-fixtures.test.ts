import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/check/registry.js';
import { renderBaseline } from '../../src/report/baseline.js';
import { REPO } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';
import { diagnose } from '../support/policy.js';

/** Shown in diagnostics as a user in the repository root would see it. */
const BROKEN = 'test/fixtures/broken';

const cases = readdirSync(join(REPO, BROKEN), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function policyFiles(name: string): Record<string, string> {
  const dir = `${BROKEN}/${name}`;
  const files = readdirSync(join(REPO, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return Object.fromEntries(files.map((f) => [`${dir}/${f}`, readFileSync(join(REPO, dir, f), 'utf8')]));
}

describe('broken policies against their baseline goldens', () => {
  it.each(cases)('%s', (name) => {
    const files = policyFiles(name);
    for (const [path, text] of Object.entries(files)) expect(text.startsWith('wardline: 1\n'), path).toBe(true);
    const diagnostics = diagnose(files);
    expect(diagnostics.length, 'a broken fixture has findings').toBeGreaterThan(0);
    expectGolden(join(REPO, BROKEN, name, 'expected.errors.txt'), renderBaseline(new Map(Object.entries(files)), diagnostics));
  });

  it.each(Object.entries(checks))('%s has a fixture that shows its code', (name, check) => {
    expect(cases).toContain(name);
    expect(diagnose(policyFiles(name)).map((d) => d.code)).toContain(check.code);
  });
});
