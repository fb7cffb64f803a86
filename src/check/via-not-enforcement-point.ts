import { diagnostic } from '../model/diagnostic.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { Check } from './check.js';

export const viaNotEnforcementPoint: Check = {
  code: 'WL304',
  name: 'via-not-enforcement-point',
  severity: 'error',
  description: "A zone's via is not an enforcement point.",
  run: ({ policy }) => [
    // A NAC point (freeradius) places devices in VLANs; it routes and filters nothing.
    ...[...policy.zones.values()]
      .filter((z) => policy.enforcementPoints.get(z.via.value)?.platform.value === 'freeradius')
      .map((z) =>
        diagnostic('WL304', 'error', `zone "${z.name}" is routed via "${z.via.value}", a network access control point (freeradius), which routes and filters nothing`, z.via.loc, {
          hint: 'Route the zone via the switch or firewall that holds its gateway; the NAC point only puts devices in the zone\'s VLAN.',
        }),
      ),
    ...[...policy.zones.values()]
      .filter((z) => z.via.value !== '' && !policy.enforcementPoints.has(z.via.value))
      .map((z) => {
        const guess = didYouMean(z.via.value, policy.enforcementPoints.keys());
        const todo = `Define "${z.via.value}" under enforcement:, or route the zone via an existing enforcement point.`;
        return diagnostic(
          'WL304',
          'error',
          `zone "${z.name}" is routed via "${z.via.value}", which is not an enforcement point`,
          z.via.loc,
          { hint: guess ? `Did you mean "${guess}"? ${todo}` : todo },
        );
      }),
  ],
};
