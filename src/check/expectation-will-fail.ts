import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { addDays } from '../model/expiry.js';
import { expectationFindings } from '../sim/expectations.js';
import type { Check } from './check.js';

/**
 * The policy's own tests, answered on each day within the horizon on which a flow has just expired: an expectation
 * that holds today and fails then is reported now, so its flow is renewed (or the expectation changed) before the day.
 */
export const expectationWillFail: Check = {
  code: 'WL602',
  name: 'expectation-will-fail',
  severity: 'warning',
  description: 'An expectation that holds today fails once a flow expires within the horizon.',
  run: ({ policy, addresses, packets, horizon }) => {
    const end = addDays(policy.today, horizon);
    const lastDays = [...new Set(policy.flows.flatMap((f) => f.expires?.value ?? []))].filter((d) => d >= policy.today && d <= end).sort();
    if (lastDays.length === 0 || policy.expectations.length === 0) return [];
    const shared = { addresses, packets };
    const at = (d: Diagnostic) => `${d.file}\0${d.range.start.line}\0${d.range.start.col}`;
    const seen = new Set(expectationFindings(policy, shared).map(at));
    const out: Diagnostic[] = [];
    for (const last of lastDays) {
      const day = addDays(last, 1);
      const expiring = policy.flows.filter((f) => f.expires?.value === last);
      const names = expiring.map((f) => `"${f.id}"`).join(', ');
      for (const failure of expectationFindings({ ...policy, today: day }, shared)) {
        if (seen.has(at(failure))) continue;
        seen.add(at(failure));
        // WL601 says `expectation[ "id"] fails: <what and why>`; the same facts, dated.
        const cut = failure.message.indexOf(' fails: ');
        const [subject, why] = cut < 0 ? ['expectation', failure.message] : [failure.message.slice(0, cut), failure.message.slice(cut + ' fails: '.length)];
        out.push(
          diagnostic('WL602', 'warning', `${subject} holds today but fails from ${day}, after flow${expiring.length > 1 ? 's' : ''} ${names} expire${expiring.length > 1 ? '' : 's'} on ${last}: ${why}`, failure, {
            hint: `Renew ${names} with a new expires date and a ticket before ${day}, or change the expectation if the access really ends then.`,
            related: [...expiring.map((f) => related(`flow "${f.id}" is live through ${last}`, f.expires!.loc)), ...failure.related],
          }),
        );
      }
    }
    return out;
  },
};
