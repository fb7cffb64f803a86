import { remembered } from '../../src/compile/ir-text.js';
/** Free text on one line: control characters become spaces, anything outside printable ASCII becomes `_`. */
function flatten(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3).trimEnd()}...`;
}

/** Text after `#` on a comment line. `?` would open the CLI's help when pasted, so it becomes `.`. */
export const commentText = remembered((text: string, max: number) => cut(flatten(text).replace(/\?/g, '.'), max));

/** A double-quoted Junos string: quotes and backslashes cannot end or escape it, since they are replaced. */
export const quoted = remembered(quote);

function quote(text: string, max: number): string {
  return `"${cut(flatten(text).replace(/\?/g, '.').replace(/"/g, "'").replace(/\\/g, '/'), max)}"`;
}

/** A Junos identifier from free text: letters, digits, `-` and `_` only. */
export function identifier(text: string, max: number): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, max).replace(/[-_]+$/, '');
}
