import { diagnostic, related } from '../model/diagnostic.js';
import type { GuardrailException } from '../model/policy.js';
import { formatLoc } from '../model/source.js';
import type { Check } from './check.js';

export const duplicateException: Check = {
  code: 'WL511',
  name: 'duplicate-exception',
  severity: 'warning',
  description: 'A guardrail lists the same flow as an exception twice.',
  run: ({ policy }) =>
    policy.guardrails.flatMap((g) => {
      const first = new Map<string, GuardrailException>();
      return g.exceptions.flatMap((e) => {
        const earlier = first.get(e.flow.value);
        if (!earlier) {
          first.set(e.flow.value, e);
          return [];
        }
        return [
          diagnostic(
            'WL511',
            'warning',
            `guardrail "${g.id}" lists flow "${e.flow.value}" as an exception twice: here and at ${formatLoc(earlier.flow.loc)}`,
            e.flow.loc,
            {
              hint: 'Remove one of them; if this one was meant for another flow, name that flow.',
              related: [related(`flow "${e.flow.value}" is first excepted here`, earlier.flow.loc)],
            },
          ),
        ];
      });
    }),
};
