import { diagnostic } from '../model/diagnostic.js';
import type { Check } from './check.js';

export const vlanOutOfRange: Check = {
  code: 'WL404',
  name: 'vlan-out-of-range',
  severity: 'error',
  description: 'A VLAN id is outside 1-4094.',
  run: ({ policy }) =>
    [...policy.zones.values()].flatMap((z) =>
      z.vlan && (z.vlan.value < 1 || z.vlan.value > 4094)
        ? [
            diagnostic('WL404', 'error', `zone "${z.name}" has VLAN id ${z.vlan.value}, outside 1-4094`, z.vlan.loc, {
              hint: 'Use a VLAN id from 1 to 4094 (0 and 4095 are reserved by IEEE 802.1Q).',
            }),
          ]
        : [],
    ),
};
