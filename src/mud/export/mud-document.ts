import type { Group } from '../../model/policy.js';
import { familyAces, type Matches } from './mud-aces.js';
import type { GroupFlows } from './group-flows.js';

/** RFC 8520 §2.1: systeminfo is at most 60 characters. */
const SYSTEMINFO_MAX = 60;
/** RFC 8519 §4.1: ACL and ACE names are at most 64 characters; room is kept for `-v6fr-NNNN`. */
const NAME_ROOM = 48;

export interface MudExport {
  document: Record<string, unknown>;
  /** What the file leaves out, in words: the policy allows it but MUD cannot say it (the file is narrower, never wider). */
  notes: string[];
}

/**
 * A MUD file (RFC 8520) for one group: its allowed flows as RFC 8519 ACLs, one per direction and family.
 * `today` (YYYY-MM-DD) is the date the flows are live on, and the file's last-update, so the bytes depend on nothing else.
 */
export function mudDocument(group: Group, flows: GroupFlows, url: string, today: string): MudExport {
  const notes: string[] = [];
  if (flows.uneven) notes.push(`the addresses of group "${group.name}" are not all allowed the same; a MUD file speaks for every device, so it lists only what all of them are allowed`);
  const stem = group.name.slice(0, NAME_ROOM);
  const acls: Record<string, unknown>[] = [];
  const policy = { from: [] as string[], to: [] as string[] };
  for (const f of flows.families) {
    const aces = familyAces(f.family, f.opens, f.opened);
    notes.push(...aces.left.map((l) => `left out ${l}`));
    for (const [way, list] of [['from', aces.from], ['to', aces.to]] as const) {
      if (list.length === 0) continue;
      const name = `${stem}-v${f.family}${way === 'from' ? 'fr' : 'to'}`;
      policy[way].push(name);
      acls.push({ name, type: `ipv${f.family}-acl-type`, aces: { ace: list.map((matches, i) => ace(`${name}-${i}`, matches)) } });
    }
  }
  const mud: Record<string, unknown> = {
    'mud-version': 1,
    'mud-url': url,
    'last-update': `${today}T00:00:00Z`,
    'cache-validity': 48,
    'is-supported': true,
  };
  if (group.description !== undefined && group.description.trim() !== '') mud.systeminfo = shorten(group.description, SYSTEMINFO_MAX);
  if (group.manufacturer !== undefined) mud['mfg-name'] = group.manufacturer;
  const named = (names: string[]) => ({ acls: { 'access-list': names.map((name) => ({ name })) } });
  if (policy.from.length > 0) mud['from-device-policy'] = named(policy.from);
  if (policy.to.length > 0) mud['to-device-policy'] = named(policy.to);
  // YANG's JSON encoding writes no empty list: a group allowed nothing has no ACLs at all.
  const document: Record<string, unknown> = { 'ietf-mud:mud': mud };
  if (acls.length > 0) document['ietf-access-control-list:acls'] = { acl: acls };
  return { document, notes };
}

function ace(name: string, matches: Matches): Record<string, unknown> {
  return { name, matches, actions: { forwarding: 'accept' } };
}

/** Cut on a character boundary (code points, as YANG counts a string's length), marked with an ellipsis. */
function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
