import { diagnostic } from '../model/diagnostic.js';
import { daysLeft } from '../model/expiry.js';
import type { Check } from './check.js';

const WINDOW_DAYS = 14;

export const expiringSoon: Check = {
  code: 'WL505',
  name: 'expiring-soon',
  severity: 'info',
  description: `A flow expires within ${WINDOW_DAYS} days.`,
  run: ({ policy }) =>
    policy.flows.flatMap((f) => {
      const left = daysLeft(f, policy.today);
      if (left === undefined || left < 0 || left > WINDOW_DAYS) return [];
      const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
      return [
        diagnostic('WL505', 'info', `flow "${f.id}" expires ${when} (${f.expires!.value})`, f.expires!.loc, {
          hint: 'Renew it with a new expires date if the access is still needed; otherwise it stops being rendered.',
        }),
      ];
    }),
};
