/** The ICMP type names of docs/language.md, per protocol (1 = ICMP, 58 = ICMPv6). */
export const ICMP_TYPES: Readonly<Record<1 | 58, Readonly<Record<string, number>>>> = {
  1: {
    'echo-reply': 0,
    'destination-unreachable': 3,
    redirect: 5,
    'echo-request': 8,
    'router-advertisement': 9,
    'router-solicitation': 10,
    'time-exceeded': 11,
    'parameter-problem': 12,
  },
  58: {
    'destination-unreachable': 1,
    'packet-too-big': 2,
    'time-exceeded': 3,
    'parameter-problem': 4,
    'echo-request': 128,
    'echo-reply': 129,
    'router-solicitation': 133,
    'router-advertisement': 134,
    'neighbor-solicitation': 135,
    'neighbor-advertisement': 136,
    redirect: 137,
  },
};

export function icmpTypeNumber(proto: 1 | 58, name: string): number | undefined {
  return Object.hasOwn(ICMP_TYPES[proto], name) ? ICMP_TYPES[proto][name] : undefined;
}

export function icmpTypeName(proto: 1 | 58, type: number): string | undefined {
  for (const [name, number] of Object.entries(ICMP_TYPES[proto])) if (number === type) return name;
  return undefined;
}
