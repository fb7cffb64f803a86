import type { Matrix } from '../matrix.js';
import { cellText } from './matrix-cell-text.js';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The grid: first row the destinations, first column the sources, each cell the allowed services. */
export function formatMatrixCsv(m: Matrix): string {
  const lines = [['from \\ to', ...m.names.map((n) => n.name)].map(field).join(',')];
  m.cells.forEach((row, r) => lines.push([m.names[r]!.name, ...row.map(cellText)].map(field).join(',')));
  return `${lines.join('\r\n')}\r\n`;
}
