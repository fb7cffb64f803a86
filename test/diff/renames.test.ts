import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../src/diff/diff-policies.js';
import { formatDiffMarkdown, formatDiffText } from '../../src/diff/render-diff.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import type { Policy } from '../../src/model/policy.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

const DIR = join(REPO, 'policies/example-hospital');
const FILES = readdirSync(DIR).map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

/** The example hospital with every file passed through `edit`. */
function example(edit: (text: string) => string = (t) => t): Policy {
  const loaded = loadPolicy(FILES.map((f) => ({ path: f.name, text: edit(f.text) })), { today: TODAY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${errors[0]!.file}: ${errors[0]!.message}`);
  return loaded.policy;
}

/** Renames a name wherever the policy uses it as a name (not inside longer names such as no-staff-to-medical). */
const rename = (from: string, to: string) => (text: string) => text.replace(new RegExp(`(?<![\\w-])${from}(?![\\w-])`, 'g'), to);

describe('diff: renamed groups and zones', () => {
  it('a group and a zone renamed everywhere change no connectivity, and are listed apart', () => {
    const head = example((t) => rename('staff', 'office-staff')(rename('infusion-pumps-5', 'pumps-ward5')(t)));
    const d = diffPolicies(example(), head);
    expect(d.changes).toEqual([]);
    expect(d.brokenExpectations).toEqual([]);
    expect(d.renamed).toEqual([
      { kind: 'group', before: 'infusion-pumps-5', after: 'pumps-ward5' },
      { kind: 'zone', before: 'staff', after: 'office-staff' },
    ]);
    const text = formatDiffText({ ...d, base: 'base', head: 'head' });
    expect(text).toMatch(/^no connectivity change between base and head\n/);
    expect(text).toContain('  group pumps-ward5: renamed infusion-pumps-5 -> pumps-ward5\n');
    expect(formatDiffMarkdown(d)).toContain('| zone | staff | office-staff |');
  });

  it('a rename that also moves a prefix is no rename: access removed from the old name, added to the new', () => {
    const head = example((t) => rename('infusion-pumps-5', 'pumps-ward5')(t).replace('addresses: [10.30.1.0/24]', 'addresses: [10.30.1.0/25]'));
    expect(FILES.some((f) => f.text.includes('addresses: [10.30.1.0/24]'))).toBe(true);
    const d = diffPolicies(example(), head);
    expect(d.renamed).toEqual([]);
    expect(d.changes.some((c) => c.change === 'removed' && (c.from === 'infusion-pumps-5' || c.to === 'infusion-pumps-5'))).toBe(true);
    expect(d.changes.some((c) => c.change === 'added' && (c.from === 'pumps-ward5' || c.to === 'pumps-ward5'))).toBe(true);
  });

  it('a renamed group whose flow also gains a service shows only that change, under the new name', () => {
    const head = example((t) => rename('infusion-pumps-5', 'pumps-ward5')(t).replace('    services: [https, pump-mgmt]\n', '    services: [https, pump-mgmt, ssh]\n'));
    const d = diffPolicies(example(), head);
    expect(d.renamed).toEqual([{ kind: 'group', before: 'infusion-pumps-5', after: 'pumps-ward5' }]);
    expect(d.changes.length).toBeGreaterThan(0);
    expect(d.changes.every((c) => c.change === 'added' && c.service === 'tcp/22')).toBe(true);
    expect(d.changes.some((c) => c.from === 'pumps-ward5' || c.to === 'pumps-ward5')).toBe(true);
    expect(d.changes.some((c) => c.from === 'infusion-pumps-5' || c.to === 'infusion-pumps-5')).toBe(false);
  });
});
