import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-resolve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** examples/vendor-cloud: a lab router (nftables: addresses only) whose analysers update from a vendor cloud known by name. */
const policyDir = join(REPO, 'examples', 'vendor-cloud', 'policy');
const resolution = join(REPO, 'examples', 'vendor-cloud', 'dns.yaml');

describe('--resolve FILE', () => {
  it('without it, a platform that matches addresses only refuses the name (WL713, exit 1, nothing written)', async () => {
    const r = await wardline(['compile', policyDir, '-o', join(work, 'out-refused')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/error {2}"analysers-to-cloud" names "analyser-cloud" \(updates\.analyser-vendor\.example\), known only by DNS name, and linux-nftables on "lab-router" matches addresses only {2}WL713/);
  });

  it('with it, compile renders the addresses, and query answers by them, saying where they come from', async () => {
    const out = join(work, 'out');
    const r = await wardline(['compile', policyDir, '-o', out, '--resolve', resolution]);
    expect(r.stderr).toContain('wrote 2 files for 1 enforcement points');
    expect(r.exitCode).toBe(0);
    const rules = readFileSync(join(out, 'lab-router', 'ruleset.nft'), 'utf8');
    expect(rules).toMatch(/198\.51\.100\.40-198\.51\.100\.41|198\.51\.100\.40\/31/);
    expect((await wardline(['compile', policyDir, '-o', out, '--check', '--resolve', resolution])).exitCode).toBe(0);
    // Without the resolution, the committed output is not what the policy compiles to.
    expect((await wardline(['compile', policyDir, '-o', out, '--check'])).exitCode).toBe(1);
    const q = await wardline(['query', policyDir, '--resolve', resolution, '--from', 'analysers', '--to', '198.51.100.41', '-s', 'https']);
    expect(q.exitCode).toBe(0);
    expect(q.stdout).toContain('analysers → 198.51.100.41 (https): ALLOW');
    expect(q.stdout).toMatch(/note: depends on DNS: analyser-cloud is updates\.analyser-vendor\.example, taken to resolve to 198\.51\.100\.40\/31 \(.*dns\.yaml:5\)/);
  });

  it('the README shows both answers as they are', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /```console\n(\$ wardline query examples\/vendor-cloud[\s\S]*?)```/.exec(readme)![1]!;
    const runs = block.split(/^\$ wardline /m).filter(Boolean);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      const [command, ...output] = run.split('\n');
      const r = await wardline(command!.split(' '));
      expect(`${r.stdout}`).toBe(`${output.join('\n')}`);
    }
  });

  it('a resolution file holds dns: only: anything else is WL201 where it is written', async () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'wardline: 1\ndns:\n  updates.analyser-vendor.example: 198.51.100.40\nflows:\n  - { id: sneak, from: any, to: any, services: [any] }\n');
    const r = await wardline(['check', policyDir, '--resolve', bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/bad\.yaml\n {2}4:1 {2}error {2}flows: in a resolution file: a file given with --resolve holds dns: entries only {2}WL201/);
  });
});
