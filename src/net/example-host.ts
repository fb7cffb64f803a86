import { parsePrefix, prefixBounds } from './address.js';
import * as iv from './interval-set.js';
import type { IntervalSet } from './interval-set.js';
import { firstHostOfRange } from './packet-text.js';

function blocks(prefixes: readonly string[]): IntervalSet {
  return iv.fromIntervals(
    prefixes.map((text) => {
      const parsed = parsePrefix(text);
      if (!('prefix' in parsed)) throw new Error(`bad built-in prefix ${text}`);
      return prefixBounds(parsed.prefix);
    }),
  );
}

/**
 * Addresses no host sends from or is reached at in ordinary traffic: "this network", loopback, link-local,
 * multicast, the reserved 240.0.0.0/4 with the limited broadcast; the unspecified and loopback IPv6 addresses,
 * IPv4-mapped addresses, link-local and multicast.
 */
const NOT_A_HOST = blocks([
  '0.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '::ffff:0:0/96',
  'fe80::/10',
  'ff00::/8',
]);

/**
 * Everything but public unicast. IPv4: the IANA IPv4 Special-Purpose Address Registry (RFC 6890 and its updates:
 * private RFC 1918, shared RFC 6598, documentation RFC 5737, benchmarking RFC 2544, the 192.0.0.0/24 protocol
 * assignments, the 6to4 relay anycast) with multicast and 240.0.0.0/4. IPv6: all but global unicast 2000::/3
 * (RFC 4291), and inside it the registry's protocol assignments 2001::/23, documentation 2001:db8::/32 and
 * 3fff::/20, and 6to4 2002::/16.
 */
const NOT_PUBLIC = iv.union(
  NOT_A_HOST,
  blocks([
    '10.0.0.0/8',
    '100.64.0.0/10',
    '172.16.0.0/12',
    '192.0.0.0/24',
    '192.0.2.0/24',
    '192.88.99.0/24',
    '192.168.0.0/16',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '::/3',
    '2001::/23',
    '2001:db8::/32',
    '2002::/16',
    '3fff::/20',
    '4000::/2',
    '8000::/1',
  ]),
);

/**
 * Picks the address an example packet shows for a set of addresses, as a device on the network could have it:
 * the first host (net/packet-text.ts `firstHostOfRange`) of the set less, in turn, `shunned` (gateways and subnet
 * network and broadcast addresses, from the policy) and every address but public unicast; else less `shunned`
 * and the addresses no host has; else less `shunned`; else of the set itself (a gateway asked for by name).
 */
export function exampleHostPicker(shunned: IntervalSet): (keys: IntervalSet) => bigint {
  const tiers = [iv.union(shunned, NOT_PUBLIC), iv.union(shunned, NOT_A_HOST), shunned];
  return (keys) => {
    for (const tier of tiers) {
      const piece = firstPieceOutside(keys, tier);
      if (piece) return firstHostOfRange(piece[0], piece[1]);
    }
    return firstHostOfRange(keys[0]![0], keys[0]![1]);
  };
}

/** The first maximal interval of `keys` that `excluded` does not meet (a binary search per interval of `keys`). */
function firstPieceOutside(keys: IntervalSet, excluded: IntervalSet): [bigint, bigint] | undefined {
  for (const [lo, hi] of keys) {
    let at = lo;
    let j = firstEndingAtOrAfter(excluded, at);
    while (at <= hi) {
      const block = excluded[j];
      if (!block || block[0] > at) return [at, block && block[0] - 1n < hi ? block[0] - 1n : hi];
      at = block[1] + 1n;
      j++;
    }
  }
  return undefined;
}

function firstEndingAtOrAfter(set: IntervalSet, key: bigint): number {
  let a = 0;
  let b = set.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (set[mid]![1] < key) a = mid + 1;
    else b = mid;
  }
  return a;
}
