import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { gitWorkTree, policyRoot, underRoot } from './policy-root.js';
import { readPolicySources } from './source-files.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A policy tree: root/hospital/{zones.yaml, wards/ward4.yaml}, root/shared/services.yaml. */
function policyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-root-'));
  made.push(dir);
  mkdirSync(join(dir, 'hospital', 'wards'), { recursive: true });
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'hospital', 'zones.yaml'), 'wardline: 1\n');
  writeFileSync(join(dir, 'hospital', 'wards', 'ward4.yaml'), 'wardline: 1\n');
  writeFileSync(join(dir, 'shared', 'services.yaml'), 'wardline: 1\n');
  return dir;
}

/** readPolicySources from another working directory. */
async function pathsFrom(cwd: string, args: string[]): Promise<string[]> {
  const was = process.cwd();
  process.chdir(cwd);
  try {
    return (await readPolicySources(args, { stdin: Readable.from([Buffer.from('wardline: 1\n')]) })).map((s) => s.path);
  } finally {
    process.chdir(was);
  }
}

describe('the policy root', () => {
  it('is the directory given, the directory of the file given, or the common ancestor of several', () => {
    expect(policyRoot(['/p/hospital'])).toBe('/p/hospital');
    expect(policyRoot(['/p/hospital', '/p/hospital/wards'])).toBe('/p/hospital');
    expect(policyRoot(['/p/hospital/wards', '/p/shared'])).toBe('/p');
    expect(policyRoot(['/p', '/q'])).toBe('/');
    expect(policyRoot(['/p/hospital', '/p/hospitality'])).toBe('/p');
    expect(policyRoot([])).toBeUndefined();
    expect(underRoot('/p', '/p/hospital/wards/ward4.yaml')).toBe('hospital/wards/ward4.yaml');
  });

  it('names files the same from any working directory', async () => {
    const dir = policyTree();
    const expected = ['wards/ward4.yaml', 'zones.yaml'];
    expect(await pathsFrom(dir, ['hospital'])).toEqual(expected);
    expect(await pathsFrom(join(dir, 'hospital'), ['.'])).toEqual(expected);
    expect(await pathsFrom(join(dir, 'hospital', 'wards'), ['..'])).toEqual(expected);
    expect(await pathsFrom(tmpdir(), [join(dir, 'hospital')])).toEqual(expected);
  });

  it('for a file, is its directory; for several paths, their common ancestor; stdin stays <stdin>', async () => {
    const dir = policyTree();
    expect(await pathsFrom(dir, ['hospital/wards/ward4.yaml'])).toEqual(['ward4.yaml']);
    expect(await pathsFrom(join(dir, 'shared'), ['../hospital/wards', '.'])).toEqual(['hospital/wards/ward4.yaml', 'shared/services.yaml']);
    expect(await pathsFrom(dir, ['-', 'shared'])).toEqual(['<stdin>', 'services.yaml']);
    expect(await pathsFrom(dir, ['-'])).toEqual(['<stdin>']);
  });

  it('keeps where each file was read from', async () => {
    const dir = policyTree();
    const [source] = await readPolicySources([join(dir, 'shared')]);
    expect(source?.origin).toBe(resolve(dir, 'shared', 'services.yaml'));
  });
});

describe('gitWorkTree', () => {
  it('finds the directory holding .git above a path, a file (worktree) or a directory, or nothing', () => {
    const dir = policyTree();
    expect(gitWorkTree(join(dir, 'hospital', 'wards'))).toBeUndefined();
    writeFileSync(join(dir, '.git'), 'gitdir: elsewhere\n');
    expect(gitWorkTree(join(dir, 'hospital', 'wards'))).toBe(dir);
    mkdirSync(join(dir, 'hospital', '.git'));
    expect(gitWorkTree(join(dir, 'hospital', 'wards'))).toBe(join(dir, 'hospital'));
  });
});
