import { describe, expect, it } from 'vitest';
import { nacPlan } from '../../src/compile/nac-plan.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { diagnose, TODAY } from '../../test/support/policy.js';
import { nacLimits } from '../../src/compile/nac-limits.js';
import { answerSizes, renderAuthorize } from './render-authorize.js';
import { daclEntries } from '../cisco-dacl/render-dacl.js';

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

describe('freeradius downloadable ACLs (role-attribute: cisco-dacl)', () => {
  it("answers with the role's entries as Cisco-AVPair ip:inacl, numbered from 1, and no Filter-Id", () => {
    const text = authorize('flows:\n  - { id: f, from: pumps, to: 10.50.0.20, services: [https] }\n', 'cisco-dacl');
    const entry = text.split('\n\n').find((e) => e.includes('group pumps') && e.includes('OUI'))!;
    expect(entry).toContain('; role pumps: its downloadable ACL, 3 entries\n');
    expect(entry.split('\n').slice(-3)).toEqual([
      '\tCisco-AVPair += "ip:inacl#1=permit ip 10.20.1.0 0.0.0.255 10.20.0.0 0.0.3.255",',
      '\tCisco-AVPair += "ip:inacl#2=permit tcp 10.20.1.0 0.0.0.255 host 10.50.0.20 eq 443",',
      '\tCisco-AVPair += "ip:inacl#3=deny ip any any"',
    ]);
    expect(text).not.toContain('Filter-Id');
  });

  it('weighs each answer as RADIUS carries it, and refuses one over a RADIUS packet (WL711)', () => {
    const hosts = Array.from({ length: 90 }, (_, i) => `10.50.0.${2 * i + 10}`); // apart: no prefix joins two
    const flows = `flows:\n${hosts.map((h, i) => `  - { id: f${i}, from: pumps, to: ${h}, services: [https] }`).join('\n')}\n`;
    const text = `wardline: 1\nzones:\n  ward: { vlan: 140, subnets: [10.20.0.0/22], via: sw1 }\ngroups:\n  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44] } }\nenforcement:\n  sw1: { platform: cisco-ios }\n  nac: { platform: freeradius, role-attribute: cisco-dacl }\n${flows}`;
    const { policy } = loadPolicy([{ path: 'p.yaml', text }], { today: TODAY });
    const plan = nacPlan(policy, policy.enforcementPoints.get('nac')!);
    const [size] = answerSizes(plan);
    // 20 header, 6 + 6 + 3 + 3 tunnel, 18 + 6 authenticator and EAP, 8 + the string per entry.
    const strings = daclEntries(plan.acls[0]!).entries.map((e, i) => `ip:inacl#${i + 1}=${e}`.length);
    expect(size).toEqual({ role: 'pumps', octets: 62 + strings.reduce((n, s) => n + 8 + s, 0), longestVsa: Math.max(...strings) });
    expect(size!.octets).toBeGreaterThan(4096);
    const found = nacLimits(policy.enforcementPoints.get('nac')!, [size!]);
    expect(found.map((d) => [d.code, d.message])).toEqual([['WL711', `the Access-Accept of role "pumps" on NAC point "nac" would be ${size!.octets} octets, over RADIUS's 4096 (RFC 2865), so no switch could receive it`]]);
    expect(nacLimits(policy.enforcementPoints.get('nac')!, [{ ...size!, octets: 4096 }])).toEqual([]);
    // check says it as compile refuses it: the same function over the same plan.
    expect(diagnose({ 'p.yaml': text }).map((d) => d.code)).toContain('WL711');
  });
});
