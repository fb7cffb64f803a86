import { remembered } from '../../src/compile/ir-text.js';
/** Free text on one line: control characters become spaces, anything outside printable ASCII becomes `_`. */
function flatten(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Text that runs to the end of a CLI line (ACE comments, descriptions, `!` lines): one line, no `?` (it opens
 * the CLI help when pasted), no double quotes, cut to max with `...`.
 */
export const lineText = remembered(escapeLine);

function escapeLine(text: string, max: number): string {
  const flat = flatten(text).replace(/\?/g, '.').replace(/"/g, "'");
  return flat.length <= max ? flat : `${flat.slice(0, max - 3).trimEnd()}...`;
}
