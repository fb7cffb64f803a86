import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { configCuts } from '../../src/verify/config-cuts.js';
import { findDrift } from '../../src/verify/drift.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

async function twoZones() {
  const { policy } = checkPolicy(await readPolicySources([`${REPO}test/lab/fixtures/two-zones`]), TODAY);
  const programs = compilePolicy(policy);
  return { policy, programs, compiled: renderedFiles(policy, programs) };
}

describe('verify samples where the text decides, not only where the policy does', () => {
  it('cuts at the addresses and ports of lines compile did not write, and at nothing for an untouched compile', async () => {
    const { compiled } = await twoZones();
    expect(configCuts(compiled, compiled)).toEqual({ addresses: [], ports: [] });
    const edited = new Map(compiled);
    const path = 'r1/ruleset.nft';
    edited.set(path, compiled.get(path)!.replace('\t\tct state invalid drop\n', '\t\tct state invalid drop\n\t\tip saddr 192.0.2.77 tcp dport 5900 accept comment "vendor-42"\n'));
    const cuts = configCuts(edited, compiled);
    expect(cuts.ports.sort((a, b) => a - b)).toEqual([5900, 5901]);
    expect(cuts.addresses).toEqual([0xc000024dn, 0xc000024en]);
  });

  it('finds a permit of a host and port the policy never names (sampled at neither before)', async () => {
    const { policy, programs, compiled } = await twoZones();
    const edited = new Map(compiled);
    const path = 'r1/ruleset.nft';
    edited.set(path, compiled.get(path)!.replace('\t\tct state invalid drop\n', '\t\tct state invalid drop\n\t\tip saddr 192.0.2.77 tcp dport 5900 accept\n'));
    const drift = findDrift({ policy, programs, files: edited, shown: (p) => p, ignoreUnknown: false });
    expect(drift.findings.map((d) => [d.code, d.range.start.line + 1])).toEqual([['WL901', 73]]);
    expect(drift.findings[0]!.message).toMatch(/^r1 passes what the policy denies \(exposure\): 192\.0\.2\.77 → 10\.[12]\.0\.\d+ tcp\/5900/);
  });
});
