import { describe, expect, it } from 'vitest';
import { nacPlan } from '../../src/compile/nac-plan.js';
import { roleNames } from '../../src/compile/role-names.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { TODAY } from '../../test/support/policy.js';
import { daclEntries } from '../cisco-dacl/render-dacl.js';
import { renderIse, type IseRole } from './render-ise.js';

const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22], via: sw1 }
  quarantine: { vlan: 999, subnets: [10.99.0.0/24], via: sw1 }
  dc: { vlan: 500, subnets: [10.50.0.0/24], via: sw1 }
groups:
  pumps.4e: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00-1B-44-11-3A-B7, 001b.4411.3ab8], ouis: [00:1b:45] } }
  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:02:00:10], dot1x: [mon-1@biomed.example.org] } }
  pump-server: { zone: dc, addresses: [10.50.0.5] }
flows:
  - { id: f, from: pumps.4e, to: pump-server, services: [https] }
enforcement:
  sw1: { platform: cisco-ios }
unknown-devices: { zone: quarantine }
`;

function exported(role: IseRole) {
  const { policy, diagnostics } = loadPolicy([{ path: 'p.yaml', text: POLICY }], { today: TODAY });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const plan = nacPlan(policy, { name: 'ise', platform: { value: 'cisco-ise' }, roleAttribute: { value: role === 'dacl' ? 'cisco-dacl' : 'filter-id' } });
  const out = renderIse(plan, role);
  const file = (path: string) => out.files.find((f) => f.path === path)?.content;
  return { policy, plan, out, file, json: (path: string) => JSON.parse(file(path)!) };
}

describe('Cisco ISE export', () => {
  it('lists every MAC with its identity group, the role, in the endpoint import columns', () => {
    const { file, policy } = exported('dacl');
    const pumps = roleNames(policy).get('pumps.4e');
    expect(pumps).toBe('pumps_4e');
    expect(file('endpoints.csv')).toBe(
      [
        'MACAddress,EndPointPolicy,IdentityGroup,Description,StaticAssignment,StaticGroupAssignment',
        '00:1B:44:02:00:10,,monitors,wardline group monitors,FALSE,TRUE',
        '00:1B:44:11:3A:B7,,pumps_4e,wardline group pumps.4e,FALSE,TRUE',
        '00:1B:44:11:3A:B8,,pumps_4e,wardline group pumps.4e,FALSE,TRUE',
        '',
      ].join('\r\n'),
    );
  });

  it('names the identity group, the profile and its downloadable ACL by the role, with the VLAN and the same entries RADIUS sends', () => {
    const { json, plan } = exported('dacl');
    expect(json('endpointgroup.json').map((g: { EndPointGroup: { name: string } }) => g.EndPointGroup.name)).toEqual(['monitors', 'pumps_4e']);
    expect(json('authorizationprofile.json')[1]).toEqual({
      AuthorizationProfile: {
        name: 'pumps_4e',
        description: 'wardline role pumps_4e: group pumps.4e, zone ward, VLAN 140',
        accessType: 'ACCESS_ACCEPT',
        authzProfileType: 'SWITCH',
        vlan: { nameID: '140', tagID: 1 },
        daclName: 'pumps_4e',
      },
    });
    const dacl = json('downloadableacl.json')[1].DownloadableAcl;
    expect(dacl.name).toBe('pumps_4e');
    expect(dacl.daclType).toBe('IPV4');
    expect(dacl.dacl.split('\n')).toEqual(daclEntries(plan.acls.find((a) => a.role === 'pumps_4e')!).entries);
    expect(dacl.dacl).toContain('permit tcp 10.20.1.0 0.0.0.255 host 10.50.0.5 eq 443');
  });

  it('with filter-id, names the switch ACL in the profile and exports no downloadable ACL', () => {
    const { out, json } = exported('filter-id');
    expect(out.files.map((f) => f.path)).toEqual(['authorizationprofile.json', 'endpointgroup.json', 'endpoints.csv']);
    expect(json('authorizationprofile.json')[0].AuthorizationProfile).toMatchObject({ name: 'monitors', acl: 'monitors' });
    expect(json('authorizationprofile.json')[0].AuthorizationProfile.daclName).toBeUndefined();
  });

  it('says what ISE does not import: OUIs, 802.1X identities, unknown devices', () => {
    expect(exported('dacl').out.notes).toEqual([
      "1 manufacturer's OUI is not in the export: ISE matches them in authorization rules (or profiling policies), not as imported endpoints",
      '1 802.1X identity is not in the export: ISE matches them in authorization rules (or profiling policies), not as imported endpoints',
      "unknown devices (zone quarantine, VLAN 999) are ISE's default authorization rule, not in the export",
    ]);
  });
});
