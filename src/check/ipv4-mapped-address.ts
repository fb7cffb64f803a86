import { diagnostic } from '../model/diagnostic.js';
import type { WrittenPrefix } from '../model/policy.js';
import { endpointReferences } from '../model/references.js';
import { formatAddress, formatPrefix, mappedIPv4 } from '../net/address.js';
import type { Check } from './check.js';

export const ipv4MappedAddress: Check = {
  code: 'WL408',
  name: 'ipv4-mapped-address',
  severity: 'warning',
  description: 'An IPv4-mapped IPv6 address (::ffff:a.b.c.d), which IPv4 traffic never matches.',
  run: ({ policy }) => {
    const written: WrittenPrefix[] = [
      ...[...policy.zones.values()].flatMap((z) => [...z.subnets, ...z.gateways]),
      ...[...policy.groups.values()].flatMap((g) => g.addresses),
      ...endpointReferences(policy).flatMap((r) => (r.kind === 'prefix' ? [r.prefix] : [])),
    ];
    return written.flatMap((p) => {
      const v4 = mappedIPv4(p.prefix);
      if (!v4) return [];
      const meant = v4.length === 32 ? formatAddress(4, v4.network) : formatPrefix(v4);
      return [
        diagnostic('WL408', 'warning', `${p.text} is an IPv4-mapped IPv6 address: it is matched as IPv6, so IPv4 traffic to or from ${meant} never matches it`, p.loc, {
          hint: `Write the IPv4 ${v4.length === 32 ? 'address' : 'prefix'} ${meant}: on the network an IPv4 host sends and receives IPv4 packets, and no packet carries ::ffff:a.b.c.d.`,
        }),
      ];
    });
  },
};
