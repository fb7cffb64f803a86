import type { NacEntry, NacPlan } from '../../src/compile/ir.js';

/**
 * The FreeRADIUS files module's `authorize` file (mods-config/files/authorize; users-file syntax: a line of check
 * items, then indented reply items). First match wins. MAB entries (a MAC, an OUI, the unknown) answer only requests
 * without EAP (`EAP-Message !* ANY`) and accept them (the MAC is all MAB knows); 802.1X and EAP-TLS entries leave
 * authentication to EAP and add the VLAN and role. Every answer: Tunnel-Type VLAN, Tunnel-Medium-Type IEEE-802,
 * Tunnel-Private-Group-Id the zone's VLAN (RFC 3580), and the role.
 */
export function renderAuthorize(plan: NacPlan): string {
  const out = [
    `# wardline: network access control of ${plan.point} (FreeRADIUS files module: mods-config/files/authorize).`,
    '# Compiled from the policy; edit the policy, not this file. First match wins: MACs, 802.1X identities and',
    "# certificate subjects, manufacturers' OUIs, then devices no group claims. MAB entries answer requests without EAP.",
    '',
  ];
  for (const e of plan.entries) out.push(...entry(plan, e), '');
  out.push(...unknown(plan));
  return `${out.join('\n')}\n`;
}

function entry(plan: NacPlan, e: NacEntry): string[] {
  const [what, check] = matchOf(e);
  return [`# group ${e.group} (${comment(e.file)}:${e.line}), zone ${e.zone}, VLAN ${e.vlan}: ${what}`, `DEFAULT\t${check}`, ...reply(plan, e.vlan, e.role)];
}

function matchOf(e: NacEntry): [string, string] {
  switch (e.match.kind) {
    case 'mac':
      return [`MAC ${pairs(e.match.hex)}`, `User-Name =~ ${quoted(macPattern(e.match.hex, true))}, EAP-Message !* ANY, Auth-Type := Accept`];
    case 'oui':
      return [`OUI ${pairs(e.match.hex)}`, `User-Name =~ ${quoted(macPattern(e.match.hex, false))}, EAP-Message !* ANY, Auth-Type := Accept`];
    case 'dot1x':
      return ['802.1X identity', `User-Name == ${quoted(e.match.identity)}`];
    case 'certificate':
      return ['certificate subject', `TLS-Client-Cert-Subject == ${quoted(e.match.subject)}`];
  }
}

function reply(plan: NacPlan, vlan: number, role: string | null): string[] {
  const items = ['Tunnel-Type = VLAN', 'Tunnel-Medium-Type = IEEE-802', `Tunnel-Private-Group-Id = "${vlan}"`];
  if (role !== null) items.push(roleItem(plan, role));
  return items.map((item, i) => `\t${item}${i < items.length - 1 ? ',' : ''}`);
}

function roleItem(plan: NacPlan, role: string): string {
  switch (plan.roleAttribute) {
    case 'extreme':
      return `Filter-Id = ${quoted(`Enterasys:version=1:policy=${role}`)}`;
    case 'aruba':
      return `Aruba-User-Role = ${quoted(role)}`;
    case 'filter-id':
      return `Filter-Id = ${quoted(role)}`;
  }
}

function unknown(plan: NacPlan): string[] {
  const u = plan.unknown;
  if (u !== null && 'zone' in u) {
    return [`# devices no group claims (${comment(u.file)}:${u.line}): zone ${u.zone}, VLAN ${u.vlan}`, 'DEFAULT\tEAP-Message !* ANY, Auth-Type := Accept', ...reply(plan, u.vlan, null)];
  }
  const why = u === null ? 'the policy has no unknown-devices' : `unknown-devices: reject (${comment(u.file)}:${u.line})`;
  return [`# devices no group claims: rejected (${why})`, 'DEFAULT\tAuth-Type := Reject', '\tReply-Message = "wardline: no group of the policy claims this device"'];
}

/** `001b44113ab7` as the MAB User-Name of any switch: `001b44113ab7`, `00:1b:…`, `00-1B-…`, `001b.4411.3ab7`. */
function macPattern(hex: string, whole: boolean): string {
  const digit = (c: string) => (/[a-f]/.test(c) ? `[${c}${c.toUpperCase()}]` : c);
  const bytes = hex.match(/../g)!.map((b) => [...b].map(digit).join(''));
  return `^${bytes.join('[-:.]?')}${whole ? '$' : ''}`;
}

/** A file name in a comment stays on its line. */
const comment = (text: string) => text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');

const pairs = (hex: string) => hex.match(/../g)!.join(':');

/** A users-file string: backslashes and quotes escaped; the policy's text holds no line breaks (its schema). */
function quoted(text: string): string {
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Error('freeradius: a control character in the IR');
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
