import type { MatrixRows } from '../matrix.js';
import { cellText } from './matrix-cell-text.js';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The grid: first row the destinations, first column the sources, each cell the allowed services. */
export function* matrixCsvChunks(m: MatrixRows): Generator<string> {
  yield `${['from \\ to', ...m.names.map((n) => n.name)].map(field).join(',')}\r\n`;
  let r = 0;
  for (const row of m.cells) yield `${[m.names[r++]!.name, ...row.map(cellText)].map(field).join(',')}\r\n`;
}
