import type { Target } from '../target.js';
import { COMMENTS_MAX, NAME_MAX } from './escape.js';
import { CONFIG_FILE, NOTES_FILE, renderConfig } from './render-config.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { fortinetFortiosReader } from './read.js';
import { CAPACITY, fortinetFortiosUsage } from './usage.js';

export { CONFIG_FILE, NOTES_FILE };

/** A FortiGate: a FortiOS CLI script for VLAN interfaces, zones, address and service objects and the policy list. */
export const fortinetFortiosTarget: Target = {
  platform: 'fortinet-fortios',
  kind: 'firewall',
  capabilities: {
    stateful: true,
    ipv6: true,
    objectGroups: true,
    established: true,
    logging: true,
    // No VRRP: the renderer writes no `config vrrp`, so a zone asking for it is refused (WL708) rather than left unanswered.
    link: { ndAlways: true, fhrp: [] },
    pairs: 'one-config',
    fqdnObjects: true,
    portIsolation: true,
    nameMax: NAME_MAX,
    commentMax: COMMENTS_MAX,
    capacity: CAPACITY,
    notes: [
      'Port isolation is switch-controller-access-vlan on a FortiLink VLAN (every frame between ports goes to the FortiGate, so link-local, broadcast and multicast never pass between hosts; not checked by translation validation, which evaluates VLAN filters): it needs managed FortiSwitches (and SSID client isolation for bridged Wi-Fi); notes.txt says so.',
      'Isolation also turns allow-traffic-redirect and ipv6-allow-traffic-redirect off globally, so traffic hairpinning on one interface must meet a policy.',
      'An isolated zone without a VLAN has nothing to isolate on: the compiler refuses it (WL702) before rendering.',
      'Interface names are site-specific: local zones become vlan<id> on "fortilink", transit is port1; notes.txt says so.',
      'config.txt is commands only, loadable as is (FortiOS documents no comment syntax for CLI scripts); what the reviewer needs is notes.txt beside it, and each policy carries its intent, file:line and reason in its comments.',
      'Policy order is list order: ids 1..n are created in order on an empty policy table; notes.txt says to clear the previous compile first.',
      'Comments keep 1023 bytes (object comments 255): longer text is cut with "..."; inside the double quotes \\" \\\' and \\\\ are escaped with a backslash, so apostrophes and quotes survive (Fortinet CLI syntax: a backslash escapes within quotes); < > are replaced (FortiOS refuses them in text) and ? dropped (it asks for CLI help); control characters become spaces.',
      'An external known only by its DNS name is a firewall address (address6 for IPv6) of type fqdn, which the FortiGate resolves itself; an object holding names and prefixes is an address group of one address each.',
      'NAT is not rendered: an internet edge keeps its NAT settings from the operator.',
      ...capacityNotes(CAPACITY),
    ],
  },
  usage: fortinetFortiosUsage,
  reader: fortinetFortiosReader,
  render(program) {
    if (program.kind !== 'firewall') throw new Error(`fortinet-fortios renders firewall programs, not ${program.kind}`);
    const { config, notes } = renderConfig(program);
    return [
      { path: CONFIG_FILE, content: config },
      { path: NOTES_FILE, content: notes },
    ];
  },
};
