import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { checkContext } from '../../src/check/run-checks.js';
import { compilePolicy } from '../../src/compile/compile.js';
import { limitFindings } from '../../src/compile/limits.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import type { Policy } from '../../src/model/policy.js';
import { readMud } from '../../src/mud/mud-document.js';
import { runImport } from '../../src/mud/import-request.js';
import { renderedFiles } from '../../src/verify/rendered-files.js';
import { splitText, validateText } from '../../src/verify/text-validation.js';
import { targets } from '../../targets/registry.js';
import { REPO } from '../support/cli.js';
import { catalog } from './mud-builder.js';

// Issue 18: "the imported policies pass check and compile for all nine platforms where representable". Each corpus
// profile is imported (--allow-partial) into a small hospital: a zone for the device, dual-stack when the profile
// speaks IPv6, and a server zone whose group stands for every controller; DNS names are mapped to external.
// In-process, so the 19 profiles × 9 platforms stay fast.

const CORPUS = join(REPO, '..', 'shared', 'corpus', 'mud');
const TODAY = '2026-01-01';
const PLATFORMS = Object.keys(targets);

const host = (v6: boolean, edge = 'cisco-ios', core = edge) => `wardline: 1
zones:
  devices: { vlan: 100, subnets: [10.10.0.0/24${v6 ? ', fd00:10::/64' : ''}], gateway: [10.10.0.1${v6 ? ', fd00:10::1' : ''}], via: edge }
  servers: { vlan: 200, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: core }
groups:
  controllers: { zone: servers, addresses: [10.20.0.10] }
enforcement:
  edge: { platform: ${edge} }
  core: { platform: ${core} }
`;

interface Imported {
  file: string;
  v6: boolean;
  sources: { path: string; text: string }[];
}

function importCorpus(): Imported[] {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort() : [];
  const cat = catalog();
  return files.map((file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const v6 = /"ipv6" :/.test(text);
    const dns = [...new Set([...text.matchAll(/"ietf-acldns:(?:src|dst)-dnsname" : "([^"]*)"/g)].map((m) => m[1]!))];
    const base = loadPolicy([{ path: 'host.yaml', text: host(v6) }], { today: TODAY }).policy;
    const maps = ['controller=controllers', 'my-controller=controllers', ...dns.map((n) => `${n}=external`)];
    const run = runImport([readMud(file, text)], { group: 'device', zone: 'devices', maps, catalog: cat, policy: base });
    return { file, v6, sources: [{ path: 'host.yaml', text: host(v6) }, { path: 'device.yaml', text: run.yaml }] };
  });
}

/** The same policy with every enforcement point on `platform`: the checks before WL7xx do not depend on it. */
function onPlatform(policy: Policy, platform: string): Policy {
  return { ...policy, enforcementPoints: new Map([...policy.enforcementPoints].map(([name, ep]) => [name, { ...ep, platform: { ...ep.platform, value: platform } }])) };
}

/**
 * The limits a platform may have for a real reason, per profile: EXOS filters no IPv6 (WL701) and a device that
 * speaks it cannot be placed there; its default egress budget (WL711) is too small for the two profiles whose port
 * ranges (neq, gte…) expand into hundreds of stateless entries each way. Everything else compiles.
 */
const LIMITS: Record<string, Partial<Record<string, RegExp[]>>> = {};
const EXOS_V6 = /^WL701 zone "devices" has IPv6 subnet fd00:10::\/64, but extreme-exos on "edge" cannot filter IPv6$/;
const EXOS_BUDGET = /^WL711 "edge" \(extreme-exos\) needs 1,0\d\d egress ACL rules, \d+ more than the default budget of extreme-exos \(1,024\)/;

describe('the MUD corpus imported into a small hospital', () => {
  const corpus = importCorpus();
  const checked = new Map<string, ReturnType<typeof checkPolicy>>();

  it('every profile imports with flows, and the policy passes check', () => {
    expect(corpus).toHaveLength(19);
    for (const { file, sources } of corpus) {
      expect(sources[1]!.text, file).toMatch(/^ {2}- id: device-mud-1$/m);
      const result = checkPolicy(sources, TODAY);
      expect(result.findings.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), file).toEqual([]);
      checked.set(file, result);
    }
  });

  it('compiles for all nine platforms, refused only by the limits asserted', () => {
    expect(PLATFORMS).toHaveLength(9);
    const refused: Record<string, Record<string, string[]>> = {};
    for (const { file, v6 } of corpus) {
      const { policy } = checked.get(file)!;
      const context = checkContext(policy);
      for (const platform of PLATFORMS) {
        const swapped = onPlatform(policy, platform);
        const programs = compilePolicy(swapped, undefined, context);
        const target = targets[platform]!;
        // What check (WL7xx) and compile both say of the point: the same function.
        const limits = programs.flatMap((p) => limitFindings(swapped, p, target.capabilities, target.usage(p)));
        if (limits.length > 0) {
          (refused[file] ??= {})[platform] = limits.map((d) => `${d.code} ${d.message}`);
          continue;
        }
        const files = renderedFiles(swapped, programs);
        expect([...files.keys()].filter((f) => f.startsWith('edge/')).length, `${file} on ${platform}`).toBeGreaterThan(0);
      }
      if (v6) (LIMITS[file] ??= {})['extreme-exos'] = [EXOS_V6];
    }
    for (const file of ['samsungsmartcamMud.json', 'tribyspeakerMud.json']) (LIMITS[file] ??= {})['extreme-exos'] = [...(LIMITS[file]?.['extreme-exos'] ?? []), EXOS_BUDGET];
    const expected = Object.fromEntries(Object.entries(LIMITS).map(([file, byPlatform]) => [file, Object.fromEntries(Object.entries(byPlatform).map(([p, res]) => [p, res!.map((re) => expect.stringMatching(re))]))]));
    expect(refused).toEqual(expected);
  });

  it.each(['blipcareBPmeterMud.json', 'tribyspeakerMud.json'])('%s: the text of a switch and a Linux firewall, read back, decides as the simulator', (file) => {
    const { v6, sources } = corpus.find((c) => c.file === file)!;
    const { policy, diagnostics } = loadPolicy([{ path: 'host.yaml', text: host(v6, 'cisco-ios', 'linux-nftables') }, sources[1]!], { today: TODAY });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = validateText(policy);
    expect(result.classes).toBeGreaterThan(1000);
    expect([...result.disagreements.slice(0, 5).map((d) => `${d.packet}: simulator ${d.simulator}, text ${d.compiled}`), ...result.unknown.slice(0, 5).map((u) => `${u.file}:${u.line}: ${u.reason}`), ...result.missing, ...result.splits.slice(0, 5).map(splitText)]).toEqual([]);
  });
});
