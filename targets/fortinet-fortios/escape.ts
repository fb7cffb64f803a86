import { remembered } from '../../src/compile/ir-text.js';
/**
 * Free text and names in a FortiOS CLI script. Inside a double-quoted value a backslash escapes `"`, `'` and `\`
 * (Fortinet's CLI syntax: quotes are used in pairs, `\` escapes; FortiOS writes and reads them so, as Batfish's FortiOS
 * grammar takes its show output), so quotes and backslashes survive escaped. A line break would end the command: text
 * is made single-line first, and an escaped `\` can no longer continue a line. `<` and `>` are refused in FortiOS text
 * strings (cross-site scripting, FortiGate Administration Guide, Text strings) and a typed `?` asks for help.
 */

/** Policy `comments` keep 1023 bytes. */
export const COMMENTS_MAX = 1023;
/** Address, group, service and interface comments and descriptions keep 255 bytes. */
export const COMMENT_MAX = 255;
/** Policy and zone names: the tightest FortiOS limit wardline feeds (addresses and services take 79). */
export const NAME_MAX = 35;

const ELLIPSIS = '...';
// Line breaks, tabs, bidi overrides and zero-width characters would hide text or end the command early.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** One line of text: no control or invisible characters, runs of space collapsed. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** Cut to a UTF-8 byte budget on a character boundary, marking the cut. */
export function cutBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > maxBytes - ELLIPSIS.length) break;
    out += ch;
    used += n;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** A double-quoted string value: `"`, `'` and `\` escaped with a backslash, `<` and `>` spaces, `?` dropped. */
export function quoted(text: string, maxBytes = COMMENT_MAX): string {
  return quote(text, maxBytes);
}

const quote = remembered((text: string, maxBytes: number): string => {
  // Cut before escaping, so the budget counts the text as stored and no cut falls inside an escape.
  const safe = oneLine(oneLine(text).replace(/[<>]/g, ' ').replace(/\?/g, ''));
  return `"${cutBytes(safe, maxBytes).replace(/["'\\]/g, (c) => `\\${c}`)}"`;
});

/** IR names are `[A-Za-z][A-Za-z0-9_-]*`; anything else is a compiler bug, not something to spell. */
export function identifier(name: string, max = NAME_MAX): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || name.length > max) {
    throw new Error(`fortinet-fortios: unsafe name ${JSON.stringify(name)} in the IR`);
  }
  return name;
}

/** `set fqdn` keeps 255 characters. */
export const FQDN_MAX = 255;

/** DNS names reach the IR as `[A-Za-z0-9._-]` (the schema's); anything else is a compiler bug, not something to quote. */
export function dnsName(fqdn: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(fqdn) || fqdn.length > FQDN_MAX) throw new Error(`fortinet-fortios: unsafe DNS name ${JSON.stringify(fqdn)} in the IR`);
  return fqdn;
}

/** Names as a FortiOS list: each double-quoted, space-separated. */
export function nameList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(' ');
}
