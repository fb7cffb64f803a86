/**
 * The keywords IOS-XE access lists take for protocols, ports and ICMP messages, as its CLI help lists them (Cisco IOS
 * Security Command Reference: permit/deny (IP), permit/deny (IPv6)). A name outside these tables is not a keyword.
 */

type Family = 4 | 6;

/** `ip` / `ipv6` match every protocol; IOS reads protocol number 0 in an IPv4 list as `ip` too. */
const PROTOCOLS: Record<Family, Record<string, number | 'any'>> = {
  4: { ip: 'any', ahp: 51, eigrp: 88, esp: 50, gre: 47, icmp: 1, igmp: 2, ipinip: 4, nos: 94, ospf: 89, pcp: 108, pim: 103, tcp: 6, udp: 17 },
  6: { ipv6: 'any', ahp: 51, esp: 50, icmp: 58, pcp: 108, sctp: 132, tcp: 6, udp: 17 },
};

export function protocolOf(word: string, family: Family): number | 'any' | undefined {
  const named = PROTOCOLS[family][word];
  if (named !== undefined) return named;
  if (!/^[0-9]{1,3}$/.test(word) || Number(word) > 255) return undefined;
  const n = Number(word);
  if (n === 0 && family === 4) return 'any';
  return n;
}

const TCP_PORTS: Record<string, number> = {
  bgp: 179, chargen: 19, cmd: 514, daytime: 13, discard: 9, domain: 53, drip: 3949, echo: 7, exec: 512, finger: 79,
  ftp: 21, 'ftp-data': 20, gopher: 70, hostname: 101, ident: 113, irc: 194, klogin: 543, kshell: 544, login: 513,
  lpd: 515, msrpc: 135, nntp: 119, 'onep-plain': 15001, 'onep-tls': 15002, 'pim-auto-rp': 496, pop2: 109, pop3: 110,
  smtp: 25, sunrpc: 111, tacacs: 49, talk: 517, telnet: 23, time: 37, uucp: 540, whois: 43, www: 80,
};

const UDP_PORTS: Record<string, number> = {
  biff: 512, bootpc: 68, bootps: 67, discard: 9, dnsix: 195, domain: 53, echo: 7, isakmp: 500, 'mobile-ip': 434,
  nameserver: 42, 'netbios-dgm': 138, 'netbios-ns': 137, 'netbios-ss': 139, 'non500-isakmp': 4500, ntp: 123,
  'pim-auto-rp': 496, rip: 520, snmp: 161, snmptrap: 162, sunrpc: 111, syslog: 514, tacacs: 49, talk: 517, tftp: 69,
  time: 37, who: 513, xdmcp: 177,
};

/** A port as written after an operator: a number 0-65535 or the protocol's keyword (`www`, `domain`). */
export function portOf(word: string, proto: number): number | undefined {
  if (/^[0-9]{1,5}$/.test(word)) return Number(word) <= 65535 ? Number(word) : undefined;
  const table = proto === 6 ? TCP_PORTS : proto === 17 ? UDP_PORTS : {};
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** An ICMP message keyword: its type, and its code where the keyword names one. */
export interface IcmpMessage {
  type: number;
  code?: number;
}

const m = (type: number, code?: number): IcmpMessage => (code === undefined ? { type } : { type, code });

const ICMP4: Record<string, IcmpMessage> = {
  'administratively-prohibited': m(3, 13), 'alternate-address': m(6), 'conversion-error': m(31),
  'dod-host-prohibited': m(3, 10), 'dod-net-prohibited': m(3, 9), echo: m(8), 'echo-reply': m(0),
  'general-parameter-problem': m(12, 0), 'host-isolated': m(3, 8), 'host-precedence-unreachable': m(3, 14),
  'host-redirect': m(5, 1), 'host-tos-redirect': m(5, 3), 'host-tos-unreachable': m(3, 12), 'host-unknown': m(3, 7),
  'host-unreachable': m(3, 1), 'information-reply': m(16), 'information-request': m(15), 'mask-reply': m(18),
  'mask-request': m(17), 'mobile-redirect': m(32), 'net-redirect': m(5, 0), 'net-tos-redirect': m(5, 2),
  'net-tos-unreachable': m(3, 11), 'net-unreachable': m(3, 0), 'network-unknown': m(3, 6), 'no-room-for-option': m(12, 2),
  'option-missing': m(12, 1), 'packet-too-big': m(3, 4), 'parameter-problem': m(12), 'port-unreachable': m(3, 3),
  'precedence-unreachable': m(3, 15), 'protocol-unreachable': m(3, 2), 'reassembly-timeout': m(11, 1), redirect: m(5),
  'router-advertisement': m(9), 'router-solicitation': m(10), 'source-quench': m(4), 'source-route-failed': m(3, 5),
  'time-exceeded': m(11), 'timestamp-reply': m(14), 'timestamp-request': m(13), traceroute: m(30),
  'ttl-exceeded': m(11, 0), unreachable: m(3),
};

const ICMP6: Record<string, IcmpMessage> = {
  'beyond-scope': m(1, 2), 'destination-unreachable': m(1), 'dhaad-reply': m(145), 'dhaad-request': m(144),
  'echo-reply': m(129), 'echo-request': m(128), header: m(4, 0), 'hop-limit': m(3, 0), 'mld-query': m(130),
  'mld-reduction': m(132), 'mld-report': m(131), 'mpd-advertisement': m(147), 'mpd-solicitation': m(146),
  'nd-na': m(136), 'nd-ns': m(135), 'next-header': m(4, 1), 'no-admin': m(1, 1), 'no-route': m(1, 0),
  'packet-too-big': m(2), 'parameter-option': m(4, 2), 'parameter-problem': m(4), 'port-unreachable': m(1, 4),
  'reassembly-timeout': m(3, 1), redirect: m(137), 'renum-command': m(138, 0), 'renum-result': m(138, 1),
  'renum-seq-number': m(138, 255), 'router-advertisement': m(134), 'router-renumbering': m(138),
  'router-solicitation': m(133), 'time-exceeded': m(3), unreachable: m(1),
};

export function icmpMessageOf(word: string, family: Family): IcmpMessage | undefined {
  const table = family === 4 ? ICMP4 : ICMP6;
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** TCP flag bits by their ACL keyword. */
export const TCP_FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 };
