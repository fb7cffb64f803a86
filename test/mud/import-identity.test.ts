import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { readMud } from '../../src/mud/mud-document.js';
import { runImport } from '../../src/mud/import-request.js';
import { catalog, flowsOf, imported, mudJson } from './mud-builder.js';

// The MUD URL is the device's identity (identities: { mud-url }), and the abstractions that name devices by their MUD
// URL (same-manufacturer, manufacturer, model) find the groups of --policy by theirs.

const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.0.0.0/24], via: sw }
  dc: { subnets: [10.1.0.0/24], via: sw }
groups:
  old-pumps:
    zone: ward
    addresses: [10.0.0.0/28]
    identities: { mud-url: https://example.com/old-pump }
  monitors:
    zone: ward
    addresses: [10.0.0.16/28]
    identities: { mud-url: https://other.example/monitor }
  twins:
    zone: ward
    addresses: [10.0.0.32/28]
    identities: { mud-url: https://example.com/pump }
enforcement:
  sw: { platform: cisco-ios }
`;
const policy = loadPolicy([{ path: 'p.yaml', text: POLICY }], { today: '2026-01-01' }).policy;
const out443 = (m: Record<string, unknown>, url = 'https://example.com/pump-2') => mudJson([{ name: 'a', matches: { 'ietf-mud:mud': m, ipv4: { protocol: 6 }, tcp: { 'destination-port': { operator: 'eq', port: 443 } } } }], [], { url });
const noted = (r: ReturnType<typeof imported>) => r.problems.map((p) => `${p.line}:${p.col} ${p.counts ? 'cannot' : 'note'}: ${p.reason}`);

describe('the MUD URL as the group identity', () => {
  it('a group defined by the import claims its URL, and the policy reads it so', () => {
    const r = imported(mudJson([], [], { extra: { systeminfo: 'An infusion pump' } }));
    expect(r.yaml).toContain('  pumps:\n    zone: ward\n    manufacturer: "Example Infusion Systems"\n    description: "An infusion pump"\n    identities:\n      mud-url: "https://example.com/pump"\n');
    const loaded = loadPolicy([{ path: 'i.yaml', text: `${r.yaml}zones:\n  ward: { vlan: 140, subnets: [10.0.0.0/24], via: sw }\nenforcement:\n  sw: { platform: cisco-ios }\n` }], { today: '2026-01-01' });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.policy.groups.get('pumps')!.identities!.mudUrl!.value).toBe('https://example.com/pump');
  });

  it('a URL another group of --policy claims is reported at its line (WL802 after the merge) and not claimed again', () => {
    const json = mudJson([], [], { url: 'https://example.com/old-pump' });
    const r = imported(json, { policy });
    const line = json.split('\n').findIndex((l) => l.includes('"mud-url"')) + 1;
    expect(noted(r)).toEqual([`${line}:5 cannot: group "old-pumps" (p.yaml:9:28) already claims this MUD URL: merged, group "pumps" would claim it too, which check refuses (WL802): import into that group (--group old-pumps, without --zone), or take its claim away; the URL is kept in the description`]);
    expect(r.yaml).not.toMatch(/^ {4}identities:/m);
    expect(r.yaml).toContain('  # The MUD URL is no identity of the group: another group of the policy claims it.\n');
    expect(r.yaml).toContain('description: "MUD https://example.com/old-pump"');
  });

  it('into a group the policy defines: the same claim is fine, another group\'s is reported, none is a note', () => {
    const mine = (url: string, group: string) => runImport([readMud('device.json', mudJson([], [], { url }))], { group, maps: [], catalog: catalog(), policy });
    expect(mine('https://example.com/old-pump', 'old-pumps').problems).toEqual([]);
    expect(noted(mine('https://example.com/old-pump', 'monitors'))).toEqual([expect.stringMatching(/cannot: group "old-pumps" \(p\.yaml:9:28\) claims this MUD URL: its devices are that group's, not "monitors"'s: import into --group old-pumps$/)]);
    expect(noted(mine('https://example.com/new', 'monitors'))).toEqual([expect.stringContaining('note: group "monitors" names MUD URL https://other.example/monitor (p.yaml:13:28), not this file\'s')]);
  });

  it('withholds what check would refuse or the language cannot hold, and says why', () => {
    const noVlan = imported(mudJson([], [], { url: 'https://example.com/new' }), { policy, zone: 'dc' });
    expect(noted(noVlan)).toEqual([expect.stringContaining('note: zone "dc" (p.yaml:4:3) has no VLAN for network access control to put the device in (WL804)')]);
    expect(noVlan.yaml).not.toMatch(/^ {4}identities:/m);
    const http = imported(mudJson([], [], { url: 'http://example.com/pump' }));
    expect(noted(http)).toEqual([expect.stringContaining('it is not an https URL')]);
    const two = runImport(['a.json', 'b.json'].map((f, i) => readMud(f, mudJson([], [], { url: `https://example.com/m${i}` }))), { group: 'pumps', zone: 'ward', maps: [], catalog: catalog() });
    expect(two.problems.map((p) => `${p.file} ${p.reason}`)).toEqual([expect.stringMatching(/^b\.json a group names one MUD URL, and the files give 2/)]);
    expect(two.yaml).toContain('description: "MUD https://example.com/m0, https://example.com/m1"');
  });
});

describe('abstractions by MUD URL', () => {
  it('same-manufacturer: the groups whose MUD URL has the same host', () => {
    expect(flowsOf(imported(out443({ 'same-manufacturer': [null] }), { policy }).yaml)).toEqual(['pumps -> [pumps, old-pumps, twins] [https]']);
  });

  it('manufacturer: the groups whose MUD URL has that host', () => {
    expect(flowsOf(imported(out443({ manufacturer: 'other.example' }), { policy }).yaml)).toEqual(['pumps -> monitors [https]']);
  });

  it('model: the groups of that MUD URL, the imported group among them', () => {
    expect(flowsOf(imported(out443({ model: 'https://other.example/monitor' }), { policy }).yaml)).toEqual(['pumps -> monitors [https]']);
    // The twins claim the imported URL too: the import says so, and the model is both.
    const same = imported(out443({ model: 'https://example.com/pump' }, 'https://example.com/pump'), { policy });
    expect(flowsOf(same.yaml)).toEqual(['pumps -> [pumps, twins] [https]']);
    expect(noted(same)).toEqual([expect.stringContaining('cannot: group "twins" (p.yaml:17:28) already claims this MUD URL')]);
    expect(imported(out443({ model: 'https://nobody.example/x' }), { policy }).problems.filter((p) => p.counts)[0]!.reason).toContain('no group of the policy has that MUD URL');
  });
});
