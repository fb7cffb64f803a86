import { diagnostic } from '../model/diagnostic.js';
import { deviceAddresses } from '../model/devices.js';
import type { Check } from './check.js';

/** A zone routed by a pair or group of devices: its gateway is virtual, kept by a first-hop redundancy protocol. */
export const pairNeedsFhrp: Check = {
  code: 'WL411',
  name: 'pair-needs-fhrp',
  severity: 'error',
  description: 'A zone routed by a pair or group of devices says no first-hop redundancy protocol for its gateway.',
  run: ({ policy }) =>
    [...policy.zones.values()].flatMap((z) => {
      const ep = policy.enforcementPoints.get(z.via.value);
      if (!ep?.devices || z.infrastructure.fhrp !== 'none') return [];
      return [
        diagnostic('WL411', 'error', `zone "${z.name}" is routed by "${ep.name}", a group of ${ep.devices.length} devices (${ep.devices.map((d) => d.value).join(', ')}), and says no fhrp for its shared gateway`, z.loc, {
          hint: 'Add infrastructure: { fhrp: ... } to the zone: varp (arista-eos), hsrp (cisco-ios), vrrp (juniper-junos, extreme-exos), vsx (aruba-aoscx), or vrrp for the Linux routers\' keepalived.',
        }),
      ];
    }),
};

/** Each device of a pair takes the gateway address + k in the zone; that address must be usable. */
export const deviceAddressUnusable: Check = {
  code: 'WL412',
  name: 'device-address-unusable',
  severity: 'error',
  description: "A device of a pair or group has no usable address of its own beside a zone's gateway (the gateway + k).",
  run: ({ policy }) =>
    [...policy.zones.values()].flatMap((z) => {
      const ep = policy.enforcementPoints.get(z.via.value);
      if (!ep?.devices) return [];
      return ep.devices.flatMap((d, i) =>
        deviceAddresses(z, i + 1)
          .filter((a) => a.problem)
          .map((a) =>
            diagnostic('WL412', 'error', `device ${d.value} of "${ep.name}" would take ${a.address} beside gateway ${a.gateway} of zone "${z.name}", and ${a.problem}`, z.loc, {
              hint: `The k-th device of a pair takes the gateway address + k: put the gateway at the start of the subnet (e.g. its first address), with room for ${ep.devices!.length} device addresses after it.`,
            }),
          ),
      );
    }),
};
