import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

// What a machine compares must not change from one day to the next unless an expiry changed what the policy means.
const work = mkdtempSync(join(tmpdir(), 'wardline-days-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EXAMPLE = 'policies/example-hospital';
const edited = join(work, 'edited');
cpSync(join(REPO, EXAMPLE), edited, { recursive: true });
writeFileSync(join(edited, 'flows.yaml'), readFileSync(join(edited, 'flows.yaml'), 'utf8').replace('services: [ssh]\n', 'services: [ssh, https]\n'));

const COMMANDS: [string, string[]][] = [
  ['check sarif', ['check', EXAMPLE, '--format', 'sarif']],
  ['check json', ['check', EXAMPLE, '--format', 'json']],
  ['check junit', ['check', EXAMPLE, '--format', 'junit']],
  ['check github', ['check', EXAMPLE, '--format', 'github']],
  ['matrix json', ['matrix', EXAMPLE, '--by', 'zone', '--format', 'json']],
  ['matrix csv', ['matrix', EXAMPLE, '--by', 'zone', '--format', 'csv']],
  ['diff json', ['diff', EXAMPLE, edited, '--format', 'json']],
  ['diff sarif', ['diff', EXAMPLE, edited, '--format', 'sarif']],
];

const run = async (args: string[], day: string) => (await wardline(args, { env: { WARDLINE_TODAY: day } })).stdout;

describe('machine outputs on two days between the same expiries', () => {
  // 2027-03-20 and -21: both after the lapsed flow, both before vendor-pump-support's last day, both within WL505's horizon.
  it.each(COMMANDS)('%s: the same bytes', async (_name, args) => {
    const [a, b] = [await run(args, '2027-03-20'), await run(args, '2027-03-21')];
    expect(a.length).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it('SARIF fingerprints change only where an expiry changed the findings', async () => {
    const prints = async (day: string) =>
      (JSON.parse(await run(['check', EXAMPLE, '--format', 'sarif'], day)).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[]).map(
        (r) => `${r.ruleId} ${r.partialFingerprints['wardline/v1']}`,
      );
    const [before, within] = [await prints('2027-03-01'), await prints('2027-03-20')];
    // Only what the coming expiry brings within the horizon is new (the flow, the expectation it breaks); the rest keep theirs.
    expect(within.filter((p) => !before.includes(p)).map((p) => p.split(' ')[0]).sort()).toEqual(['WL505', 'WL602']);
    expect(before.filter((p) => !within.includes(p))).toEqual([]);
  });
});
