import { diagnostic } from '../model/diagnostic.js';
import type { Check } from './check.js';

const RESERVED = new Set(['any', 'external']);

export const reservedName: Check = {
  code: 'WL305',
  name: 'reserved-name',
  severity: 'error',
  description: 'A zone or group uses a reserved name.',
  run: ({ policy }) =>
    [...policy.zones.values(), ...policy.groups.values()]
      .filter((x) => RESERVED.has(x.name))
      .map((x) =>
        diagnostic('WL305', 'error', `"${x.name}" is reserved and cannot name a ${x.kind}`, x.loc, {
          hint: `"${x.name}" always means ${x.name === 'any' ? 'every address' : 'every address in no zone'}; choose another name.`,
        }),
      ),
};
