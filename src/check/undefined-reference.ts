import { diagnostic } from '../model/diagnostic.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { UnresolvedRef } from '../model/policy.js';
import type { Check } from './check.js';

const WHAT: Record<UnresolvedRef['what'], { noun: string; todo: string }> = {
  endpoint: {
    noun: 'a group or zone',
    todo: 'Define it under groups: or zones:, or write label:NAME, an address or prefix, external or any.',
  },
  service: { noun: 'a service', todo: 'Define it under services:, or write it inline (tcp/443, udp/123).' },
  zone: { noun: 'a zone', todo: 'Define the zone under zones:, or put the group in an existing zone.' },
  'enforcement point': { noun: 'an enforcement point', todo: 'Define it under enforcement:.' },
  flow: { noun: 'a flow', todo: 'Name the id of an existing flow, or remove the exception.' },
};

export const undefinedReference: Check = {
  code: 'WL301',
  name: 'undefined-reference',
  severity: 'error',
  description: 'A reference to a name that is not defined.',
  run: ({ policy }) =>
    policy.unresolved.map((ref) => {
      const { noun, todo } = WHAT[ref.what];
      const guess = didYouMean(ref.text, ref.candidates);
      return diagnostic('WL301', 'error', `"${ref.text}" is not ${noun} defined in this policy`, ref.loc, {
        hint: guess ? `Did you mean "${guess}"? ${todo}` : todo,
      });
    }),
};
