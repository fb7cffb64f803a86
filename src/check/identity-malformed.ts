import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { parseMac, parseOui } from '../model/identity.js';
import type { Check } from './check.js';

export const identityMalformed: Check = {
  code: 'WL801',
  name: 'identity-malformed',
  severity: 'error',
  description: 'A MAC address or OUI of a group is not one.',
  run: ({ policy }) => {
    const out: Diagnostic[] = [];
    for (const g of policy.groups.values()) {
      for (const m of g.identities?.macs ?? []) {
        if (parseMac(m.value) !== undefined) continue;
        out.push(diagnostic('WL801', 'error', `"${m.value}" in group "${g.name}" is not a MAC address`, m.loc, { hint: 'Write six hex pairs: 00:1b:44:11:3a:b7 (00-1B-44-11-3A-B7 and 001b.4411.3ab7 are read too).' }));
      }
      for (const o of g.identities?.ouis ?? []) {
        if (parseOui(o.value) !== undefined) continue;
        out.push(diagnostic('WL801', 'error', `"${o.value}" in group "${g.name}" is not an OUI`, o.loc, { hint: "Write the manufacturer's first three bytes: 00:1b:44." }));
      }
    }
    return out;
  },
};
