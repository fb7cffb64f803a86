import { buildAddressPlan, type AddressPlan } from '../model/address-plan.js';
import { parseMac, parseOui } from '../model/identity.js';
import { intentPackets, type IntentPackets } from '../model/intent-packets.js';
import type { Policy } from '../model/policy.js';
import { compileContext, type CompileContext } from './context.js';
import { roleAcl } from './dacl-program.js';
import type { NacEntry, NacPlan } from './ir.js';
import { roleNames } from './role-names.js';
import { policyRules } from './rules.js';

const ROLE_ATTRIBUTES: readonly NacPlan['roleAttribute'][] = ['filter-id', 'extreme', 'aruba', 'cisco-dacl'];

/**
 * What a NAC point answers, from the groups' identities (model/identity.ts): MACs first, then 802.1X identities and
 * certificate subjects (exact), then OUIs, so the most specific claim wins as `query --device` says; then the unknown.
 * Groups whose zone has no VLAN are left out (WL804 stops compiling them first). With `role-attribute: cisco-dacl`, each
 * role's downloadable ACL, cut from `ctx` (the switch programs' context, built here when not given).
 */
export function nacPlan(
  policy: Policy,
  ep: { name: string; platform: { value: string }; roleAttribute?: { value: string } | undefined },
  shared?: { addresses: AddressPlan; packets: IntentPackets },
): NacPlan {
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
  const roleAttribute = ROLE_ATTRIBUTES.find((r) => r === ep.roleAttribute?.value) ?? 'filter-id';
  const entries = [...macs, ...exact, ...ouis];
  const placed = [...new Set(entries.map((e) => e.group))].map((g) => policy.groups.get(g)!);
  let ctx: CompileContext | undefined;
  const acls = roleAttribute === 'cisco-dacl' ? placed.map((g) => roleAcl((ctx ??= contextOf(policy, shared)), g, roles.get(g.name)!)) : [];
  acls.sort((a, b) => (a.role < b.role ? -1 : 1));
  return { kind: 'nac', point: ep.name, platform: ep.platform.value, roleAttribute, entries, acls, unknown };
}

function contextOf(policy: Policy, shared?: { addresses: AddressPlan; packets: IntentPackets }): CompileContext {
  const plan = shared?.addresses ?? buildAddressPlan(policy);
  const packets = shared?.packets ?? intentPackets(policy, plan);
  return compileContext(policy, plan, packets, policyRules(policy, packets, plan));
}
