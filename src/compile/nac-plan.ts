import { parseMac, parseOui } from '../model/identity.js';
import type { EnforcementPoint, Policy } from '../model/policy.js';
import type { NacEntry, NacPlan } from './ir.js';
import { roleNames } from './role-names.js';

/**
 * What a NAC point answers, from the groups' identities (model/identity.ts): MACs first, then 802.1X identities and
 * certificate subjects (exact), then OUIs, so the most specific claim wins as `query --device` says; then the unknown.
 * Groups whose zone has no VLAN are left out (WL804 stops compiling them first).
 */
export function nacPlan(policy: Policy, ep: EnforcementPoint): NacPlan {
  const macs: NacEntry[] = [];
  const exact: NacEntry[] = [];
  const ouis: NacEntry[] = [];
  const roles = roleNames(policy);
  for (const g of policy.groups.values()) {
    const zone = policy.zones.get(g.zone.value);
    const vlan = zone?.vlan?.value;
    if (!g.identities || !zone || vlan === undefined) continue;
    const at = (loc: { file: string; range: { start: { line: number } } }) => ({ group: g.name, zone: zone.name, vlan, role: roles.get(g.name)!, file: loc.file, line: loc.range.start.line + 1 });
    for (const m of g.identities.macs) {
      const mac = parseMac(m.value);
      if (mac !== undefined) macs.push({ match: { kind: 'mac', hex: mac.toString(16).padStart(12, '0') }, ...at(m.loc) });
    }
    for (const d of g.identities.dot1x) exact.push({ match: { kind: 'dot1x', identity: d.value }, ...at(d.loc) });
    for (const c of g.identities.certificates) exact.push({ match: { kind: 'certificate', subject: c.value }, ...at(c.loc) });
    for (const o of g.identities.ouis) {
      const oui = parseOui(o.value);
      if (oui !== undefined) ouis.push({ match: { kind: 'oui', hex: oui.toString(16).padStart(6, '0') }, ...at(o.loc) });
    }
  }
  const u = policy.unknownDevices;
  const where = u ? { file: u.loc.file, line: u.loc.range.start.line + 1 } : undefined;
  const quarantine = u?.zone ? policy.zones.get(u.zone.value) : undefined;
  const unknown: NacPlan['unknown'] = !u ? null : quarantine?.vlan ? { zone: quarantine.name, vlan: quarantine.vlan.value, ...where! } : { reject: true, ...where! };
  const role = ep.roleAttribute?.value;
  return {
    kind: 'nac',
    point: ep.name,
    platform: ep.platform.value,
    roleAttribute: role === 'extreme' || role === 'aruba' ? role : 'filter-id',
    entries: [...macs, ...exact, ...ouis],
    unknown,
  };
}
