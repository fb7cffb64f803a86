import { diagnostic } from '../model/diagnostic.js';
import type { WrittenPrefix } from '../model/policy.js';
import { endpointReferences } from '../model/references.js';
import { formatPrefix } from '../net/address.js';
import type { Check } from './check.js';

export const hostBitsSet: Check = {
  code: 'WL401',
  name: 'host-bits-set',
  severity: 'error',
  description: 'A prefix has bits set beyond its length.',
  run: ({ policy }) => {
    const written: WrittenPrefix[] = [
      ...[...policy.zones.values()].flatMap((z) => z.subnets),
      ...[...policy.groups.values()].flatMap((g) => g.addresses),
      ...[...policy.externals.values()].flatMap((e) => e.addresses),
      ...policy.resolutions.flatMap((r) => r.addresses),
      ...endpointReferences(policy).flatMap((r) => (r.kind === 'prefix' ? [r.prefix] : [])),
    ];
    return written
      .filter((p) => p.hostBitsSet)
      .map((p) => {
        const network = formatPrefix(p.prefix);
        const host = p.text.split('/')[0] ?? p.text;
        return diagnostic('WL401', 'error', `${p.text} has host bits set; its network is ${network}`, p.loc, {
          hint: `Write ${network} for the network, or ${host} alone for the one host${
            p.prefix.family === 4 ? ' (/32)' : ' (/128)'
          }.`,
        });
      });
  },
};
