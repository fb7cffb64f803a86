import type { Matrix } from '../matrix.js';
import { cellText } from './matrix-cell-text.js';
import { matrixTitle } from './matrix-text.js';

/** Pipes and backslashes escaped, so a cell cannot end early. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

const name = (m: Matrix, i: number) => `${cell(m.names[i]!.name)}${m.names[i]!.medical ? ' ⚕' : ''}`;

export function formatMatrixMarkdown(m: Matrix): string {
  const head = `| from \\\\ to | ${m.names.map((_, i) => name(m, i)).join(' | ')} |`;
  const rule = `|---|${m.names.map(() => '---').join('|')}|`;
  const rows = m.cells.map((row, r) => `| **${name(m, r)}** | ${row.map((c) => cell(cellText(c) || '·')).join(' | ')} |`);
  const legend = '`·` nothing allowed · `same segment` inside one zone, not filtered · `isolated` one zone with port isolation · `unrouted` both ends outside every zone · ⚕ medical';
  return `**${matrixTitle(m)}**\n\n${head}\n${rule}\n${rows.join('\n')}\n\n${legend}\n`;
}
