import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { formatMac, formatOui, ouiOf, parseMac, parseOui } from '../model/identity.js';
import type { Group, Spanned } from '../model/policy.js';
import type { Check } from './check.js';

/** A MAC inside another group's OUI: the MAC is more specific and wins, as a longer prefix does. Worth knowing. */
export const identityShadowed: Check = {
  code: 'WL803',
  name: 'identity-shadowed',
  severity: 'info',
  description: "A group's MAC address lies in an OUI another group claims: the MAC wins for that device.",
  run: ({ policy }) => {
    const byOui = new Map<bigint, { group: Group; at: Spanned<string> }>();
    for (const g of policy.groups.values()) {
      for (const o of g.identities?.ouis ?? []) {
        const oui = parseOui(o.value);
        if (oui !== undefined && !byOui.has(oui)) byOui.set(oui, { group: g, at: o });
      }
    }
    const out: Diagnostic[] = [];
    for (const g of policy.groups.values()) {
      for (const m of g.identities?.macs ?? []) {
        const mac = parseMac(m.value);
        const block = mac === undefined ? undefined : byOui.get(ouiOf(mac));
        if (!block || block.group === g) continue;
        out.push(
          diagnostic(
            'WL803',
            'info',
            `MAC address ${formatMac(mac!)} of group "${g.name}" lies in OUI ${formatOui(ouiOf(mac!))} of group "${block.group.name}": the MAC is more specific, so that device is "${g.name}"'s`,
            m.loc,
            { hint: 'Nothing to do when intended (one device of a manufacturer in another class); query --device says which group wins.', related: [related(`group "${block.group.name}" claims the OUI here`, block.at.loc)] },
          ),
        );
      }
    }
    return out;
  },
};
