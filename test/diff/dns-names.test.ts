import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../src/diff/diff-policies.js';
import { formatDiffMarkdown, formatDiffText } from '../../src/diff/render-diff.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { TODAY } from '../support/policy.js';

/** A lab whose analysers reach a vendor cloud by name; what the name resolves to is in a dns: file, or nowhere. */
const POLICY = `wardline: 1
zones:
  lab: { vlan: 160, subnets: [10.60.0.0/24], gateway: 10.60.0.1, via: fw }
groups:
  analysers: { zone: lab, addresses: [10.60.0.16/28] }
externals:
  analyser-cloud: { fqdn: updates.analyser-vendor.example }
flows:
  - { id: analysers-to-cloud, from: analysers, to: analyser-cloud, services: [https], why: updates }
enforcement:
  fw: { platform: paloalto-panos }
`;
const load = (resolution?: string) =>
  loadPolicy([{ path: 'p.yaml', text: POLICY }, ...(resolution ? [{ path: 'dns.yaml', text: `wardline: 1\ndns:\n  updates.analyser-vendor.example: ${resolution}\n` }] : [])], { today: TODAY }).policy;

describe('diff: what a name resolves to', () => {
  it('a name resolved elsewhere is reported, though connectivity by identity (all external) is the same', () => {
    const d = diffPolicies(load('203.0.113.10'), load('203.0.113.20'), { baseLabel: 'main', headLabel: 'pr' });
    expect(d.changes).toEqual([]);
    expect(d.names).toEqual([{ name: 'analyser-cloud', before: 'updates.analyser-vendor.example = 203.0.113.10/32', after: 'updates.analyser-vendor.example = 203.0.113.20/32' }]);
    expect(formatDiffText(d)).toBe(
      'no connectivity change between main and pr; 1 DNS name(s) resolved otherwise\n\n~ external analyser-cloud: updates.analyser-vendor.example = 203.0.113.10/32 -> updates.analyser-vendor.example = 203.0.113.20/32: what reaches it by name reaches these addresses now\n',
    );
    expect(formatDiffMarkdown(d)).toContain('- external analyser-cloud: updates.analyser-vendor.example = 203.0.113.10/32 → updates.analyser-vendor.example = 203.0.113.20/32');
  });

  it('pinning a name that stood for whatever it resolves to is a change too; the same resolution is none', () => {
    expect(diffPolicies(load(), load('203.0.113.10')).names?.map((n) => `${n.before} -> ${n.after}`)).toEqual([
      'updates.analyser-vendor.example = whatever it resolves to -> updates.analyser-vendor.example = 203.0.113.10/32',
    ]);
    expect(diffPolicies(load('203.0.113.10'), load('203.0.113.10')).names).toBeUndefined();
  });
});
