import { diagnostic } from '../model/diagnostic.js';
import type { Check } from './check.js';

export const invalidService: Check = {
  code: 'WL508',
  name: 'invalid-service',
  severity: 'error',
  description: 'A port, port range, protocol or ICMP type is invalid.',
  run: ({ policy }) =>
    policy.invalidServiceSpecs.map((s) =>
      diagnostic('WL508', 'error', s.error, s.loc, {
        hint: 'Write proto/port (tcp/443), proto/low-high (udp/5000-5010), icmp/TYPE[/CODE] or proto/NUMBER.',
      }),
    ),
};
