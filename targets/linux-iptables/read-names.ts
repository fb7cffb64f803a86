/**
 * The names iptables takes for protocols (/etc/protocols), ports (/etc/services, the common ones) and ICMP types
 * (`iptables -p icmp -h`, `ip6tables -p ipv6-icmp -h`): each a number, or for ICMP a type with an optional code.
 */

const PROTOCOLS: Record<string, number> = {
  icmp: 1, igmp: 2, ipencap: 4, tcp: 6, egp: 8, udp: 17, dccp: 33, ipv6: 41, 'ipv6-route': 43, 'ipv6-frag': 44,
  rsvp: 46, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60, eigrp: 88,
  ospf: 89, ipip: 94, etherip: 97, pim: 103, ipcomp: 108, vrrp: 112, l2tp: 115, isis: 124, sctp: 132, udplite: 136,
  mh: 135,
};

const SERVICES: Record<string, number> = {
  'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25, domain: 53, bootps: 67, bootpc: 68, tftp: 69, http: 80,
  www: 80, kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139,
  imap2: 143, imap: 143, snmp: 161, 'snmp-trap': 162, ldap: 389, https: 443, 'microsoft-ds': 445, syslog: 514,
  submission: 587, ldaps: 636, imaps: 993, pop3s: 995, 'ms-sql-s': 1433, radius: 1812, 'radius-acct': 1813,
  nfs: 2049, mysql: 3306, 'ms-wbt-server': 3389, postgresql: 5432, 'syslog-tls': 6514, 'http-alt': 8080,
};

/** A type alone matches every code; `[type, code]` one code. */
export type IcmpMatch = { type: number; code?: number };

const ICMP: Record<string, IcmpMatch> = {
  'echo-reply': { type: 0 }, pong: { type: 0 }, 'destination-unreachable': { type: 3 },
  'network-unreachable': { type: 3, code: 0 }, 'host-unreachable': { type: 3, code: 1 },
  'protocol-unreachable': { type: 3, code: 2 }, 'port-unreachable': { type: 3, code: 3 },
  'fragmentation-needed': { type: 3, code: 4 }, 'source-route-failed': { type: 3, code: 5 },
  'network-unknown': { type: 3, code: 6 }, 'host-unknown': { type: 3, code: 7 }, 'network-prohibited': { type: 3, code: 9 },
  'host-prohibited': { type: 3, code: 10 }, 'TOS-network-unreachable': { type: 3, code: 11 },
  'TOS-host-unreachable': { type: 3, code: 12 }, 'communication-prohibited': { type: 3, code: 13 },
  'host-precedence-violation': { type: 3, code: 14 }, 'precedence-cutoff': { type: 3, code: 15 },
  'source-quench': { type: 4 }, redirect: { type: 5 }, 'network-redirect': { type: 5, code: 0 },
  'host-redirect': { type: 5, code: 1 }, 'TOS-network-redirect': { type: 5, code: 2 }, 'TOS-host-redirect': { type: 5, code: 3 },
  'echo-request': { type: 8 }, ping: { type: 8 }, 'router-advertisement': { type: 9 }, 'router-solicitation': { type: 10 },
  'time-exceeded': { type: 11 }, 'ttl-exceeded': { type: 11 }, 'ttl-zero-during-transit': { type: 11, code: 0 },
  'ttl-zero-during-reassembly': { type: 11, code: 1 }, 'parameter-problem': { type: 12 }, 'ip-header-bad': { type: 12, code: 0 },
  'required-option-missing': { type: 12, code: 1 }, 'timestamp-request': { type: 13 }, 'timestamp-reply': { type: 14 },
  'address-mask-request': { type: 17 }, 'address-mask-reply': { type: 18 },
};

