/**
 * Protocol names as the readers' sources write them (nfdump's short names, conntrack's and Zeek's lower case,
 * PAN-OS's `ipv6-icmp`, the kernel log's `ICMPv6`, `UDPLITE`), to IANA numbers. A name outside the list is reported,
 * never guessed; numbers pass as they are.
 */
const PROTOCOL_NUMBERS: Record<string, number> = {
  icmp: 1,
  igmp: 2,
  ggp: 3,
  ipip: 4,
  ipencap: 4,
  'ip-in-ip': 4,
  st: 5,
  tcp: 6,
  egp: 8,
  udp: 17,
  dccp: 33,
  ipv6: 41,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  icmp6: 58,
  icmpv6: 58,
  'ipv6-icmp': 58,
  eigrp: 88,
  ospf: 89,
  ospfigp: 89,
  pim: 103,
  ipcmp: 108,
  vrrp: 112,
  pgm: 113,
  l2tp: 115,
  isis4: 124,
  sctp: 132,
  'udp-l': 136,
  udplite: 136,
  mpls: 137,
};

export function protocolNumber(text: string): number | undefined {
  if (/^[0-9]{1,3}$/.test(text)) {
    const n = Number(text);
    return n <= 255 ? n : undefined;
  }
  return PROTOCOL_NUMBERS[text.toLowerCase()];
}

export const ICMP = 1;
export const ICMPV6 = 58;

/** Protocols whose records carry ports: tcp, udp, dccp, sctp, udplite. */
export function hasPorts(proto: number): boolean {
  return proto === 6 || proto === 17 || proto === 33 || proto === 132 || proto === 136;
}

export function isIcmp(proto: number): boolean {
  return proto === ICMP || proto === ICMPV6;
}
