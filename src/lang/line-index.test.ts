import { LineCounter } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lineIndexOf } from './line-index.js';

describe('lineIndexOf', () => {
  it('gives the yaml library line and column for every offset, in any order', () => {
    for (const text of ['', 'a', '\n', 'a: 1\nb: 2\n', '\n\nx\n\n', 'wardline: 1\nzones:\n  a: { vlan: 1 }']) {
      const library = new LineCounter();
      library.addNewLine(0);
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) library.addNewLine(nl + 1);
      const index = lineIndexOf(text);
      const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);
      // Forwards, backwards and scattered: the remembered line must never answer for the wrong one.
      for (const offset of [...offsets, ...[...offsets].reverse(), ...offsets.filter((_, i) => i % 3 === 0).reverse()]) {
        const expected = library.linePos(offset);
        expect(index.linePos(offset), `${JSON.stringify(text)} @${offset}`).toEqual(expected);
        expect(index.position(offset)).toEqual({ line: expected.line - 1, col: expected.col - 1 });
      }
    }
  });
});
