import { diagnostic, related } from '../model/diagnostic.js';
import { formatLine } from '../model/source.js';
import type { Check } from './check.js';

export const duplicateName: Check = {
  code: 'WL302',
  name: 'duplicate-name',
  severity: 'error',
  description: 'A name is defined twice.',
  run: ({ policy }) =>
    policy.clashes.map((c) => {
      const standard = c.what === 'service' && policy.services.get(c.name)?.standard === true;
      const firstWhat = c.firstWhat ?? c.what;
      const message = standard
        ? `service "${c.name}" is already defined by the standard catalog`
        : firstWhat !== c.what
          ? `${c.what} "${c.name}" has the name of the ${firstWhat} defined at ${formatLine(c.first)}`
          : `${c.what} "${c.name}" is defined twice; the first is at ${formatLine(c.first)}`;
      const hint = standard
        ? `Use the standard "${c.name}" as it is, or give your service another name.`
        : c.what === 'zone' || c.what === 'group'
          ? 'Rename one of them: zones and groups share one namespace, so a reference must mean one thing.'
          : 'Rename one of them, or merge the two definitions.';
      return diagnostic('WL302', 'error', message, c.second, {
        hint,
        related: [related(`"${c.name}" is first defined here${firstWhat !== c.what ? ` as a ${firstWhat}` : ''}`, c.first)],
      });
    }),
};
