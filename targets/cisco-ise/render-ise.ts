import type { NacPlan } from '../../src/compile/ir.js';
import type { RenderedFile } from '../target.js';
import { daclEntries } from '../cisco-dacl/render-dacl.js';

/** How each authorization profile names the role to the switch: its downloadable ACL, or a Filter-Id the switch holds. */
export type IseRole = 'dacl' | 'filter-id';

export interface IseExport {
  files: RenderedFile[];
  /** What of the plan ISE's import formats do not carry, one sentence each. */
  notes: string[];
}

/**
 * What Cisco ISE imports, per role (one endpoint identity group, one authorization profile and, with `dacl`, one
 * downloadable ACL, each named by the role), from a plan with `cisco-dacl` ACLs:
 * - `endpointgroup.json`, `downloadableacl.json`, `authorizationprofile.json`: each an array of ERS request bodies
 *   (POST /ers/config/<resource>, in this order), as the ERS API documents them (Cisco DevNet ISE ERS API,
 *   Authorization Profile resource definition: name, description, vlan { nameID, tagID 0-31 }, accessType
 *   ACCESS_ACCEPT, authzProfileType SWITCH, daclName, acl (Filter-ID); Downloadable ACL: name, description, dacl with
 *   one entry a line, daclType IPV4; EndPointGroup: name, description, systemDefined).
 * - `endpoints.csv`: the MAC addresses, each with its identity group (the role), in the columns ISE's endpoint export
 *   writes and its import (Context Visibility > Endpoints > Import from file) reads back: MACAddress, EndPointPolicy
 *   (empty: profiling decides), IdentityGroup, Description, StaticAssignment, StaticGroupAssignment (as a public ISE
 *   endpoint migration script lists them; Cisco's template was not found to cite: compare with Import > Generate a
 *   Template of your ISE version before importing).
 * Authorization rules (identity group → profile) are ISE policy, not these resources: one per role, written in ISE.
 */
export function renderIse(plan: NacPlan, role: IseRole): IseExport {
  const acls = new Map(plan.acls.map((a) => [a.role, a]));
  const roles = [...new Map(plan.entries.map((e) => [e.role, e])).values()].sort((a, b) => (a.role < b.role ? -1 : 1));
  const describe = (e: (typeof roles)[number]) => `wardline role ${e.role}: group ${e.group}, zone ${e.zone}, VLAN ${e.vlan}`;
  const groups = roles.map((e) => ({ EndPointGroup: { name: e.role, description: describe(e), systemDefined: false } }));
  const dacls = (role === 'dacl' ? roles : []).map((e) => {
    const acl = acls.get(e.role);
    if (!acl) throw new Error(`cisco-ise: no downloadable ACL for role ${e.role} in the IR`);
    return { DownloadableAcl: { name: e.role, description: describe(e), dacl: daclEntries(acl).entries.join('\n'), daclType: 'IPV4' } };
  });
  const profiles = roles.map((e) => ({
    AuthorizationProfile: {
      name: e.role,
      description: describe(e),
      accessType: 'ACCESS_ACCEPT',
      authzProfileType: 'SWITCH',
      vlan: { nameID: String(e.vlan), tagID: 1 },
      ...(role === 'dacl' ? { daclName: e.role } : { acl: e.role }),
    },
  }));
  const rows = plan.entries.flatMap((e) => (e.match.kind === 'mac' ? [[macText(e.match.hex), '', e.role, `wardline group ${e.group}`, 'FALSE', 'TRUE']] : []));
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const csv = [['MACAddress', 'EndPointPolicy', 'IdentityGroup', 'Description', 'StaticAssignment', 'StaticGroupAssignment'], ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: RenderedFile[] = [
    { path: 'authorizationprofile.json', content: json(profiles) },
    ...(role === 'dacl' ? [{ path: 'downloadableacl.json', content: json(dacls) }] : []),
    { path: 'endpointgroup.json', content: json(groups) },
    { path: 'endpoints.csv', content: `${csv}\r\n` },
  ];
  return { files, notes: notesOf(plan) };
}

/** ISE writes MACs as 00:1B:44:11:3A:B7. */
const macText = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function notesOf(plan: NacPlan): string[] {
  const count = (kind: string) => plan.entries.filter((e) => e.match.kind === kind).length;
  const notes: string[] = [];
  const what = { oui: ["manufacturer's OUI", "manufacturers' OUIs"], dot1x: ['802.1X identity', '802.1X identities'], certificate: ['certificate subject', 'certificate subjects'] } as const;
  for (const kind of ['oui', 'dot1x', 'certificate'] as const) {
    const n = count(kind);
    const [one, many] = what[kind];
    if (n > 0) notes.push(`${n === 1 ? `1 ${one} is` : `${n} ${many} are`} not in the export: ISE matches them in authorization rules (or profiling policies), not as imported endpoints`);
  }
  if (plan.unknown !== null && 'zone' in plan.unknown) notes.push(`unknown devices (zone ${plan.unknown.zone}, VLAN ${plan.unknown.vlan}) are ISE's default authorization rule, not in the export`);
  return notes;
}
