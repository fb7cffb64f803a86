import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { limitFindings } from '../../src/compile/limits.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { splitText, validateText, type TextValidation } from '../../src/verify/text-validation.js';
import { targets } from '../../targets/registry.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';
import { RANDOM_DNS, randomMonitoredPolicy, randomPolicy } from '../sim/random-policy.js';

const shown = (r: TextValidation) => [
  ...r.disagreements.slice(0, 5).map((d) => `${d.packet}: simulator ${d.simulator}, text ${d.compiled}`),
  ...r.unknown.slice(0, 5).map((u) => `${u.file}:${u.line}: ${u.reason}: ${u.text}`),
  ...r.missing.map((m) => `${m}: no files`),
  ...r.splits.slice(0, 5).map(splitText),
];

async function checked(dir: string, extra: { path: string; text: string }[] = []) {
  const result = checkPolicy([...(await readPolicySources([`${REPO}${dir}`])), ...extra], TODAY);
  const errors = result.findings.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${dir}: ${errors[0]!.message}`);
  return result.policy;
}

const PLATFORMS = Object.keys(targets);

describe('text-level translation validation: every reader against the simulator', () => {
  it('on the example hospital, every point read from its text, the firewalls matching its vendor clouds by DNS name', { timeout: 90_000 }, async () => {
    const policy = await checked('policies/example-hospital');
    const files = renderedFiles(policy, compilePolicy(policy));
    // The externals without addresses are fqdn objects, which the readers evaluate as what the names stand for.
    expect(files.get('dc-fw/config.txt')).toContain('set address pump-vendor-cloud_v4 fqdn drug-library.pump-vendor.example ');
    expect(files.get('edge-fw/config.txt')).toContain('    edit "nac-onboarding_v4"\n        set type fqdn\n        set fqdn "onboard.nac-vendor.example"\n');
    const result = validateText(policy, files);
    expect(result.classes).toBeGreaterThan(100_000);
    expect(shown(result)).toEqual([]);
  });

  it.each(['dhcp-relay', 'isolated-ward', 'monitor', 'two-subnets', 'two-zones'])('on the lab fixture %s', async (name) => {
    const result = validateText(await checked(`test/lab/fixtures/${name}`));
    expect(shown(result)).toEqual([]);
  });

  it('on random policies, the two points taking every pair of platforms in turn', { timeout: 90_000 }, () => {
    let run = 0;
    let validated = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(randomPolicy, randomMonitoredPolicy), ({ yaml }) => {
        const first = PLATFORMS[run % PLATFORMS.length]!;
        const second = PLATFORMS[(run * 4 + 3) % PLATFORMS.length]!;
        run++;
        // Every zone gets a VLAN: Linux routers and firewalls name the zone's interface after it (WL707 without).
        const text = yaml
          .replace(/^ {2}z(\d+): \{ subnets:/gm, (_, i: string) => `  z${i}: { vlan: ${100 + Number(i)}, subnets:`)
          .replace('ep1: { platform: cisco-ios }', `ep1: { platform: ${first} }`).replace('ep2: { platform: linux-nftables }', `ep2: { platform: ${second} }`) +
          // A name only firewalls with FQDN objects match by name; elsewhere the policy resolves it.
          ([first, second].every((p) => targets[p]!.capabilities.fqdnObjects) ? '' : RANDOM_DNS);
        const loaded = loadPolicy([{ path: 'random.yaml', text }], { today: TODAY });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`the generator wrote a broken policy: ${errors[0]!.message}`);
        // What compile refuses for a platform (IPv6 or isolation it cannot render: WL701, WL702) is never written.
        const programs = compilePolicy(loaded.policy);
        const refused = programs.some((p) => limitFindings(loaded.policy, p, targets[p.platform]!.capabilities, targets[p.platform]!.usage(p)).length > 0);
        if (refused) return;
        validated++;
        seen.add(first).add(second);
        const result = validateText(loaded.policy, undefined, programs);
        expect(shown(result), text).toEqual([]);
          }),
      { seed: Number(process.env.SEED ?? 20261205), numRuns: Number(process.env.RUNS ?? 64) },
    );
    expect(validated).toBeGreaterThanOrEqual(30);
    expect([...seen].sort()).toEqual([...PLATFORMS].sort());
  });
});
