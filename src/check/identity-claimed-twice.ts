import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { formatMac, formatOui, parseMac, parseOui } from '../model/identity.js';
import type { Group, Spanned } from '../model/policy.js';
import type { Check } from './check.js';

/** One device, or one manufacturer's block, in two groups: NAC could answer either, so neither is the policy. */
export const identityClaimedTwice: Check = {
  code: 'WL802',
  name: 'identity-claimed-twice',
  severity: 'error',
  description: 'A MAC address, OUI, 802.1X identity, certificate subject or MUD URL is claimed by two groups.',
  run: ({ policy }) => {
    const out: Diagnostic[] = [];
    const seen = new Map<string, { group: Group; at: Spanned<string> }>();
    const claim = (kind: string, key: string | undefined, shown: string, group: Group, at: Spanned<string>) => {
      if (key === undefined) return;
      const first = seen.get(`${kind}\0${key}`);
      if (!first) {
        seen.set(`${kind}\0${key}`, { group, at });
        return;
      }
      if (first.group === group) return;
      out.push(
        diagnostic('WL802', 'error', `${kind} ${shown} is claimed by group "${group.name}" and by group "${first.group.name}"`, at.loc, {
          hint: 'A device belongs to one group: remove the claim from the group it is not.',
          related: [related(`group "${first.group.name}" claims it here`, first.at.loc)],
        }),
      );
    };
    for (const g of policy.groups.values()) {
      const ids = g.identities;
      if (!ids) continue;
      for (const m of ids.macs) {
        const mac = parseMac(m.value);
        claim('MAC address', mac?.toString(), mac === undefined ? m.value : formatMac(mac), g, m);
      }
      for (const o of ids.ouis) {
        const oui = parseOui(o.value);
        claim('OUI', oui?.toString(), oui === undefined ? o.value : formatOui(oui), g, o);
      }
      for (const d of ids.dot1x) claim('802.1X identity', d.value, `"${d.value}"`, g, d);
      for (const c of ids.certificates) claim('certificate subject', c.value, `"${c.value}"`, g, c);
      if (ids.mudUrl) claim('MUD URL', ids.mudUrl.value, ids.mudUrl.value, g, ids.mudUrl);
    }
    return out;
  },
};
