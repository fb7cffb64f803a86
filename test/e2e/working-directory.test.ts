import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../support/tree.js';
import { REPO, wardline } from '../support/cli.js';
import { validateSarif } from '../support/sarif.js';

/**
 * A git repository holding the example hospital at policies/hospital, plus one warning (VLAN 1) so the reports have
 * something to locate. Everything wardline writes must be the same whichever directory it is run from.
 */
const repo = mkdtempSync(join(tmpdir(), 'wardline-cwd-'));
const policy = join(repo, 'policies', 'hospital');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

beforeAll(async () => {
  mkdirSync(join(repo, 'policies'));
  cpSync(join(REPO, 'policies', 'example-hospital'), policy, { recursive: true });
  writeFileSync(join(policy, 'lab.yaml'), 'wardline: 1\nzones:\n  spare-lab: { vlan: 1, subnets: [10.97.0.0/24], via: lab-router }\n');
  await execa('git', ['init', '-q'], { cwd: repo });
});

/** The same command from the repository's top, from the policy directory, and from outside the repository. */
async function fromThreePlaces(args: (where: string, place: string) => string[]) {
  return Promise.all([
    wardline(args('policies/hospital', 'top'), { cwd: repo }),
    wardline(args('.', 'inside'), { cwd: policy }),
    wardline(args(policy, 'outside'), { cwd: tmpdir() }),
  ]);
}

describe('output does not depend on the working directory', { timeout: 60_000 }, () => {
  it('compile: the same files, provenance relative to the policy root, and the same manifest (policy hash included)', async () => {
    const runs = await fromThreePlaces((where, place) => ['compile', where, '-o', join(repo, `out-${place}`)]);
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    const [top, inside, outside] = ['top', 'inside', 'outside'].map((place) => readTree(join(repo, `out-${place}`)));
    expect(inside).toEqual(top);
    expect(outside).toEqual(top);
    expect(top['ward4-sw/config.txt']).toContain('remark flow pumps-to-pump-server (flows.yaml:9)');
    // The committed output checks clean from another directory, as CI runs it.
    const check = await wardline(['compile', 'hospital', '-o', join(repo, 'out-top'), '--check'], { cwd: join(repo, 'policies') });
    expect(check.stdout).toBe('');
    expect(check.exitCode).toBe(0);
  });

  it('sarif: paths from the top of the git work tree under a declared %SRCROOT%, valid against the schema', async () => {
    const [top, inside, outside] = await fromThreePlaces((where) => ['check', where, '-f', 'sarif']);
    expect(inside.stdout).toBe(top.stdout);
    expect(outside.stdout).toBe(top.stdout);
    expect(validateSarif(top.stdout)).toEqual([]);
    const run = JSON.parse(top.stdout).runs[0];
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    const located = run.results.map((r: { locations: { physicalLocation: { artifactLocation: object } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(located).toContainEqual({ uri: 'policies/hospital/lab.yaml', uriBaseId: '%SRCROOT%', index: expect.any(Number) });
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toContain('policies/hospital/flows.yaml');
  });

  it('junit, github and json: the same from everywhere, paths from the top of the work tree', async () => {
    for (const format of ['junit', 'github', 'json']) {
      const [top, inside, outside] = await fromThreePlaces((where) => ['check', where, '-f', format]);
      expect(inside.stdout, format).toBe(top.stdout);
      expect(outside.stdout, format).toBe(top.stdout);
      expect(top.stdout, format).toContain('policies/hospital/lab.yaml');
    }
  });

  it('query answers name the intent relative to the policy root', async () => {
    const [top, inside, outside] = await fromThreePlaces((where) => ['query', where, '--from', 'infusion-pumps-5', '--to', 'pump-server', '-s', 'https', '-f', 'json']);
    expect(inside.stdout).toBe(top.stdout);
    expect(outside.stdout).toBe(top.stdout);
    expect(JSON.parse(top.stdout).decidedBy[0]).toMatchObject({ id: 'pumps-to-pump-server', file: 'flows.yaml', line: 9 });
  });

  it('stylish stays relative to the working directory: what a person at a terminal clicks', async () => {
    const [top, inside] = await fromThreePlaces((where) => ['check', where]);
    expect(top.stdout).toMatch(/^policies\/hospital\/lab\.yaml$/m);
    expect(inside.stdout).toMatch(/^lab\.yaml$/m);
  });

  it('outside a git work tree, machine formats name files under the policy root', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'wardline-alone-'));
    try {
      cpSync(policy, join(alone, 'p'), { recursive: true });
      const r = await wardline(['check', 'p', '-f', 'sarif'], { cwd: alone });
      expect(validateSarif(r.stdout)).toEqual([]);
      const uris = JSON.parse(r.stdout).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
      expect(uris).toEqual(['flows.yaml', 'lab.yaml']);
      expect(readFileSync(join(alone, 'p', 'lab.yaml'), 'utf8')).toContain('vlan: 1');
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
