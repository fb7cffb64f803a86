import { parseAddress, parsePrefix, prefixBounds } from '../../src/net/address.js';

/**
 * The values an nft rule compares, as nft(8) spells them: numbers, names from /etc/protocols and /etc/services
 * (the common ones), nft's own ICMP type and code names, and addresses. Each parser answers a list of inclusive
 * ranges, or undefined when the text is not a value of that kind.
 */
export type Ranges = [number, number][];

// /etc/protocols as Debian ships it (the names an engineer writes), plus nft's own `icmpv6`.
const PROTOCOLS: Record<string, number> = {
  ip: 0, hopopt: 0, icmp: 1, igmp: 2, ipencap: 4, tcp: 6, egp: 8, udp: 17, dccp: 33, ipv6: 41, 'ipv6-route': 43,
  'ipv6-frag': 44, rsvp: 46, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60,
  eigrp: 88, ospf: 89, ipip: 94, etherip: 97, pim: 103, ipcomp: 108, vrrp: 112, l2tp: 115, isis: 124, sctp: 132,
  udplite: 136,
};

// /etc/services names of the ports hospital networks use most; any other port is written as a number.
const SERVICES: Record<string, number> = {
  'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25, domain: 53, bootps: 67, bootpc: 68, tftp: 69, http: 80,
  www: 80, kerberos: 88, pop3: 110, sunrpc: 111, ntp: 123, 'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139,
  imap2: 143, imap: 143, snmp: 161, 'snmp-trap': 162, ldap: 389, https: 443, 'microsoft-ds': 445, syslog: 514,
  submission: 587, ldaps: 636, imaps: 993, pop3s: 995, 'ms-sql-s': 1433, radius: 1812, 'radius-acct': 1813,
  nfs: 2049, mysql: 3306, 'ms-wbt-server': 3389, postgresql: 5432, 'syslog-tls': 6514, 'http-alt': 8080,
};

/** nft's icmp_type names (nft describe icmp type). */
export const ICMP_TYPES: Record<string, number> = {
  'echo-reply': 0, 'destination-unreachable': 3, 'source-quench': 4, redirect: 5, 'echo-request': 8,
  'router-advertisement': 9, 'router-solicitation': 10, 'time-exceeded': 11, 'parameter-problem': 12,
  'timestamp-request': 13, 'timestamp-reply': 14, 'info-request': 15, 'info-reply': 16, 'address-mask-request': 17,
  'address-mask-reply': 18,
};

/** nft's icmpv6_type names (nft describe icmpv6 type). */
export const ICMPV6_TYPES: Record<string, number> = {
  'destination-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128,
  'echo-reply': 129, 'mld-listener-query': 130, 'mld-listener-report': 131, 'mld-listener-done': 132,
  'mld-listener-reduction': 132, 'nd-router-solicit': 133, 'nd-router-advert': 134, 'nd-neighbor-solicit': 135,
  'nd-neighbor-advert': 136, 'nd-redirect': 137, 'router-renumbering': 138, 'ind-neighbor-solicit': 141,
  'ind-neighbor-advert': 142, 'mld2-listener-report': 143,
};

/** nft's icmp_code and icmpv6_code names. */
export const ICMP_CODES: Record<string, number> = {
  'net-unreachable': 0, 'host-unreachable': 1, 'prot-unreachable': 2, 'port-unreachable': 3, 'frag-needed': 4,
  'net-prohibited': 9, 'host-prohibited': 10, 'admin-prohibited': 13,
};
export const ICMPV6_CODES: Record<string, number> = {
  'no-route': 0, 'admin-prohibited': 1, 'addr-unreachable': 3, 'port-unreachable': 4, 'policy-fail': 5, 'reject-route': 6,
};

export const TCP_FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20, ecn: 0x40, cwr: 0x80 };

const NUMBER = /^(0|[1-9][0-9]*)$/;

/** A number or a name of a table, at most `max`. */
function scalar(text: string, names: Record<string, number>, max: number): number | undefined {
  if (NUMBER.test(text)) {
    const n = Number(text);
    return n <= max ? n : undefined;
  }
  return Object.hasOwn(names, text) ? names[text] : undefined;
}

/** `v` or `lo-hi` of scalars. */
export function rangeOf(text: string, names: Record<string, number>, max: number): [number, number] | undefined {
  const single = scalar(text, names, max);
  if (single !== undefined) return [single, single];
  // Names hold dashes (`ms-wbt-server`), so a range is split where both sides are values.
  for (let i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
    const lo = scalar(text.slice(0, i), names, max);
    const hi = scalar(text.slice(i + 1), names, max);
    if (lo !== undefined && hi !== undefined && lo <= hi) return [lo, hi];
  }
  return undefined;
}

export const portRange = (text: string) => rangeOf(text, SERVICES, 65535);
export const protoRange = (text: string) => rangeOf(text, PROTOCOLS, 255);
export const byteRange = (text: string, names: Record<string, number>) => rangeOf(text, names, 255);

/**
 * An address element of the family (`ip` 4, `ip6` 6): an address, a prefix (host bits cleared, as nft compares
 * under the mask), or a range `a-b`, as unified keys.
 */
export function addressRange(text: string, family: 4 | 6): [bigint, bigint] | undefined {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const lo = parseAddress(text.slice(0, dash));
    const hi = parseAddress(text.slice(dash + 1));
    if (!lo || !hi || lo.family !== family || hi.family !== family || lo.value > hi.value) return undefined;
    const base = family === 4 ? 0n : 1n << 32n;
    return [base + lo.value, base + hi.value];
  }
  const parsed = parsePrefix(text);
  if ('error' in parsed || parsed.prefix.family !== family) return undefined;
  return prefixBounds(parsed.prefix);
}
