import type { AddressObject } from '../../src/compile/ir.js';
import { cliName, cliText } from './escape.js';
import { parsePrefix, subnetMask } from './prefix.js';

/** Free text is cut like remarks; the IR's origins are short names. */
const DESCRIPTION_MAX = 100;

/** IPv4 groups take `host A` or `A MASK` (a subnet mask, not a wildcard); IPv6 groups `host X` or `X/len`. */
export function renderObject(object: AddressObject): string[] {
  const v4 = object.family === 4;
  const lines = [`object-group ${v4 ? 'network' : 'v6-network'} ${cliName(object.name)}`];
  const description = cliText(object.origin, DESCRIPTION_MAX);
  if (description) lines.push(` description ${description}`);
  for (const text of object.prefixes) {
    const { address, length } = parsePrefix(text, object.family);
    if (v4) lines.push(length === 32 ? ` host ${address}` : ` ${address} ${subnetMask(length)}`);
    else lines.push(length === 128 ? ` host ${address}` : ` ${address}/${length}`);
  }
  return lines;
}
