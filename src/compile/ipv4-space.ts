import { parsePrefix, prefixBounds, V6_FIRST, type Prefix } from '../net/address.js';

/** The first 2^32 IPv6 addresses: ::/96, where a platform such as PAN-OS matches IPv4 addresses against IPv6 prefixes. */
const LAST_IN_SPACE = V6_FIRST + (1n << 32n) - 1n;

/** True when some prefix of the list (canonical text) shares addresses with ::/96. */
export function reachesIpv4Space(prefixes: readonly string[]): boolean {
  return prefixes.some((text) => {
    const parsed = parsePrefix(text);
    if ('error' in parsed || parsed.prefix.family !== 6) return false;
    const [lo] = prefixBounds((parsed as { prefix: Prefix }).prefix);
    return lo <= LAST_IN_SPACE;
  });
}
