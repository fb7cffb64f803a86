import { diagnostic } from '../model/diagnostic.js';
import { didYouMean } from '../model/did-you-mean.js';
import { PLATFORMS } from '../model/policy.js';
import { quote } from '../model/quoted.js';
import type { Check } from './check.js';

const known = new Set<string>(PLATFORMS);

export const unknownPlatform: Check = {
  code: 'WL303',
  name: 'unknown-platform',
  severity: 'error',
  description: 'An enforcement point names a platform wardline does not know.',
  run: ({ policy }) =>
    [...policy.enforcementPoints.values()]
      .filter((ep) => !known.has(ep.platform.value))
      .map((ep) => {
        const guess = didYouMean(ep.platform.value, PLATFORMS);
        const list = `Known platforms: ${PLATFORMS.join(', ')}.`;
        return diagnostic(
          'WL303',
          'error',
          `enforcement point "${ep.name}" has unknown platform ${quote(ep.platform.value)}`,
          ep.platform.loc,
          { hint: guess ? `Did you mean "${guess}"? ${list}` : list },
        );
      }),
};
