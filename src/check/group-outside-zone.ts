import { diagnostic, related } from '../model/diagnostic.js';
import { addressSetOf } from '../net/address-set.js';
import * as iv from '../net/interval-set.js';
import type { Check } from './check.js';

export const groupOutsideZone: Check = {
  code: 'WL403',
  name: 'group-outside-zone',
  severity: 'error',
  description: "A group address lies outside its zone's subnets.",
  run: ({ policy }) =>
    [...policy.groups.values()].flatMap((g) => {
      const zone = policy.zones.get(g.zone.value);
      if (!zone) return [];
      // Against the union: a /24 group may span two adjacent /25 subnets of its zone.
      const inside = addressSetOf(zone.subnets.map((s) => s.prefix));
      return g.addresses
        .filter((a) => !iv.isSubset(addressSetOf([a.prefix]), inside))
        .map((a) =>
          diagnostic(
            'WL403',
            'error',
            `group "${g.name}" address ${a.text} is outside its zone "${zone.name}" (${zone.subnets
              .map((s) => s.text)
              .join(', ')})`,
            a.loc,
            {
              hint: 'Fix the address, put the group in the zone whose subnet holds it, or add the subnet to the zone.',
              related: [related(`zone "${zone.name}" is defined here`, zone.loc)],
            },
          ),
        );
    }),
};
