import { formatMac, ouiOf, parseMac, parseOui } from './identity.js';
import type { Group, Policy } from './policy.js';

/** Where network access control puts one device, as the policy says (issue: NAC): its group, zone and VLAN. */
export interface DevicePlacement {
  /** The device as asked, MACs written as 00:1b:44:11:3a:b7. */
  device: string;
  /** How it was found: its own MAC, its manufacturer's OUI, its 802.1X identity or certificate subject; or not at all. */
  matchedBy: 'mac' | 'oui' | 'dot1x' | 'certificate' | 'unknown';
  group: string | null;
  zone: string | null;
  vlan: number | null;
  /** The role the RADIUS answer names (the group's name), null for an unknown device. */
  role: string | null;
  /** Where the claim (or unknown-devices) is written. */
  file: string | null;
  line: number | null;
  /** Unknown and `unknown-devices: { reject: true }`, or no unknown-devices at all: no VLAN, no access. */
  rejected: boolean;
}

/**
 * The most specific claim wins: a MAC over an OUI (model/identity.ts); an identity that is no MAC is matched exactly.
 * `roles`: the role name of each group, as the NAC points name it (compile/role-names.ts).
 */
export function placeDevice(policy: Policy, device: string, roles: ReadonlyMap<string, string>): DevicePlacement {
  const mac = parseMac(device);
  const groups = [...policy.groups.values()];
  const placed = (group: Group, matchedBy: DevicePlacement['matchedBy'], at: { file: string; range: { start: { line: number } } }): DevicePlacement => {
    const zone = policy.zones.get(group.zone.value);
    return { device: shown, matchedBy, group: group.name, zone: zone?.name ?? null, vlan: zone?.vlan?.value ?? null, role: roles.get(group.name) ?? group.name, file: at.file, line: at.range.start.line + 1, rejected: false };
  };
  const shown = mac === undefined ? device : formatMac(mac);
  if (mac !== undefined) {
    for (const g of groups) for (const m of g.identities?.macs ?? []) if (parseMac(m.value) === mac) return placed(g, 'mac', m.loc);
    for (const g of groups) for (const o of g.identities?.ouis ?? []) if (parseOui(o.value) === ouiOf(mac)) return placed(g, 'oui', o.loc);
  } else {
    for (const g of groups) for (const d of g.identities?.dot1x ?? []) if (d.value === device) return placed(g, 'dot1x', d.loc);
    for (const g of groups) for (const c of g.identities?.certificates ?? []) if (c.value === device) return placed(g, 'certificate', c.loc);
  }
  const u = policy.unknownDevices;
  const zone = u?.zone ? policy.zones.get(u.zone.value) : undefined;
  return {
    device: shown,
    matchedBy: 'unknown',
    group: null,
    zone: zone?.name ?? null,
    vlan: zone?.vlan?.value ?? null,
    role: null,
    file: u ? u.loc.file : null,
    line: u ? u.loc.range.start.line + 1 : null,
    rejected: !zone,
  };
}
