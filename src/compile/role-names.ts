import type { Policy } from '../model/policy.js';
import { nameTable, safeName } from './names.js';

/**
 * The one table of role names (issue 17): what a NAC answer names as a device's role (Filter-Id, the ExtremeControl
 * policy, Aruba-User-Role), the downloadable ACL of the role and the Cisco ISE profile and ACL names, by group. A role
 * name is a name every platform takes as an ACL, policy or role name: letters, digits, `_` and `-`, starting with a
 * letter, at most ROLE_NAME_MAX characters, the tightest `nameMax` of the targets (iptables chains 28, PAN-OS zones 31,
 * Cisco IOS-XE and Arista 32, Aruba AOS-CX 64), and plain ASCII for a RADIUS string. Groups whose names are already such a name keep them, and
 * claim them first, so a group added later never renames an existing role; the others follow in name order.
 */
export function roleNames(policy: Policy): ReadonlyMap<string, string> {
  const groups = [...policy.groups.keys()].sort();
  const plain = groups.filter((g) => safeName(g, ROLE_NAME_MAX) === g);
  const table = nameTable(ROLE_NAME_MAX);
  const roles = new Map<string, string>();
  for (const g of [...plain, ...groups.filter((x) => !plain.includes(x))]) roles.set(g, table.claim(g, g));
  return roles;
}

export const ROLE_NAME_MAX = 28;

/** A role name as roleNames gives them; for tests and the export formats that check what they write. */
export const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,27}$/;
