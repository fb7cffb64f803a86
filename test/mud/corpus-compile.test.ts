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
// speaks IPv6, and a server zone whose group stands for every controller; its DNS names become externals, which
// PAN-OS and FortiOS match by name and the platforms that match addresses only refuse until the names are resolved
// (WL713; a dns: file resolves them).
// In-process, so the 19 profiles × 9 platforms stay fast.

const CORPUS = join(REPO, '..', 'shared', 'corpus', 'mud');
const TODAY = '2026-01-01';
const PLATFORMS = Object.keys(targets);
/** Platforms that match a DNS name itself (FQDN objects). */
const BY_NAME = PLATFORMS.filter((p) => targets[p]!.capabilities.fqdnObjects);

const host = (v6: boolean, edge = 'paloalto-panos', core = edge) => `wardline: 1
zones:
  devices: { vlan: 100, subnets: [10.10.0.0/24${v6 ? ', fd00:10::/64' : ''}], gateway: [10.10.0.1${v6 ? ', fd00:10::1' : ''}], via: edge }
  servers: { vlan: 200, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: core }
groups:
  controllers: { zone: servers, addresses: [10.20.0.10] }
enforcement:
  edge: { platform: ${edge} }
  core: { platform: ${core} }
`;

/** A resolution file for the names: all one address (a CDN's), and one of IPv6 with IPv6, so the classes stay few. */
const dnsFile = (names: readonly string[], v6: boolean) => ({
  path: 'dns.yaml',
  text: `wardline: 1\ndns:\n${names.map((n) => `  ${n}: [203.0.113.10${v6 ? ', 2001:db8:113::10' : ''}]\n`).join('')}`,
});

interface Imported {
  file: string;
  v6: boolean;
  /** The DNS names of its ACEs, each an external of the imported YAML. */
  names: string[];
  sources: { path: string; text: string }[];
}

function importCorpus(): Imported[] {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort() : [];
  const cat = catalog();
  return files.map((file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const v6 = /"ipv6" :/.test(text);
    const base = loadPolicy([{ path: 'host.yaml', text: host(v6) }], { today: TODAY }).policy;
    const maps = ['controller=controllers', 'my-controller=controllers'];
    const run = runImport([readMud(file, text)], { group: 'device', zone: 'devices', maps, catalog: cat, policy: base });
    const names = [...run.yaml.matchAll(/^ {4}fqdn: "([^"]+)"$/gm)].map((m) => m[1]!);
    return { file, v6, names, sources: [{ path: 'host.yaml', text: host(v6) }, { path: 'device.yaml', text: run.yaml }] };
  });
}

/** The same policy with every enforcement point on `platform`: the checks before WL7xx do not depend on it. */
function onPlatform(policy: Policy, platform: string): Policy {
  return { ...policy, enforcementPoints: new Map([...policy.enforcementPoints].map(([name, ep]) => [name, { ...ep, platform: { ...ep.platform, value: platform } }])) };
}

/**
 * The limits a platform may have for a real reason, per profile: a platform that matches addresses only cannot match
 * a DNS name nobody resolved (WL713); EXOS filters no IPv6 (WL701) and a device that speaks it cannot be placed there.
 * Everything else compiles.
 */
const LIMITS: Record<string, Partial<Record<string, string[]>>> = {};
const MESSAGES: Record<string, RegExp> = {
  WL701: /^zone "devices" has IPv6 subnet fd00:10::\/64, but extreme-exos on "edge" cannot filter IPv6$/,
  WL713: /^"device-mud-\d+" names "[a-z0-9-]+" \([a-z0-9.-]+\)(, "[a-z0-9-]+" \([a-z0-9.-]+\))*, known only by DNS name, and [a-z-]+ on "(edge|core)" matches addresses only$/,
};

