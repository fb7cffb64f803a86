import { diagnostic } from '../model/diagnostic.js';
import { didYouMean } from '../model/did-you-mean.js';
import { definedLabels, endpointReferences } from '../model/references.js';
import type { Check } from './check.js';

export const unusedLabel: Check = {
  code: 'WL306',
  name: 'unused-label',
  severity: 'warning',
  description: 'A label reference matches no zone or group.',
  run: ({ policy }) => {
    const labels = definedLabels(policy);
    return endpointReferences(policy).flatMap((ref) => {
      if (ref.kind !== 'label' || labels.has(ref.label)) return [];
      const guess = didYouMean(ref.label, labels);
      const todo = 'Add the label to the zones or groups it should mean, or fix the reference.';
      return [
        diagnostic('WL306', 'warning', `"${ref.text}" matches no zone or group, so it means no address at all`, ref.loc, {
          hint: guess ? `Did you mean "label:${guess}"? ${todo}` : todo,
        }),
      ];
    });
  },
};
