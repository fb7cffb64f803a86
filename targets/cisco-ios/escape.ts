import { remembered } from '../../src/compile/ir-text.js';
/** Characters a line of free text keeps: none that the CLI reads as help (`?`), comment (`!`), pipe or redirect. */
const UNSAFE = /[^A-Za-z0-9 .,:;/()_+=@&%*'"#~^[\]{}-]/g;

/**
 * Free text as one line the IOS CLI takes literally: accents dropped, control and other unsafe characters
 * replaced, whitespace collapsed, cut to `max` characters with `...`. Nothing in it can start a new line.
 */
export const cliText = remembered(escapeText);

function escapeText(text: string, max: number): string {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\?/g, '.')
    .replace(UNSAFE, '_')
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 3).trimEnd()}...`;
}

/** A name from the IR as a CLI token: already safe by the IR's contract; anything else is replaced, never passed. */
export function cliName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Longer text split at spaces over at most `lines` lines of `max` characters, the last one cut with `...`. */
export function wrapText(text: string, max: number, lines = 3): readonly string[] {
  return lines === 3 ? wrapThree(text, max) : wrap(text, max, lines);
}

const wrapThree = remembered((text: string, max: number) => wrap(text, max, 3));

function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  for (const word of cliText(text, max * lines).split(' ')) {
    const last = out.length - 1;
    if (last >= 0 && out[last]!.length + 1 + word.length <= max) out[last] += ` ${word}`;
    else for (let i = 0; i < word.length; i += max) out.push(word.slice(i, i + max));
  }
  if (out.length <= lines) return out;
  return [...out.slice(0, lines - 1), `${out[lines - 1]!.slice(0, max - 3)}...`];
}
