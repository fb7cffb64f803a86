import { remembered } from '../../src/compile/ir-text.js';
/**
 * Free text in an iptables-restore file. The restore parser splits on spaces outside `"…"` and treats `\` as an
 * escape, so text is made single-line, and `"` and `\` are replaced rather than escaped.
 */

/** The comment match keeps 255 bytes (XT_MAX_COMMENT_LEN - 1); longer text is silently cut by iptables. */
export const COMMENT_MAX_BYTES = 255;
/** The LOG target keeps 29 characters of prefix and silently drops the rest. */
export const LOG_PREFIX_MAX = 29;
/** User chain names must be under 29 characters. */
export const NAME_MAX = 28;

const ELLIPSIS = '...';
// Control and format characters (line breaks, tabs, bidi overrides, zero-width) would hide or break text.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

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

/** A double-quoted restore argument: `"` becomes `'` and `\` becomes `/`, so nothing escapes the quotes. */
export const quoted = remembered(quote);

function quote(text: string, maxBytes: number): string {
  return `"${cutBytes(oneLine(text).replace(/"/g, "'").replace(/\\/g, '/'), maxBytes)}"`;
}

/** Text after `#` on a line of its own. */
export function commentLine(text: string, maxBytes = 240): string {
  return commentOf(text, maxBytes);
}

const commentOf = remembered((text: string, maxBytes: number) => cutBytes(oneLine(text), maxBytes));

/** IR names are `[A-Za-z][A-Za-z0-9_-]*`; anything else is a compiler bug, not something to spell. */
export function identifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new Error(`linux-iptables: unsafe name ${JSON.stringify(name)} in the IR`);
  return name;
}

/** `"wl D <rule> "`: verdict and rule name, the name cut so the prefix fits the LOG target's 29 characters. */
export function logPrefix(action: 'permit' | 'deny', ruleName: string, monitor?: string): string {
  // A monitor-mode rule logs its marker first (15 characters), so a log reader finds what would have denied it.
  const head = monitor ? `${monitor} ` : `wl ${action === 'permit' ? 'A' : 'D'} `;
  const name = monitor ? identifier(ruleName).replace(`${monitor}-`, '') : identifier(ruleName);
  return `"${head}${name.slice(0, LOG_PREFIX_MAX - head.length - 1)} "`;
}