const ICMPV6: Record<string, IcmpMatch> = {
  'destination-unreachable': { type: 1 }, 'no-route': { type: 1, code: 0 }, 'communication-prohibited': { type: 1, code: 1 },
  'beyond-scope': { type: 1, code: 2 }, 'address-unreachable': { type: 1, code: 3 }, 'port-unreachable': { type: 1, code: 4 },
  'failed-policy': { type: 1, code: 5 }, 'reject-route': { type: 1, code: 6 }, 'packet-too-big': { type: 2 },
  'time-exceeded': { type: 3 }, 'ttl-exceeded': { type: 3 }, 'ttl-zero-during-transit': { type: 3, code: 0 },
  'ttl-zero-during-reassembly': { type: 3, code: 1 }, 'parameter-problem': { type: 4 }, 'bad-header': { type: 4, code: 0 },
  'unknown-header-type': { type: 4, code: 1 }, 'unknown-option': { type: 4, code: 2 }, 'echo-request': { type: 128 },
  ping: { type: 128 }, 'echo-reply': { type: 129 }, pong: { type: 129 }, 'mld-listener-query': { type: 130 },
  'mld-listener-report': { type: 131 }, 'mld-listener-done': { type: 132 }, 'mld-listener-reduction': { type: 132 },
  'router-solicitation': { type: 133 }, 'router-advertisement': { type: 134 }, 'neighbour-solicitation': { type: 135 },
  'neighbor-solicitation': { type: 135 }, 'neighbour-advertisement': { type: 136 }, 'neighbor-advertisement': { type: 136 },
  redirect: { type: 137 },
};

const NUMBER = /^(0|[1-9][0-9]*)$/;

/** A protocol by number or name; `all` and `0` are every protocol (undefined stands for that), as iptables reads them. */
export function protocolOf(text: string): { proto: number | undefined } | undefined {
  const lower = text.toLowerCase();
  if (lower === 'all') return { proto: undefined };
  if (NUMBER.test(text)) {
    const n = Number(text);
    if (n > 255) return undefined;
    // The kernel's ipt_ip and ip6t_ip6 take protocol 0 as "any" (ip6_tables.c: "0 has been used as wildcard").
    return { proto: n === 0 ? undefined : n };
  }
  return Object.hasOwn(PROTOCOLS, lower) ? { proto: PROTOCOLS[lower] } : undefined;
}

export function portOf(text: string): number | undefined {
  if (NUMBER.test(text)) {
    const n = Number(text);
    return n <= 65535 ? n : undefined;
  }
  return Object.hasOwn(SERVICES, text) ? SERVICES[text] : undefined;
}

/** `p`, `lo:hi`, `:hi`, `lo:` as iptables' tcp/udp/multiport matches read a port range. */
export function portRangeOf(text: string): [number, number] | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const p = portOf(text);
    return p === undefined ? undefined : [p, p];
  }
  const lo = colon === 0 ? 0 : portOf(text.slice(0, colon));
  const hi = colon === text.length - 1 ? 65535 : portOf(text.slice(colon + 1));
  if (lo === undefined || hi === undefined) return undefined;
  // iptables swaps a reversed range rather than refusing it.
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** `name`, `type` or `type/code`; `any` matches every type. */
export function icmpOf(text: string, family: 4 | 6): IcmpMatch | 'any' | undefined {
  if (text === 'any') return 'any';
  const names = family === 4 ? ICMP : ICMPV6;
  if (Object.hasOwn(names, text)) return names[text];
  const m = /^([0-9]{1,3})(?:\/([0-9]{1,3}))?$/.exec(text);
  if (!m || Number(m[1]) > 255 || (m[2] !== undefined && Number(m[2]) > 255)) return undefined;
  return m[2] === undefined ? { type: Number(m[1]) } : { type: Number(m[1]), code: Number(m[2]) };
}

const TCP_FLAGS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20 };

/** `SYN,ACK`, `ALL` (the six flags libxt_tcp names), `NONE`. */
export function tcpFlagsOf(text: string): number | undefined {
  if (text === 'ALL') return 0x3f;
  if (text === 'NONE') return 0;
  let mask = 0;
  for (const name of text.split(',')) {
    if (!Object.hasOwn(TCP_FLAGS, name)) return undefined;
    mask |= TCP_FLAGS[name]!;
  }
  return mask;
}
