import { diagnostic } from '../model/diagnostic.js';
import type { Check } from './check.js';

/** The VLAN every switch port is in until configured otherwise (IEEE 802.1Q's default PVID). */
const DEFAULT_VLAN = 1;

export const defaultVlan: Check = {
  code: 'WL409',
  name: 'default-vlan',
  severity: 'warning',
  description: 'A zone is on VLAN 1, the default VLAN.',
  run: ({ policy }) =>
    [...policy.zones.values()].flatMap((z) =>
      z.vlan?.value === DEFAULT_VLAN
        ? [
            diagnostic('WL409', 'warning', `zone "${z.name}" is on VLAN 1, the default VLAN`, z.vlan.loc, {
              hint: 'Every switch port is in VLAN 1 until configured otherwise, and many switches carry their own control traffic on it: a device on an unconfigured port would land in this zone. Give the zone a VLAN of its own (2-4094).',
            }),
          ]
        : [],
    ),
};
