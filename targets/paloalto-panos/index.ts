import type { Target } from '../target.js';
import { DESCRIPTION_MAX, ZONE_NAME_MAX } from './escape.js';
import { CONFIG_FILE, NOTES_FILE, renderConfig } from './render-config.js';
import { capacityNotes } from '../../src/compile/capacity.js';
import { paloaltoPanosReader } from './read.js';
import { CAPACITY, paloaltoPanosUsage } from './usage.js';

export { CONFIG_FILE, NOTES_FILE };

/** A Palo Alto Networks firewall: configure-mode set commands for zones, objects and the security rulebase. */
export const paloaltoPanosTarget: Target = {
  platform: 'paloalto-panos',
  kind: 'firewall',
  capabilities: {
    stateful: true,
    ipv6: true,
    objectGroups: true,
    established: true,
    logging: true,
    pairs: 'one-config',
    fqdnObjects: true,
    portIsolation: false,
    link: { ndAlways: true, fhrp: [] },
    ipv4InIpv6: true,
    portProtocols: [6, 17],
    nameMax: ZONE_NAME_MAX,
    commentMax: DESCRIPTION_MAX,
    capacity: CAPACITY,
    notes: [
      'Port isolation is switching inside a VLAN, which never crosses the firewall; zones asking for it are refused (WL702).',
      'Interface names are site-specific: local zones become subinterfaces ethernet1/1.<vlan>, transit is ethernet1/2; the header says so.',
      'Service objects carry TCP and UDP only: ICMP/ICMPv6 types and other protocols are custom applications (ident-by-icmp-type, ident-by-ip-protocol); SCTP with ports cannot be spelled and is refused (WL706).',
      'A rule mixing ports and ICMP/other protocols becomes two adjacent rules (<name> and <name>-app), because PAN-OS ANDs application and service.',
      'IPv4 rules with an `any` side use 0.0.0.0/0, since `any` also means IPv6 on PAN-OS; IPv6 any matches IPv4 too, used only by the final deny.',
      'Descriptions keep 1023 characters: longer text is cut with "...", double quotes become single quotes, ? is dropped, control characters become spaces.',
      'Ownership: every rule carries tag wardline and a name of the intent plus a hash of its lists; the file moves them to the top of the rulebase in order (`move ... top`, `move ... after`; PAN-OS API Guide, Move Configuration: where=top|after) ending with a final deny from any zone to any zone, and deletes nothing: rules it did not write, and its own from an earlier compile, stay below that deny and match nothing. `set` merges into lists (PAN-OS API Guide: set adds, edit replaces; a rule and an address group are lists of members), so a changed rule or group is a new name rather than a merge; notes.txt says how to remove old ones.',
      'An external known only by its DNS name is an address object of type fqdn (`set address <name> fqdn <dns-name>`; with prefixes, a static address group of both kinds), which the firewall resolves itself, A and AAAA records: in an IPv6 rule it also matches IPv4 packets to the name, so WL709 refuses one whose other side reaches ::/96.',
      'Allow rules always keep the session-end traffic log (log-end yes, the PAN-OS default); a flow with log: true also logs session starts; denies log when their intent does.',
      'Set-command files have no comment syntax: config.txt holds only commands, loadable as is; each rule\'s intent, reason and file:line are its description on the device, and the rest (interface assumptions, ownership, the rule list) is notes.txt beside it.',
      ...capacityNotes(CAPACITY),
    ],
  },
  usage: paloaltoPanosUsage,
  reader: paloaltoPanosReader,
  render(program) {
    if (program.kind !== 'firewall') throw new Error(`paloalto-panos renders firewall programs, not ${program.kind}`);
    const { config, notes } = renderConfig(program);
    return [
      { path: CONFIG_FILE, content: config },
      { path: NOTES_FILE, content: notes },
    ];
  },
};
