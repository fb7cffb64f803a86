import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/model/codes.js';
import { codesDocument, sarifRules } from '../../src/report/sarif-rules.js';
import { REPO } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

describe('docs/codes.md', () => {
  it('is written from the catalog, a heading per code', () => {
    const doc = codesDocument();
    for (const id of Object.keys(CODES)) expect(doc).toContain(`\n### ${id}\n`);
    expectGolden(join(REPO, 'docs/codes.md'), doc);
  });

  it('gives every SARIF rule its own help and a helpUri at its heading', () => {
    const rules = sarifRules([]);
    expect(new Set(rules.map((r) => r.help.text)).size).toBe(rules.length);
    for (const r of rules) expect(r.helpUri).toBe(`https://github.com/wardline/wardline/blob/main/docs/codes.md#${r.id.toLowerCase()}`);
  });
});
