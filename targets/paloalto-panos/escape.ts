import { remembered } from '../../src/compile/ir-text.js';
/**
 * Free text and names in PAN-OS configure-mode set commands. A double-quoted string is the only way to carry
 * spaces, and no escape for `"` inside it is documented, so text is made single-line and quote-free instead.
 */

/** Rule, address, service and application descriptions keep 1023 characters; interface comments 1023 too. */
export const DESCRIPTION_MAX = 1023;
/** Zone names are the tightest PAN-OS name limit wardline feeds (rules, addresses and services take 63). */
export const ZONE_NAME_MAX = 31;
/** Rule, address, address-group and service names. */
export const OBJECT_NAME_MAX = 63;

const ELLIPSIS = '...';
// Line breaks, tabs, bidi overrides and zero-width characters would hide text or end the command early.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** One line of text: no control or invisible characters, runs of space collapsed. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** Cut to a character budget, marking the cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - ELLIPSIS.length).join('').trimEnd()}${ELLIPSIS}`;
}

/**
 * A double-quoted CLI string: `"` becomes `'` (it would end the string), `\` becomes `/` (an escape elsewhere in
 * the CLI), and `?` is dropped (typed into the CLI it asks for help instead of being kept).
 */
export function quoted(text: string, max = DESCRIPTION_MAX): string {
  return quote(text, max);
}

const quote = remembered((text: string, max: number): string => {
  const safe = oneLine(text).replace(/"/g, "'").replace(/\\/g, '/').replace(/\?/g, '');
  return `"${cut(oneLine(safe), max)}"`;
});

/** IR names are `[A-Za-z][A-Za-z0-9_-]*`; anything else is a compiler bug, not something to spell. */
export function identifier(name: string, max = OBJECT_NAME_MAX): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || name.length > max) {
    throw new Error(`paloalto-panos: unsafe name ${JSON.stringify(name)} in the IR`);
  }
  return name;
}

/** A member list: the bare name for one, `[ a b ]` for several. */
export function members(names: string[]): string {
  return names.length === 1 ? names[0]! : `[ ${names.join(' ')} ]`;
}

/** The FQDN field takes 255 characters; the language's DNS names are lower-case labels of [a-z0-9_-] and dots. */
export function dnsName(fqdn: string): string {
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(fqdn) || fqdn.length > 255) {
    throw new Error(`paloalto-panos: unsafe DNS name ${JSON.stringify(fqdn)} in the IR`);
  }
  return fqdn;
}
