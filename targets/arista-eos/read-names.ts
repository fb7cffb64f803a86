/**
 * The names EOS access-list rules take for protocols, ports and ICMP messages, with their numbers (IANA's
 * assignments, as the EOS CLI completes them). A name not listed here is reported, never guessed.
 */

type Family = 4 | 6;

/** Protocol keywords of an IPv4 and an IPv6 list; `ip` / `ipv6` mean every protocol. */
const PROTOCOLS: Record<Family, Record<string, number | 'any'>> = {
  4: { ip: 'any', icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ahp: 51, ospf: 89, pim: 103, vrrp: 112, sctp: 132 },
  6: { ipv6: 'any', tcp: 6, udp: 17, gre: 47, esp: 50, ahp: 51, icmpv6: 58, ospf: 89, pim: 103, vrrp: 112, sctp: 132 },
};

const TCP_PORTS: Record<string, number> = {
  echo: 7, discard: 9, daytime: 13, chargen: 19, 'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25, time: 37,
  whois: 43, tacacs: 49, domain: 53, gopher: 70, finger: 79, www: 80, http: 80, hostname: 101, pop2: 109, pop3: 110,
  sunrpc: 111, ident: 113, nntp: 119, bgp: 179, irc: 194, https: 443, exec: 512, login: 513, cmd: 514, lpd: 515,
  talk: 517, uucp: 540, klogin: 543, kshell: 544,
};

const UDP_PORTS: Record<string, number> = {
  echo: 7, discard: 9, time: 37, nameserver: 42, tacacs: 49, domain: 53, bootps: 67, bootpc: 68, tftp: 69,
  sunrpc: 111, ntp: 123, 'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ss': 139, snmp: 161, snmptrap: 162,
  xdmcp: 177, dnsix: 195, 'mobile-ip': 434, isakmp: 500, biff: 512, who: 513, syslog: 514, talk: 517, rip: 520,
  'dhcpv6-client': 546, 'dhcpv6-server': 547, 'non500-isakmp': 4500,
};

/** ICMP message names: a type alone matches every code of it; a type with a code matches that code only. */
const ICMP_MESSAGES: Record<Family, Record<string, { type: number; code?: number }>> = {
  4: {
    'echo-reply': { type: 0 },
    unreachable: { type: 3 },
    'net-unreachable': { type: 3, code: 0 },
    'host-unreachable': { type: 3, code: 1 },
    'protocol-unreachable': { type: 3, code: 2 },
    'port-unreachable': { type: 3, code: 3 },
    'packet-too-big': { type: 3, code: 4 },
    'source-quench': { type: 4 },
    redirect: { type: 5 },
    echo: { type: 8 },
    'router-advertisement': { type: 9 },
    'router-solicitation': { type: 10 },
    'time-exceeded': { type: 11 },
    'ttl-exceeded': { type: 11, code: 0 },
    'parameter-problem': { type: 12 },
    'timestamp-request': { type: 13 },
    'timestamp-reply': { type: 14 },
  },
  6: {
    unreachable: { type: 1 },
    'packet-too-big': { type: 2 },
    'time-exceeded': { type: 3 },
    'parameter-problem': { type: 4 },
    'echo-request': { type: 128 },
    'echo-reply': { type: 129 },
    'mld-query': { type: 130 },
    'mld-report': { type: 131 },
    'mld-done': { type: 132 },
    'router-solicitation': { type: 133 },
    'router-advertisement': { type: 134 },
    'neighbor-solicitation': { type: 135 },
    'neighbor-advertisement': { type: 136 },
    'redirect-message': { type: 137 },
    'mldv2-report': { type: 143 },
  },
};

const NUMBER = /^(0|[1-9]\d*)$/;

/** A whole number in [0, max] written in decimal, or undefined. */
export function decimal(text: string, max: number): number | undefined {
  if (!NUMBER.test(text) || text.length > 10) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/** The protocol a rule names: a keyword of the list's family or a number 0-255. */
export function protocolNumber(word: string, family: Family): number | 'any' | undefined {
  return Object.hasOwn(PROTOCOLS[family], word) ? PROTOCOLS[family][word] : decimal(word, 255);
}

/** A port of TCP (6) or UDP (17): a number 0-65535 or the protocol's port name. */
export function portNumber(word: string, proto: number): number | undefined {
  const names = proto === 6 ? TCP_PORTS : UDP_PORTS;
  return Object.hasOwn(names, word) ? names[word] : decimal(word, 65535);
}

export function icmpMessage(word: string, family: Family): { type: number; code?: number } | undefined {
  return Object.hasOwn(ICMP_MESSAGES[family], word) ? ICMP_MESSAGES[family][word] : undefined;
}
