import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InputError,
  MAX_FILE_BYTES,
  readPolicySources,
  standardCatalogDisplayPath,
  standardCatalogPath,
} from './source-files.js';

const tree = 'test/fixtures/lang/tree';

const made: string[] = [];
function tempDir(): string {
  made.push(mkdtempSync(join(tmpdir(), 'wardline-sources-')));
  return made.at(-1)!;
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('readPolicySources', () => {
  it('searches a directory recursively for .yaml and .yml, sorted, skipping hidden entries', async () => {
    const sources = await readPolicySources([tree]);
    // Named under the policy root (the directory given), whatever the working directory.
    expect(sources.map((s) => s.path)).toEqual(['a.yaml', 'sub/b.yml', 'sub/deeper/c.yaml']);
    expect(sources[0]!.text).toContain('zones:');
    expect(sources.every((s) => s.oversizeBytes === undefined)).toBe(true);
  });

  it('skips node_modules and reads a file given by name whatever its extension', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'dep.yaml'), 'wardline: 1\n');
    writeFileSync(join(dir, 'policy.yml'), 'wardline: 1\n');
    writeFileSync(join(dir, 'policy.txt'), 'wardline: 1\nzones:\n');
    const sources = await readPolicySources([dir, join(dir, 'policy.txt')]);
    expect(sources.map((s) => s.path)).toEqual(['policy.yml', 'policy.txt']);
  });

  it('reads each file once when it is named twice', async () => {
    const sources = await readPolicySources([tree, `${tree}/a.yaml`, `./${tree}/sub/b.yml`]);
    expect(sources).toHaveLength(3);
  });

  it('reads - from stdin as <stdin>', async () => {
    const sources = await readPolicySources(['-'], { stdin: () => 'wardline: 1\n' });
    expect(sources).toEqual([{ path: '<stdin>', text: 'wardline: 1\n' }]);
  });

  it('refuses a missing path, a directory without policy files and an unreadable file with InputError', async () => {
    await expect(readPolicySources(['test/fixtures/lang/nope.yaml'])).rejects.toThrow(
      new InputError('test/fixtures/lang/nope.yaml: no such file or directory'),
    );
    await expect(readPolicySources(['test/fixtures/lang/empty-of-yaml'])).rejects.toThrow(
      'test/fixtures/lang/empty-of-yaml: no .yaml or .yml files in this directory',
    );
    const dir = tempDir();
    const locked = join(dir, 'locked.yaml');
    writeFileSync(locked, 'wardline: 1\n');
    chmodSync(locked, 0o000);
    const rootCanReadAnything = process.getuid?.() === 0;
    if (!rootCanReadAnything) await expect(readPolicySources([locked])).rejects.toBeInstanceOf(InputError);
    await expect(readPolicySources([join(dir, 'missing')])).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a file that is not UTF-8', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x77, 0x3a, 0x20, 0xe9, 0x0a]));
    await expect(readPolicySources([dir])).rejects.toThrow(/not UTF-8 text/);
  });

  it('does not read a file over the size limit, and says so quickly', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `wardline: 1\n${'# padding line of a large policy file\n'.repeat(Math.ceil((2.5 * 2 ** 20) / 38))}`);
    const started = performance.now();
    const [source] = await readPolicySources([big]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(source!.text).toBe('');
    expect(source!.oversizeBytes).toBeGreaterThan(MAX_FILE_BYTES);
    expect(MAX_FILE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('marks oversize stdin too', async () => {
    const [source] = await readPolicySources(['-'], { stdin: async () => 'x'.repeat(MAX_FILE_BYTES + 1) });
    expect(source).toEqual({ path: '<stdin>', text: '', oversizeBytes: MAX_FILE_BYTES + 1 });
  });
});

describe('standard catalog', () => {
  it('lives at policies/standard-services.yaml of the package', () => {
    expect(standardCatalogPath()).toBe(join(process.cwd(), 'policies', 'standard-services.yaml'));
    expect(standardCatalogDisplayPath).toBe('wardline:standard-services.yaml');
  });
});
