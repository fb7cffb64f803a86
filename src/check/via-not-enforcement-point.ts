import { diagnostic } from '../model/diagnostic.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { Check } from './check.js';

export const viaNotEnforcementPoint: Check = {
  code: 'WL304',
  name: 'via-not-enforcement-point',
  severity: 'error',
  description: "A zone's via is not an enforcement point.",
  run: ({ policy }) =>
    [...policy.zones.values()]
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
};
