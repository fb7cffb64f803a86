import { formatAddress, parseAddress } from '../net/address.js';

const DOTTED_QUAD = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/**
 * An address as a record names it, or undefined when it is none. IPv6 comes out in RFC 5952 form, so the same host
 * reads the same from every format (the kernel log writes `fd99:0000:…:0001`, nfdump `fd99::1`).
 */
export function recordAddress(text: string): string | undefined {
  // The common case, checked without the bigint parseAddress builds.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) return +quad[1]! <= 255 && +quad[2]! <= 255 && +quad[3]! <= 255 && +quad[4]! <= 255 ? text : undefined;
  const parsed = parseAddress(text);
  if (parsed === undefined) return undefined;
  return parsed.family === 4 ? text : formatAddress(6, parsed.value);
}
