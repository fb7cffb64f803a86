import { addressKey, parseAddress, parsePrefix, prefixBounds } from '../../src/net/address.js';

/** A closed range of numbers: a port, protocol or ICMP type range as a term writes it. */
export type NumberRange = readonly [lo: number, hi: number];

/** One address or prefix of a match condition, as a range of packet keys (IPv4 value or 2^32 + IPv6 value). */
export interface AddressRange {
  lo: bigint;
  hi: bigint;
  length: number;
  family: 4 | 6;
}

// Text synonyms Junos accepts for port numbers (the `?` list of source-port / destination-port on EX and QFX).
const PORTS: Record<string, number> = {
  afs: 1483, bgp: 179, biff: 512, bootpc: 68, bootps: 67, cmd: 514, cvspserver: 2401, dhcp: 67, domain: 53,
  eklogin: 2105, ekshell: 2106, exec: 512, finger: 79, ftp: 21, 'ftp-data': 20, http: 80, https: 443, ident: 113,
  imap: 143, 'kerberos-sec': 88, klogin: 543, kpasswd: 761, 'krb-prop': 754, krbupdate: 760, kshell: 544, ldap: 389,
  ldp: 646, login: 513, 'mobileip-agent': 434, 'mobilip-mn': 435, msdp: 639, 'netbios-dgm': 138, 'netbios-ns': 137,
  'netbios-ssn': 139, nfsd: 2049, nntp: 119, ntalk: 518, ntp: 123, pop3: 110, pptp: 1723, printer: 515, radacct: 1813,
  radius: 1812, rip: 520, rkinit: 2108, smtp: 25, snmp: 161, snmptrap: 162, snpp: 444, socks: 1080, ssh: 22,
  sunrpc: 111, syslog: 514, tacacs: 49, 'tacacs-ds': 65, talk: 517, telnet: 23, tftp: 69, timed: 525, who: 513,
  xdmcp: 177, 'zephyr-clt': 2103, 'zephyr-hm': 2104, 'zephyr-srv': 2102,
};

// `protocol` (inet) and `next-header` / `payload-protocol` (inet6) synonyms.
const PROTOCOLS: Record<string, number> = {
  'hop-by-hop': 0, icmp: 1, igmp: 2, ipip: 4, tcp: 6, egp: 8, udp: 17, ipv6: 41, routing: 43, fragment: 44, rsvp: 46,
  gre: 47, esp: 50, ah: 51, icmp6: 58, icmpv6: 58, 'no-next-header': 59, dstopts: 60, ospf: 89, pim: 103, vrrp: 112,
  sctp: 132,
};

const ICMP4_TYPES: Record<string, number> = {
  'echo-reply': 0, unreachable: 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, 'router-advertisement': 9,
  'router-solicit': 10, 'time-exceeded': 11, 'parameter-problem': 12, timestamp: 13, 'timestamp-reply': 14,
  'info-request': 15, 'info-reply': 16, 'mask-request': 17, 'mask-reply': 18,
};

const ICMP6_TYPES: Record<string, number> = {
  'destination-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128,
  'echo-reply': 129, 'membership-query': 130, 'membership-report': 131, 'membership-termination': 132,
  'router-solicit': 133, 'router-advertisement': 134, 'neighbor-solicit': 135, 'neighbor-advertisement': 136,
  redirect: 137, 'router-renumbering': 138, 'node-information-request': 139, 'node-information-reply': 140,
};

/** `443`, `8000-8010` or a synonym such as `https`, within 0..max. */
function numberRange(text: string, max: number, names: Record<string, number>): NumberRange | undefined {
  const named = Object.hasOwn(names, text) ? names[text] : undefined;
  if (named !== undefined) return [named, named];
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= hi && hi <= max ? [lo, hi] : undefined;
}

export const portRange = (text: string) => numberRange(text, 65535, PORTS);
export const protocolRange = (text: string) => numberRange(text, 255, PROTOCOLS);
export const icmpCodeRange = (text: string) => numberRange(text, 255, {});

/** An ICMP type per family: names differ between ICMP and ICMPv6 (`echo-request` is 8 or 128). */
export function icmpTypeRange(text: string, family: 4 | 6): NumberRange | undefined {
  return numberRange(text, 255, family === 4 ? ICMP4_TYPES : ICMP6_TYPES);
}

export function inRanges(value: number, ranges: readonly NumberRange[]): boolean {
  return ranges.some(([lo, hi]) => value >= lo && value <= hi);
}

/**
 * An address or prefix of a filter term or prefix list. Junos reads a bare address as /32 or /128 and takes a dotted
 * mask after the slash for IPv4 (`10.0.0.0/255.255.255.0`); host bits past the length are ignored.
 */
export function addressRange(text: string): AddressRange | undefined {
  const [addr, len, extra] = text.split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  let prefixText = text;
  if (len !== undefined && len.includes('.')) {
    const mask = parseAddress(len);
    const length = mask?.family === 4 ? contiguousMask(mask.value) : undefined;
    if (length === undefined) return undefined;
    prefixText = `${addr}/${length}`;
  }
  const parsed = parsePrefix(prefixText);
  if ('error' in parsed) return undefined;
  const [lo, hi] = prefixBounds(parsed.prefix);
  return { lo, hi, length: parsed.prefix.length, family: parsed.prefix.family };
}

function contiguousMask(value: bigint): number | undefined {
  const bits = value.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined;
}

/** A plain address (no length), as a key: a VRRP virtual address or a DHCP server. */
export function addressKeyOf(text: string): bigint | undefined {
  const a = parseAddress(text);
  return a ? addressKey(a.family, a.value) : undefined;
}

const FLAGS: Record<string, number> = { fin: 0x01, syn: 0x02, rst: 0x04, push: 0x08, ack: 0x10, urgent: 0x20 };

/** A `tcp-flags` expression (`"(ack | rst)"`, `syn & !ack`) as a test on the flags field; undefined when not one. */
export function tcpFlagsTest(text: string): ((flags: number) => boolean) | undefined {
  const tokens = text.match(/[a-z]+|[()!&|]|\S/g) ?? [];
  let at = 0;
  type Test = (flags: number) => boolean;
  const factor = (): Test | undefined => {
    const t = tokens[at++];
    if (t === '!') {
      const inner = factor();
      return inner && ((f) => !inner(f));
    }
    if (t === '(') {
      const inner = expr();
      return tokens[at++] === ')' ? inner : undefined;
    }
    const bit = t !== undefined && Object.hasOwn(FLAGS, t) ? FLAGS[t]! : undefined;
    return bit === undefined ? undefined : (f) => (f & bit) !== 0;
  };
  const chain = (op: string, next: () => Test | undefined, join: (a: Test, b: Test) => Test) => (): Test | undefined => {
    let left = next();
    while (left && tokens[at] === op) {
      at++;
      const right = next();
      left = right && join(left, right);
    }
    return left;
  };
  const term = chain('&', factor, (a, b) => (f) => a(f) && b(f));
  const expr = chain('|', term, (a, b) => (f) => a(f) || b(f));
  const test = expr();
  return test && at === tokens.length ? test : undefined;
}
