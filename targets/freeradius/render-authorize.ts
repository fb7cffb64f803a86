import type { NacEntry, NacPlan } from '../../src/compile/ir.js';
import type { AnswerSize } from '../../src/compile/nac-limits.js';
import { daclEntries, type DaclEntries } from '../cisco-dacl/render-dacl.js';

/**
 * The FreeRADIUS files module's `authorize` file (mods-config/files/authorize; users-file syntax: a line of check
 * items, then indented reply items). First match wins. MAB entries (a MAC, an OUI, the unknown) answer only requests
 * without EAP (`EAP-Message !* ANY`) and accept them (the MAC is all MAB knows); 802.1X and EAP-TLS entries leave
 * authentication to EAP and add the VLAN and role. Every answer: Tunnel-Type VLAN, Tunnel-Medium-Type IEEE-802,
 * Tunnel-Private-Group-Id the zone's VLAN (RFC 3580), and the role: with `cisco-dacl`, its downloadable ACL, every
 * entry of it a `Cisco-AVPair += "ip:inacl#N=…"` (`+=`: one attribute each), in every answer of the role.
 */
export function renderAuthorize(plan: NacPlan): string {
  const dacls = new Map(plan.acls.map((a) => [a.role, daclEntries(a)]));
  const out = [
    `# wardline: network access control of ${plan.point} (FreeRADIUS files module: mods-config/files/authorize).`,
    '# Compiled from the policy; edit the policy, not this file. First match wins: MACs, 802.1X identities and',
    "# certificate subjects, manufacturers' OUIs, then devices no group claims. MAB entries answer requests without EAP.",
    '',
  ];
  for (const e of plan.entries) out.push(...entry(plan, e, dacls.get(e.role)), '');
  out.push(...unknown(plan));
  return `${out.join('\n')}\n`;
}

function entry(plan: NacPlan, e: NacEntry, dacl: DaclEntries | undefined): string[] {
  const [what, check] = matchOf(e);
  const head = `# group ${e.group} (${comment(e.file)}:${e.line}), zone ${e.zone}, VLAN ${e.vlan}: ${what}`;
  if (plan.roleAttribute !== 'cisco-dacl') return [head, `DEFAULT\t${check}`, ...reply(plan, e.vlan, e.role)];
  if (!dacl) throw new Error(`freeradius: no downloadable ACL for role ${e.role} in the IR`);
  const notes = dacl.unrendered.map((n) => `#   ${n}`);
  const aces = dacl.entries.map((ace, i) => `Cisco-AVPair += ${quoted(`ip:inacl#${i + 1}=${ace}`)}`);
  return [`${head}; role ${e.role}: its downloadable ACL, ${dacl.entries.length} entries`, ...notes, `DEFAULT\t${check}`, ...replyItems([...tunnel(e.vlan), ...aces])];
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
  return replyItems([...tunnel(vlan), ...(role === null ? [] : [roleItem(plan, role)])]);
}

const tunnel = (vlan: number) => ['Tunnel-Type = VLAN', 'Tunnel-Medium-Type = IEEE-802', `Tunnel-Private-Group-Id = "${vlan}"`];

const replyItems = (items: string[]) => items.map((item, i) => `\t${item}${i < items.length - 1 ? ',' : ''}`);

function roleItem(plan: NacPlan, role: string): string {
  switch (plan.roleAttribute) {
    case 'extreme':
      return `Filter-Id = ${quoted(`Enterasys:version=1:policy=${role}`)}`;
    case 'aruba':
      return `Aruba-User-Role = ${quoted(role)}`;
    case 'filter-id':
      return `Filter-Id = ${quoted(role)}`;
    case 'cisco-dacl':
      throw new Error('freeradius: a downloadable ACL answers with its entries, not a role attribute');
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

/**
 * What each role's answer weighs on the wire, for the RADIUS limits (compile/nac-limits.ts): header 20, the tunnel
 * attributes (6, 6, 3 + the VLAN's digits), each Cisco-AVPair 8 + its string, and room for Message-Authenticator (18)
 * and EAP-Message (6) that the server adds.
 */
export function answerSizes(plan: NacPlan): AnswerSize[] {
  const vlans = new Map(plan.entries.map((e) => [e.role, e.vlan]));
  return plan.acls.map((acl) => {
    const values = daclEntries(acl).entries.map((ace, i) => Buffer.byteLength(`ip:inacl#${i + 1}=${ace}`));
    const octets = 20 + 6 + 6 + 3 + String(vlans.get(acl.role) ?? 0).length + values.reduce((n, v) => n + 8 + v, 0) + 18 + 6;
    return { role: acl.role, octets, longestVsa: Math.max(0, ...values) };
  });
}
