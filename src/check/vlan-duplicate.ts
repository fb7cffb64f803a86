import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { Zone } from '../model/policy.js';
import type { Check } from './check.js';

/** VLAN ids are local to a switching domain, so a duplicate is two zones with one id on one enforcement point. */
export const vlanDuplicate: Check = {
  code: 'WL405',
  name: 'vlan-duplicate',
  severity: 'error',
  description: 'Two zones routed by the same enforcement point use the same VLAN id.',
  run: ({ policy }) => {
    const seen = new Map<string, Zone>();
    const out: Diagnostic[] = [];
    for (const z of policy.zones.values()) {
      if (!z.vlan) continue;
      const key = `${z.via.value}\0${z.vlan.value}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, z);
        continue;
      }
      out.push(
        diagnostic(
          'WL405',
          'error',
          `zone "${z.name}" uses VLAN ${z.vlan.value}, which zone "${first.name}" already uses on "${z.via.value}"`,
          z.vlan.loc,
          {
            hint: 'Give each zone on one enforcement point its own VLAN id.',
            related: [related(`zone "${first.name}" takes VLAN ${z.vlan.value} here`, first.vlan!.loc)],
          },
        ),
      );
    }
    return out;
  },
};
