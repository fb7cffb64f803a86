import { diagnostic } from '../model/diagnostic.js';
import { prefixContains } from '../net/address.js';
import type { Check } from './check.js';

export const gatewayOutsideSubnet: Check = {
  code: 'WL406',
  name: 'gateway-outside-subnet',
  severity: 'error',
  description: "A gateway address lies outside the zone's subnets.",
  run: ({ policy }) =>
    [...policy.zones.values()].flatMap((z) =>
      z.gateways
        .filter((gw) => !z.subnets.some((s) => prefixContains(s.prefix, gw.prefix)))
        .map((gw) =>
          diagnostic(
            'WL406',
            'error',
            `gateway ${gw.text} of zone "${z.name}" is outside its subnets (${z.subnets.map((s) => s.text).join(', ')})`,
            gw.loc,
            { hint: "A zone's gateway is its SVI address: pick an address inside one of the zone's subnets." },
          ),
        ),
    ),
};
