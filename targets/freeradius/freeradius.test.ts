import { describe, expect, it } from 'vitest';
import { nacPlan } from '../../src/compile/nac-plan.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { TODAY } from '../../test/support/policy.js';
import { renderAuthorize } from './render-authorize.js';

function authorize(extra: string, role = 'filter-id'): string {
  const text = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22], via: sw1 }
  quarantine: { vlan: 999, subnets: [10.99.0.0/24], via: sw1 }
groups:
  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44], dot1x: ["a\\\\b \\"c\\" # d"] } }
  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [001B.4402.0010] } }
enforcement:
  sw1: { platform: cisco-ios }
  nac: { platform: freeradius, role-attribute: ${role} }
${extra}`;
  const { policy, diagnostics } = loadPolicy([{ path: 'p.yaml', text }], { today: TODAY });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return renderAuthorize(nacPlan(policy, policy.enforcementPoints.get('nac')!));
}

describe('freeradius authorize', () => {
  it('tries MACs, then 802.1X identities, then OUIs, then the unknown, each entry with its VLAN and role', () => {
    const text = authorize('unknown-devices: { zone: quarantine }\n');
    const checks = text.split('\n').filter((l) => l.startsWith('DEFAULT'));
    expect(checks).toEqual([
      'DEFAULT\tUser-Name =~ "^00[-:.]?1[bB][-:.]?44[-:.]?02[-:.]?00[-:.]?10$", EAP-Message !* ANY, Auth-Type := Accept',
      'DEFAULT\tUser-Name == "a\\\\b \\"c\\" # d"',
      'DEFAULT\tUser-Name =~ "^00[-:.]?1[bB][-:.]?44", EAP-Message !* ANY, Auth-Type := Accept',
      'DEFAULT\tEAP-Message !* ANY, Auth-Type := Accept',
    ]);
    expect(text).toContain('\tTunnel-Private-Group-Id = "140",\n\tFilter-Id = "monitors"\n');
    expect(text).toMatch(/# devices no group claims \(p\.yaml:\d+\): zone quarantine, VLAN 999\nDEFAULT\tEAP-Message !\* ANY, Auth-Type := Accept\n\tTunnel-Type = VLAN,\n\tTunnel-Medium-Type = IEEE-802,\n\tTunnel-Private-Group-Id = "999"\n$/);
  });

  it('rejects unknown devices when the policy says so, or says nothing', () => {
    expect(authorize('unknown-devices: { reject: true }\n')).toMatch(/DEFAULT\tAuth-Type := Reject\n\tReply-Message = "wardline: no group of the policy claims this device"\n$/);
    expect(authorize('')).toContain('# devices no group claims: rejected (the policy has no unknown-devices)');
  });

  it('names roles as ExtremeControl and Aruba read them', () => {
    expect(authorize('', 'extreme')).toContain('Filter-Id = "Enterasys:version=1:policy=pumps"');
    expect(authorize('', 'aruba')).toContain('Aruba-User-Role = "monitors"');
  });
});
