import { describe, expect, it } from 'vitest';
import { nacPlan } from '../../src/compile/nac-plan.js';
import { ROLE_NAME, roleNames } from '../../src/compile/role-names.js';
import { placeDevice } from '../../src/model/device-lookup.js';
import { targets } from '../../targets/registry.js';
import { renderAuthorize } from '../../targets/freeradius/render-authorize.js';
import { load } from '../support/policy.js';

const LONG = 'infusion-pumps-of-the-fourth-floor-east-wing-cardiology';

// Group names the language allows (dots, a leading digit, 64 characters) that no switch takes as an ACL or role name.
function policyWith(groups: string[], roleAttribute = 'filter-id') {
  const lines = groups.map((g, i) => `  ${g}: { zone: ward, addresses: [10.20.${i}.0/24], identities: { macs: ["00:1b:44:00:00:${String(i).padStart(2, '0')}"] } }`);
  const { policy, diagnostics } = load(`zones:
  ward: { vlan: 140, subnets: [10.20.0.0/16], via: sw1 }
groups:
${lines.join('\n')}
enforcement:
  sw1: { platform: cisco-ios }
  nac: { platform: freeradius, role-attribute: ${roleAttribute} }
`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return policy;
}

describe('role names', () => {
  const groups = ['pumps', 'a.b', 'a_b', '9lives', LONG, `${LONG}-2`, 'a_b-2'];

  it('are unique and valid as an ACL, policy or role name on every platform', () => {
    const roles = roleNames(policyWith(groups));
    expect([...roles.keys()].sort()).toEqual([...groups].sort());
    expect(new Set(roles.values()).size).toBe(groups.length);
    const tightest = Math.min(...Object.values(targets).map((t) => t.capabilities.nameMax));
    for (const role of roles.values()) {
      expect(role).toMatch(ROLE_NAME);
      expect(role.length).toBeLessThanOrEqual(tightest);
    }
    // Names that already are role names stay theirs; the others are made safe without taking one of them.
    expect(roles.get('pumps')).toBe('pumps');
    expect(roles.get('a_b')).toBe('a_b');
    expect(roles.get('a_b-2')).toBe('a_b-2');
    expect(roles.get('a.b')).toBe('a_b-3');
    expect(roles.get('9lives')).toBe('n9lives');
    expect(roles.get(LONG)).toMatch(/^infusion-pumps-of-t-[0-9a-f]{8}$/);
  });

  it('do not change for the groups there were when a group is added', () => {
    const before = roleNames(policyWith(['a_b', 'pumps']));
    const after = roleNames(policyWith(['a.b', 'a_b', 'pumps']));
    expect(after.get('a_b')).toBe(before.get('a_b'));
    expect(after.get('pumps')).toBe(before.get('pumps'));
  });

  it('are what the RADIUS answer and query --device name as the role', () => {
    const policy = policyWith(groups);
    const roles = roleNames(policy);
    const plan = nacPlan(policy, policy.enforcementPoints.get('nac')!);
    const text = renderAuthorize(plan);
    groups.forEach((g, i) => {
      const role = roles.get(g)!;
      expect(plan.entries.find((e) => e.group === g)?.role).toBe(role);
      expect(text).toContain(`Filter-Id = "${role}"`);
      expect(placeDevice(policy, `00:1b:44:00:00:${String(i).padStart(2, '0')}`, roles).role).toBe(role);
    });
  });
});
