/**
 * Offsets to 1-based line and column, as the yaml library's LineCounter gives them, without loading the library.
 * Positions are mostly asked for in file order, so the line of the last answer is tried before a search.
 */
export interface LineIndex {
  /** Offset 0 and the offset after every newline, ascending. */
  readonly lineStarts: readonly number[];
  linePos(offset: number): { line: number; col: number };
  /** The same, 0-based (what a SourceLoc holds), without the 1-based object in between. */
  position(offset: number): { line: number; col: number };
}

export function lineIndexOf(text: string): LineIndex {
  const lineStarts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
  return fromLineStarts(lineStarts);
}

export function fromLineStarts(lineStarts: readonly number[]): LineIndex {
  let last = 0;
  /** The 0-based line holding `offset` (the last one starting at or before it), or -1 before the first. */
  const lineOf = (offset: number): number => {
    const n = lineStarts.length;
    if (lineStarts[last]! <= offset && (last + 1 >= n || offset < lineStarts[last + 1]!)) return last;
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineStarts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return -1;
    return (last = low - 1);
  };
  return {
    lineStarts,
    linePos: (offset) => {
      const line = lineOf(offset);
      // Before the first line start (no line starts, or a negative offset): the library's line 0.
      return line < 0 ? { line: 0, col: offset } : { line: line + 1, col: offset - lineStarts[line]! + 1 };
    },
    position: (offset) => {
      const line = lineOf(offset);
      return line < 0 ? { line: -1, col: offset - 1 } : { line, col: offset - lineStarts[line]! };
    },
  };
}
