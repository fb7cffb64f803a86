/**
 * PAN-OS matches an IPv4 address against IPv6 prefixes as the IPv6 address whose first 96 bits are zero, so an IPv6
 * prefix inside or around ::/96 also matches IPv4 packets. This says whether a prefix list reaches that space.
 */

function v6Value(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((v, g) => (v << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** True when some prefix shares addresses with ::/96, the space IPv4 packets are matched in. */
export function reachesIpv4Space(prefixes: string[]): boolean {
  return prefixes.some((p) => {
    const [address, lengthText] = p.split('/');
    const bits = Math.min(Number(lengthText), 96);
    return bits === 0 || v6Value(address!) >> BigInt(128 - bits) === 0n;
  });
}
