import { diagnostic } from '../model/diagnostic.js';
import { addDays, daysLeft } from '../model/expiry.js';
import type { Check } from './check.js';

export const expiringSoon: Check = {
  code: 'WL505',
  name: 'expiring-soon',
  severity: 'info',
  description: 'A flow expires within the horizon (14 days, or check --horizon DAYS).',
  // The message names dates, never "in N days": the same finding reads the same on every day it is shown.
  run: ({ policy, horizon }) =>
    policy.flows.flatMap((f) => {
      const left = daysLeft(f, policy.today);
      if (left === undefined || left < 0 || left > horizon) return [];
      const last = f.expires!.value;
      return [
        diagnostic('WL505', 'info', `flow "${f.id}" expires on ${last}, within the ${horizon}-day horizon: from ${addDays(last, 1)} it is not rendered and allows nothing`, f.expires!.loc, {
          hint: 'Renew it with a new expires date and a ticket if the access is still needed; compiled configuration committed before that day goes stale on it (compile --check fails until compiled again).',
        }),
      ];
    }),
};
