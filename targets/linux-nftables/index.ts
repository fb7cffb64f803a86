import type { Target } from '../target.js';
import { COMMENT_MAX_BYTES, NAME_MAX } from './escape.js';
import { linuxNftablesReader } from './read.js';
import { renderRuleset } from './render-ruleset.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { CAPACITY, linuxNftablesUsage } from './usage.js';

export const RULESET_FILE = 'ruleset.nft';

/** A Linux router: one `nft -f` ruleset with an inet table, named sets and a stateful forward chain. */
export const linuxNftablesTarget: Target = {
  platform: 'linux-nftables',
  kind: 'firewall',
  capabilities: {
    stateful: true,
    ipv6: true,
    objectGroups: true,
    established: true,
    logging: true,
    pairs: 'one-config',
    fqdnObjects: false,
    portIsolation: false,
    interfaceNameMax: 15,
    nameMax: NAME_MAX,
    commentMax: COMMENT_MAX_BYTES,
    capacity: CAPACITY,
    notes: [
      'Port isolation is switching inside a VLAN, which the forward hook never sees; zones asking for it are refused (WL702).',
      'Zones are matched by address (each rule\'s sets lie inside its zones), not by interface name; the header says so.',
      "Forwarded traffic is filtered by address; what a zone's link sends the router itself (its infrastructure: DHCP to the relay, neighbour discovery) in chain input, by interface: the zone's `interface:`, else `vlan<ID>` (WL707 when it has neither). The router's output and input on other interfaces (management) are left to the operator.",
      'Rule comments keep 128 bytes: longer text is cut with "...", double quotes become single quotes, control characters spaces.',
      'A rule with several services or address objects becomes several nft rules with the same verdict, log prefix and comment.',
      'Connections open before a reload keep passing by state until they close; the header says how to cut them.',
      ...capacityNotes(CAPACITY),
    ],
  },
  usage: linuxNftablesUsage,
  reader: linuxNftablesReader,
  render(program) {
    if (program.kind !== 'firewall') throw new Error(`linux-nftables renders firewall programs, not ${program.kind}`);
    return [{ path: RULESET_FILE, content: renderRuleset(program) }];
  },
};
