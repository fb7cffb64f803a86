import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { SourceLoc } from '../model/source.js';
import { formatPrefix } from '../net/address.js';
import type { Check } from './check.js';

export const groupPrefixClaimedTwice: Check = {
  code: 'WL407',
  name: 'group-prefix-claimed-twice',
  severity: 'error',
  description: 'Two groups claim the same prefix.',
  run: ({ policy }) => {
    const claimed = new Map<string, { group: string; loc: SourceLoc }>();
    const out: Diagnostic[] = [];
    for (const g of policy.groups.values()) {
      const zone = policy.zones.get(g.zone.value);
      // A group without addresses claims its whole zone.
      const claims =
        g.addresses.length > 0
          ? g.addresses.map((a) => ({ prefix: a.prefix, loc: a.loc, text: a.text }))
          : (zone?.subnets ?? []).map((s) => ({ prefix: s.prefix, loc: g.loc, text: `${s.text} (all of zone "${zone!.name}")` }));
      for (const c of claims) {
        const key = formatPrefix(c.prefix);
        const first = claimed.get(key);
        if (!first) {
          claimed.set(key, { group: g.name, loc: c.loc });
          continue;
        }
        if (first.group === g.name) continue;
        out.push(
          diagnostic('WL407', 'error', `groups "${first.group}" and "${g.name}" both claim ${c.text}`, c.loc, {
            hint: 'An address has one group: give each group its own prefix, or merge the two groups.',
            related: [related(`group "${first.group}" claims ${key} here`, first.loc)],
          }),
        );
      }
    }
    return out;
  },
};
