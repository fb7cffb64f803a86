import type { Target } from '../target.js';
import { COMMENT_MAX_BYTES, NAME_MAX } from './escape.js';
import { linuxIptablesReader } from './read.js';
import { FILES, renderRestore } from './render-restore.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { CAPACITY, linuxIptablesUsage } from './usage.js';

/** A Linux router: iptables-restore and ip6tables-restore files for a stateful FORWARD chain. */
export const linuxIptablesTarget: Target = {
  platform: 'linux-iptables',
  kind: 'firewall',
  capabilities: {
    stateful: true,
    ipv6: true,
    objectGroups: false,
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
      'No named address sets without ipset (extra state, not used): objects are spelled inline as prefix lists, one kernel rule per prefix pair.',
      'Port isolation is switching inside a VLAN, which the FORWARD chain never sees; zones asking for it are refused (WL702).',
      'Zones are matched by address (each rule\'s prefixes lie inside its zones), not by interface name; the header says so.',
      "What a zone's link sends the router itself (its infrastructure: DHCP to the relay, neighbour discovery) is filtered in the chain wardline-input, by interface (the zone's `interface:`, else `vlan<ID>`; WL707 when it has neither); INPUT must jump to it once, by hand (`iptables -I INPUT -j wardline-input`), since a restore file cannot add that jump idempotently. OUTPUT, and INPUT on other interfaces, are left to the operator (the file is loaded with --noflush).",
      'Logging is a LOG rule before the verdict; its prefix keeps 29 characters, so rule names are cut to 23 in the log.',
      'Comments keep 255 bytes: longer text is cut with "...", " becomes \' and \\ becomes /, control characters spaces.',
      'A service needing more than 15 ports, or several ICMP types, becomes several rules with the same verdict and comment.',
      ...capacityNotes(CAPACITY),
    ],
  },
  usage: linuxIptablesUsage,
  reader: linuxIptablesReader,
  render(program) {
    if (program.kind !== 'firewall') throw new Error(`linux-iptables renders firewall programs, not ${program.kind}`);
    return ([4, 6] as const).map((family) => ({ path: FILES[family], content: renderRestore(program, family) }));
  },
};
