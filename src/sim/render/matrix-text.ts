import type { Matrix, MatrixVerdict } from '../matrix.js';

export const MATRIX_MARKS: Record<MatrixVerdict, string> = {
  allow: 'X',
  deny: '.',
  'same-segment': '=',
  isolated: '#',
  unrouted: '~',
};

export function matrixTitle(m: Matrix): string {
  return `Connections by ${m.by}, ${m.service ?? 'any service'}, as of ${m.today} (rows: from, columns: to)`;
}

/** The compact grid: columns are numbered as the rows, one mark per cell, a legend below. */
export function formatMatrixText(m: Matrix): string {
  const width = String(m.names.length).length;
  const labels = m.names.map((n, i) => `${String(i + 1).padStart(width)} ${n.name}${n.medical ? ' *' : ''}`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const header = `${' '.repeat(labelWidth)}  ${m.names.map((_, i) => String(i + 1).padStart(width)).join(' ')}`;
  const rows = m.cells.map((row, r) => `${labels[r]!.padEnd(labelWidth)}  ${row.map((c) => MATRIX_MARKS[c.verdict].padStart(width)).join(' ')}`);
  const legend = [
    'X  some service allowed (--format csv, json, markdown or html lists which, and the flows)',
    '.  nothing allowed',
    '=  same segment: inside one zone, not filtered',
    '#  same segment, port isolation: blocked',
    '~  unrouted: both ends outside every zone',
    '*  medical',
  ];
  return `${matrixTitle(m)}\n\n${header.trimEnd()}\n${rows.map((r) => r.trimEnd()).join('\n')}\n\n${legend.join('\n')}\n`;
}
