import { diagnostic } from '../model/diagnostic.js';
import { relayServers, RELAY_SERVERS_MAX } from '../model/infrastructure.js';
import type { Check } from './check.js';

/** A DHCP relay forwards to server addresses: every target names them one by one (helper addresses). */
export const relayServerNotHost: Check = {
  code: 'WL410',
  name: 'relay-server-not-host',
  severity: 'error',
  description: "A zone's dhcp-relay names something other than a few server addresses.",
  run: ({ policy, addresses }) =>
    [...policy.zones.values()].flatMap((zone) => {
      const servers = relayServers(addresses, zone);
      if (!('problem' in servers)) return [];
      return [
        diagnostic('WL410', 'error', `the dhcp-relay of zone "${zone.name}" needs DHCP server addresses, but ${servers.problem}`, zone.infrastructure.loc, {
          hint: `Name the servers' addresses, or a group of at most ${RELAY_SERVERS_MAX} host addresses per family (addresses: [10.50.0.53, 10.50.0.54]).`,
        }),
      ];
    }),
};
