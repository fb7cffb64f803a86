import type { Target } from '../target.js';
import { DESCRIPTION_MAX, ZONE_NAME_MAX } from './escape.js';
import { renderConfig } from './render-config.js';

export const CONFIG_FILE = 'config.txt';

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
    portIsolation: false,
    link: { ndAlways: true, fhrp: [] },
    ipv4InIpv6: true,
    portProtocols: [6, 17],
    nameMax: ZONE_NAME_MAX,
    commentMax: DESCRIPTION_MAX,
    notes: [
      'Port isolation is switching inside a VLAN, which never crosses the firewall; zones asking for it are refused (WL702).',
      'Interface names are site-specific: local zones become subinterfaces ethernet1/1.<vlan>, transit is ethernet1/2; the header says so.',
      'Service objects carry TCP and UDP only: ICMP/ICMPv6 types and other protocols are custom applications (ident-by-icmp-type, ident-by-ip-protocol); SCTP with ports cannot be spelled and is refused (WL706).',
      'A rule mixing ports and ICMP/other protocols becomes two adjacent rules (<name> and <name>-app), because PAN-OS ANDs application and service.',
      'IPv4 rules with an `any` side use 0.0.0.0/0, since `any` also means IPv6 on PAN-OS; IPv6 any matches IPv4 too, used only by the final deny.',
      'Descriptions keep 1023 characters: longer text is cut with "...", double quotes become single quotes, ? is dropped, control characters become spaces.',
      'The file replaces the whole security rulebase (delete, then set in order), because new rules are appended at the bottom.',
      'Allow rules always keep the session-end traffic log (log-end yes, the PAN-OS default); a flow with log: true also logs session starts; denies log when their intent does.',
      'Set-command files have no comment syntax: the # notes are for the reviewer and are stripped before loading.',
    ],
  },
  render(program) {
    if (program.kind !== 'firewall') throw new Error(`paloalto-panos renders firewall programs, not ${program.kind}`);
    return [{ path: CONFIG_FILE, content: renderConfig(program) }];
  },
};
