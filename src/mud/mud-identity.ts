import type { Policy } from '../model/policy.js';
import { formatLoc } from '../model/source.js';
import type { MudFile, MudProblem } from './mud-document.js';

/** What becomes of the MUD URL: the group's `identities: { mud-url }`, or why not (said in the YAML and on stderr). */
export interface MudIdentity {
  /** The URL the defined group claims; absent when it claims none. */
  url?: string;
  /** Why the defined group claims no URL, for the comment above it. */
  withheld?: string;
  problems: MudProblem[];
}

/** What the language takes as a MUD URL identity (schema: `^https://`, 512 characters), printable ASCII as URLs are. */
const IDENTITY_URL = /^https:\/\/[\x21-\x7e]{1,504}$/;

/**
 * The MUD URL as the group's identity. A group defined here claims its file's URL, unless the policy makes that claim
 * an error after the merge (another group claims it: WL802; the zone has no VLAN: WL804) or the URL is none the
 * language takes. A group the policy already defines is not rewritten: what its identities lack is said.
 */
export function mudIdentity(files: readonly MudFile[], group: string, zone: string | undefined, policy: Policy | undefined): MudIdentity {
  const defining = zone !== undefined;
  const problems: MudProblem[] = [];
  const say = (f: MudFile, reason: string, counts: boolean) => problems.push({ file: f.file, ...f.urlAt, where: `mud-url ${JSON.stringify(f.url)}`, reason, counts, ...(counts ? { kind: 'conflict' as const } : {}) });
  const groups = [...(policy?.groups.values() ?? [])];
  const mine = policy?.groups.get(group);
  let claimed = false;
  for (const f of files) {
    const other = groups.find((g) => g.name !== group && g.identities?.mudUrl?.value === f.url);
    if (!other) continue;
    claimed = true;
    const at = formatLoc(other.identities!.mudUrl!.loc);
    say(f, defining
      ? `group "${other.name}" (${at}) already claims this MUD URL: merged, group "${group}" would claim it too, which check refuses (WL802): import into that group (--group ${other.name}, without --zone), or take its claim away; the URL is kept in the description`
      : `group "${other.name}" (${at}) claims this MUD URL: its devices are that group's, not "${group}"'s: import into --group ${other.name}`, true);
  }
  const urls = [...new Set(files.map((f) => f.url))];
  const first = files[0];
  if (!first) return { problems };
  if (!defining) {
    const has = mine?.identities?.mudUrl;
    if (claimed || urls.length !== 1) return { problems };
    if (!has) say(first, `group "${group}"${mine ? ` (${formatLoc(mine.loc)})` : ''} names no MUD URL: add identities: { mud-url: ${first.url} } to it, so that network access control places the devices by it`, false);
    else if (has.value !== first.url) say(first, `group "${group}" names MUD URL ${has.value} (${formatLoc(has.loc)}), not this file's: the flows are imported for it all the same`, false);
    return { problems };
  }
  const withhold = (why: string, f: MudFile = first, counts = false) => {
    say(f, `${why}: the URL is kept in the description`, counts);
    return { withheld: why, problems };
  };
  if (claimed) return { withheld: 'another group of the policy claims it', problems };
  if (urls.length > 1) return withhold(`a group names one MUD URL, and the files give ${urls.length}: import each file into its own group for network access control to place each model by its URL`, files.find((f) => f.url !== first.url));
  if (!IDENTITY_URL.test(first.url)) return withhold('it is not an https URL of printable characters, at most 512, as a MUD URL identity must be');
  // Network access control puts a named device in its zone's VLAN: without one, check refuses the claim (WL804).
  const z = policy?.zones.get(zone);
  if (z && z.vlan === undefined) return withhold(`zone "${zone}" (${formatLoc(z.loc)}) has no VLAN for network access control to put the device in (WL804): give it a vlan:, then add identities: { mud-url: ${first.url} } to the group`);
  return { url: first.url, problems };
}
