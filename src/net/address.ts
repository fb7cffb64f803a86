import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

/** A CIDR prefix; `network` has its host bits cleared and is the address value within its family. */
export interface Prefix {
  family: Family;
  network: bigint;
  length: number;
}

// One key space holds both families, so a single interval dimension can carry IPv4 and IPv6 together.
export const V4_FIRST = 0n;
export const V4_LAST = (1n << 32n) - 1n;
export const V6_FIRST = 1n << 32n;
export const V6_LAST = V6_FIRST + (1n << 128n) - 1n;
export const ADDRESS_LAST = V6_LAST;

export function familyBits(family: Family): number {
  return family === 4 ? 32 : 128;
}

export function addressKey(family: Family, value: bigint): bigint {
  return family === 4 ? value : V6_FIRST + value;
}

export function keyFamily(key: bigint): Family {
  return key <= V4_LAST ? 4 : 6;
}

export function keyValue(key: bigint): bigint {
  return key <= V4_LAST ? key : key - V6_FIRST;
}

/** Dotted-quad IPv4 as ipaddr.js's isValidFourPartDecimal takes it: four decimals 0-255, no leading zeros. */
const DOTTED_QUAD = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  // The common case without ipaddr.js; anything else (and an octet over 255) takes the full parser below.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    const [a, b, c, d] = [Number(quad[1]), Number(quad[2]), Number(quad[3]), Number(quad[4])];
    if (a <= 255 && b <= 255 && c <= 255 && d <= 255) return { family: 4, value: BigInt(((a << 24) | (b << 16) | (c << 8) | d) >>> 0) };
  }
  if (text.includes(':')) {
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
    // ipaddr.js is lenient about an embedded IPv4 tail (octal, hex); hold it to dotted-quad like plain IPv4.
    const tail = text.slice(text.lastIndexOf(':') + 1);
    if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
    const value = ipaddr.IPv6.parse(text).parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
    return { family: 6, value };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  const value = ipaddr.IPv4.parse(text).octets.reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
  return { family: 4, value };
}

function addressError(text: string): string {
  if (text === '') return 'the address is empty';
  if (text.includes('%')) return `"${text}" has a zone id (${text.slice(text.indexOf('%'))}); zone ids are not allowed`;
  if (text.includes(':')) return `"${text}" is not a valid IPv6 address`;
  if (/^[0-9.]+$/.test(text)) {
    const advice = 'write four decimal numbers 0-255 separated by dots, without leading zeros (e.g. 10.0.0.1)';
    return `"${text}" is not a valid IPv4 address: ${advice}`;
  }
  return `"${text}" is not an IPv4 or IPv6 address`;
}

export type ParsedPrefix = { prefix: Prefix; hostBitsSet: boolean } | { error: string };

const parsedPrefixes = new Map<string, Readonly<ParsedPrefix>>();

/**
 * A prefix or address as written, parsed once per text: the schema's format check and the model builder both
 * parse every address of the policy. The results are shared, so they are never changed.
 */
export function parsePrefix(text: string): Readonly<ParsedPrefix> {
  let parsed = parsedPrefixes.get(text);
  if (parsed === undefined) {
    if (parsedPrefixes.size >= 100_000) parsedPrefixes.clear();
    parsedPrefixes.set(text, (parsed = parsePrefixText(text)));
  }
  return parsed;
}

function parsePrefixText(text: string): ParsedPrefix {
  const parts = text.split('/');
  if (parts.length > 2) return { error: `"${text}" has more than one "/"` };
  const [addressText, lengthText] = parts as [string, string | undefined];
  const address = parseAddress(addressText);
  if (!address) return { error: addressError(addressText) };
  const bits = familyBits(address.family);
  let length = bits;
  if (lengthText !== undefined) {
    if (!/^[0-9]{1,3}$/.test(lengthText)) return { error: `prefix length "${lengthText}" is not a number` };
    length = Number(lengthText);
    if (length > bits) {
      return { error: `prefix length ${length} is too long for IPv${address.family} (at most ${bits})` };
    }
  }
  const network = address.value & ~hostMask(bits, length);
  return { prefix: { family: address.family, network, length }, hostBitsSet: network !== address.value };
}

function hostMask(bits: number, length: number): bigint {
  return (1n << BigInt(bits - length)) - 1n;
}

export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

const MAPPED_TOP = 0xffffn; // ::ffff:0:0/96, RFC 4291 2.5.5.2

/** The IPv4 prefix an IPv4-mapped IPv6 prefix (inside ::ffff:0:0/96) stands for; undefined for any other prefix. */
export function mappedIPv4(p: Prefix): Prefix | undefined {
  if (p.family !== 6 || p.length < 96 || p.network >> 32n !== MAPPED_TOP) return undefined;
  return { family: 4, network: p.network & V4_LAST, length: p.length - 96 };
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddress(p.family, p.network)}/${p.length}`;
}

export function formatKey(key: bigint): string {
  return formatAddress(keyFamily(key), keyValue(key));
}

/** First and last unified key of a prefix. */
export function prefixBounds(p: Prefix): [bigint, bigint] {
  const first = addressKey(p.family, p.network);
  return [first, first + hostMask(familyBits(p.family), p.length)];
}

export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family || outer.length > inner.length) return false;
  const shift = BigInt(familyBits(outer.family) - outer.length);
  return outer.network >> shift === inner.network >> shift;
}

/** CIDR prefixes are nested or disjoint, so they overlap exactly when one contains the other. */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}

/** The fewest prefixes covering exactly the inclusive key interval [lo, hi], ascending. */
export function rangeToPrefixes(lo: bigint, hi: bigint): Prefix[] {
  const out: Prefix[] = [];
  if (lo <= V4_LAST && lo <= hi) coverFamily(4, lo, hi < V4_LAST ? hi : V4_LAST, out);
  if (hi >= V6_FIRST && lo <= hi) {
    coverFamily(6, (lo > V6_FIRST ? lo : V6_FIRST) - V6_FIRST, (hi < V6_LAST ? hi : V6_LAST) - V6_FIRST, out);
  }
  return out;
}

function coverFamily(family: Family, lo: bigint, hi: bigint, out: Prefix[]): void {
  const bits = familyBits(family);
  while (lo <= hi) {
    // Largest block aligned at lo that still ends inside the interval: 2^size with size no more than lo's trailing
    // zero bits and no more than log2 of what is left (computed, not searched bit by bit: fewer bigints).
    const room = bitLength(hi - lo + 1n) - 1;
    const size = lo === 0n ? Math.min(bits, room) : Math.min(bitLength(lo & -lo) - 1, room);
    out.push({ family, network: lo, length: bits - size });
    lo += 1n << BigInt(size);
  }
}

/** Bits needed to write x (> 0): 1 for 1, 2 for 2 and 3, ... */
function bitLength(x: bigint): number {
  let n = 0;
  while (x > 0xffffffffn) {
    x >>= 32n;
    n += 32;
  }
  return n + 32 - Math.clz32(Number(x));
}
