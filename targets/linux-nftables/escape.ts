import { remembered } from '../../src/compile/ir-text.js';
/**
 * Free text in an nft file. A quoted string ends at the next `"` and knows no escapes, and `#` starts a comment
 * outside quotes, so text is made single-line and quote-free rather than escaped.
 */

/** The kernel keeps at most 128 bytes of a rule comment (NFTNL_UDATA_COMMENT_MAXLEN). */
export const COMMENT_MAX_BYTES = 128;
/** Longest `log prefix` the kernel takes: NF_LOG_PREFIXLEN - 1. */
export const LOG_PREFIX_MAX = 127;
/** Set names: NFT_NAME_MAXLEN - 1. */
export const NAME_MAX = 255;

const ELLIPSIS = '...';
// Control and format characters (line breaks, tabs, bidi overrides, zero-width) would hide or break text.
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

/** A double-quoted nft string: `"` cannot be escaped, so it becomes `'`. */
export const quoted = remembered(quote);

function quote(text: string, maxBytes: number): string {
  return `"${cutBytes(oneLine(text).replace(/"/g, "'"), maxBytes)}"`;
}

/** A log prefix keeps its trailing space (it runs into the packet fields); built from safe names only. */
export function logPrefix(text: string): string {
  const safe = text.replace(UNSAFE, ' ').replace(/"/g, "'");
  return `"${cutBytes(safe, LOG_PREFIX_MAX)}"`;
}

/** Text after `#`: anything goes but a line break. */
export function commentLine(text: string, maxBytes = 240): string {
  return commentOf(text, maxBytes);
}

const commentOf = remembered((text: string, maxBytes: number) => cutBytes(oneLine(text), maxBytes));

/** IR names are `[A-Za-z][A-Za-z0-9_-]*`; anything else is a compiler bug, not something to spell. */
export function identifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || name.length > NAME_MAX) {
    throw new Error(`linux-nftables: unsafe name ${JSON.stringify(name)} in the IR`);
  }
  return name;
}
