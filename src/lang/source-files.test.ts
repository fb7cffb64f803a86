import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InputError,
  MAX_FILE_BYTES,
  MAX_POLICY_BYTES,
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
    expect(sources.every((s) => s.oversize === undefined && s.link === undefined)).toBe(true);
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
    const sources = await readPolicySources(['-'], { stdin: Readable.from([Buffer.from('wardline: 1\n')]) });
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
    writeFileSync(big, 'wardline: 1\n');
    truncateSync(big, 40 * 2 ** 20);
    const started = performance.now();
    const [source] = await readPolicySources([big]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(source).toEqual({ path: 'big.yaml', origin: big, text: '', oversize: { bytes: 40 * 2 ** 20 } });
    expect(MAX_FILE_BYTES).toBe(32 * 1024 * 1024);
  });

  it('stops reading standard input at the limit: a stream that never ends costs no more', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 1 << 20;
        this.push(Buffer.alloc(1 << 20, 0x23));
      },
    });
    const [source] = await readPolicySources(['-'], { stdin: endless });
    expect(source).toEqual({ path: '<stdin>', text: '', oversize: {} });
    expect(sent).toBeLessThanOrEqual(MAX_FILE_BYTES + 2 * (1 << 20));
  });

  it('stops reading a device at the limit (/dev/zero)', async () => {
    if (!existsSync('/dev/zero')) return;
    expect(await readPolicySources(['/dev/zero'])).toEqual([{ path: 'zero', origin: '/dev/zero', text: '', oversize: {} }]);
  });

  it('refuses a policy whose files add up to more than the total limit, naming it', async () => {
    const dir = tempDir();
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) {
      writeFileSync(join(dir, name), 'wardline: 1\n');
      truncateSync(join(dir, name), 30 * 2 ** 20);
    }
    expect(MAX_POLICY_BYTES).toBe(64 * 1024 * 1024);
    await expect(readPolicySources([dir])).rejects.toThrow(
      new InputError(`${join(dir, 'c.yaml')}: with this file the policy passes 64 MiB, the limit for all its files together; is this the policy directory?`),
    );
  });
});

describe('symbolic links in a policy directory', () => {
  const policy = () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'policy', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'policy', '.shared'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'policy', 'zones.yaml'), 'wardline: 1\nzones:\n');
    writeFileSync(join(dir, 'policy', 'sub', 'flows.yaml'), 'wardline: 1\nflows:\n');
    writeFileSync(join(dir, 'policy', '.shared', 'services.yaml'), 'wardline: 1\nservices:\n');
    writeFileSync(join(dir, 'elsewhere', 'secret.yaml'), 'root:*:20228:0:99999:7:::\n');
    return dir;
  };
  // Named under the policy root; where each was read from is checked apart.
  const shown = (sources: { path: string; origin?: string; text: string; link?: unknown }[], dir: string) =>
    sources.map(({ origin, ...s }) => {
      expect(origin === undefined ? undefined : relative(dir, origin)).toBeDefined();
      return s;
    });

  it('follows links to files and directories inside the policy, reading each file once under its plain path', async () => {
    const dir = policy();
    symlinkSync('.shared/services.yaml', join(dir, 'policy', 'services.yaml'));
    symlinkSync('zones.yaml', join(dir, 'policy', 'a-zones-again.yaml'));
    symlinkSync('sub', join(dir, 'policy', 'linked-sub'));
    symlinkSync('..', join(dir, 'policy', 'sub', 'loop'));
    symlinkSync('.', join(dir, 'policy', 'self'));
    expect(shown(await readPolicySources([join(dir, 'policy')]), dir)).toEqual([
      { path: 'services.yaml', text: 'wardline: 1\nservices:\n' },
      { path: 'sub/flows.yaml', text: 'wardline: 1\nflows:\n' },
      { path: 'zones.yaml', text: 'wardline: 1\nzones:\n' },
    ]);
  });

  it('does not read through a link out of the policy, or a link to nothing: each is a refused link, its content unread', async () => {
    const dir = policy();
    symlinkSync(join(dir, 'elsewhere', 'secret.yaml'), join(dir, 'policy', 'x.yaml'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'policy', 'linked-dir'));
    symlinkSync('gone.yaml', join(dir, 'policy', 'dangling.yaml'));
    symlinkSync('gone', join(dir, 'policy', 'dangling-dir'));
    symlinkSync('gone.txt', join(dir, 'policy', 'notes.txt'));
    symlinkSync(join(dir, 'elsewhere', 'secret.yaml'), join(dir, 'policy', 'readme.md'));
    const root = join(dir, 'policy');
    const real = (p: string) => realpathSync(p);
    expect(shown(await readPolicySources([root]), dir)).toEqual([
      { path: 'dangling-dir', text: '', link: { target: 'gone', problem: 'missing', root } },
      { path: 'dangling.yaml', text: '', link: { target: 'gone.yaml', problem: 'missing', root } },
      { path: 'linked-dir', text: '', link: { target: real(join(dir, 'elsewhere')), problem: 'outside', root } },
      { path: 'sub/flows.yaml', text: 'wardline: 1\nflows:\n' },
      { path: 'x.yaml', text: '', link: { target: real(join(dir, 'elsewhere', 'secret.yaml')), problem: 'outside', root } },
      { path: 'zones.yaml', text: 'wardline: 1\nzones:\n' },
    ]);
  });

  it('reads a file named on the command line even through a link: the user chose it', async () => {
    const dir = policy();
    symlinkSync(join(dir, 'policy', 'zones.yaml'), join(dir, 'named.yaml'));
    expect(shown(await readPolicySources([join(dir, 'named.yaml')]), dir)).toEqual([{ path: 'named.yaml', text: 'wardline: 1\nzones:\n' }]);
  });
});

describe('standard catalog', () => {
  it('lives at policies/standard-services.yaml of the package', () => {
    expect(standardCatalogPath()).toBe(join(process.cwd(), 'policies', 'standard-services.yaml'));
    expect(standardCatalogDisplayPath).toBe('wardline:standard-services.yaml');
  });
});