describe('the MUD corpus imported into a small hospital', () => {
  const corpus = importCorpus();
  const checked = new Map<string, ReturnType<typeof checkPolicy>>();

  it('every profile imports with flows, and the policy passes check (on a firewall that matches DNS names)', () => {
    expect(corpus).toHaveLength(19);
    for (const { file, sources } of corpus) {
      expect(sources[1]!.text, file).toMatch(/^ {2}- id: device-mud-1$/m);
      const result = checkPolicy(sources, TODAY);
      expect(result.findings.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), file).toEqual([]);
      checked.set(file, result);
    }
    // Most profiles call their clouds by name.
    expect(corpus.filter((c) => c.names.length > 0).length).toBeGreaterThan(15);
  });

  it('compiles for all nine platforms, refused only by the limits asserted', () => {
    expect(PLATFORMS).toHaveLength(9);
    expect(BY_NAME.sort()).toEqual(['fortinet-fortios', 'paloalto-panos']);
    const refused: Record<string, Record<string, string[]>> = {};
    for (const { file, v6, names } of corpus) {
      const { policy } = checked.get(file)!;
      const context = checkContext(policy);
      for (const platform of PLATFORMS) {
        const swapped = onPlatform(policy, platform);
        const programs = compilePolicy(swapped, undefined, context);
        const target = targets[platform]!;
        // What check (WL7xx) and compile both say of the point: the same function.
        const limits = programs.flatMap((p) => limitFindings(swapped, p, target.capabilities, target.usage(p)));
        if (limits.length > 0) {
          for (const d of limits) expect(d.message, `${file} on ${platform}`).toMatch(MESSAGES[d.code] ?? /^$/);
          (refused[file] ??= {})[platform] = [...new Set(limits.map((d) => d.code))].sort();
          continue;
        }
        const files = renderedFiles(swapped, programs);
        expect([...files.keys()].filter((f) => f.startsWith('edge/')).length, `${file} on ${platform}`).toBeGreaterThan(0);
      }
      const limit = (platform: string, code: string) => ((LIMITS[file] ??= {})[platform] ??= []).push(code);
      if (names.length > 0) for (const platform of PLATFORMS.filter((p) => !BY_NAME.includes(p))) limit(platform, 'WL713');
      if (v6) limit('extreme-exos', 'WL701');
    }
    const expected = Object.fromEntries(Object.entries(LIMITS).map(([file, byPlatform]) => [file, Object.fromEntries(Object.entries(byPlatform).map(([p, codes]) => [p, codes!.sort()]))]));
    expect(refused).toEqual(expected);
  });

  it('blipcareBPmeterMud.json: PAN-OS and FortiOS match its cloud by name; with a dns: file, every other platform compiles it', () => {
    const { v6, names, sources } = corpus.find((c) => c.file === 'blipcareBPmeterMud.json')!;
    expect(names).toEqual(['tech.carematix.com']);
    for (const platform of BY_NAME) {
      const result = checkPolicy([{ path: 'host.yaml', text: host(v6, platform) }, sources[1]!], TODAY);
      expect(result.findings.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), platform).toEqual([]);
      const programs = compilePolicy(result.policy, undefined, checkContext(result.policy));
      const edge = [...renderedFiles(result.policy, programs)].filter(([f]) => f.startsWith('edge/')).map(([, text]) => text).join('\n');
      expect(edge, platform).toContain('tech.carematix.com');
    }
    const dns = { path: 'dns.yaml', text: 'wardline: 1\ndns:\n  tech.carematix.com: 203.0.113.10\n' };
    for (const platform of PLATFORMS.filter((p) => !BY_NAME.includes(p))) {
      const result = checkPolicy([{ path: 'host.yaml', text: host(v6, platform) }, sources[1]!, dns], TODAY);
      expect(result.findings.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), platform).toEqual([]);
      const programs = compilePolicy(result.policy, undefined, checkContext(result.policy));
      const edge = [...renderedFiles(result.policy, programs)].filter(([f]) => f.startsWith('edge/')).map(([, text]) => text).join('\n');
      expect(edge, platform).toContain('203.0.113.10');
    }
  });

  it.each([
    ['blipcareBPmeterMud.json', 'cisco-ios', 'linux-nftables'],
    ['tribyspeakerMud.json', 'cisco-ios', 'linux-nftables'],
    ['blipcareBPmeterMud.json', 'paloalto-panos', 'fortinet-fortios'],
  ])('%s: the text of %s and %s, read back, decides as the simulator (names resolved where addresses are matched)', (file, edge, core) => {
    const { v6, names, sources } = corpus.find((c) => c.file === file)!;
    const resolved = BY_NAME.includes(edge) && BY_NAME.includes(core) ? [] : [dnsFile(names, v6)];
    const { policy, diagnostics } = loadPolicy([{ path: 'host.yaml', text: host(v6, edge, core) }, sources[1]!, ...resolved], { today: TODAY });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(policy.externals.size).toBe(names.length);
    const result = validateText(policy);
    expect(result.classes).toBeGreaterThan(1000);
    expect([...result.disagreements.slice(0, 5).map((d) => `${d.packet}: simulator ${d.simulator}, text ${d.compiled}`), ...result.unknown.slice(0, 5).map((u) => `${u.file}:${u.line}: ${u.reason}`), ...result.missing, ...result.splits.slice(0, 5).map(splitText)]).toEqual([]);
  });
});
