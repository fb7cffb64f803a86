import type { MatrixRows } from '../matrix.js';
import { cellText } from './matrix-cell-text.js';
import { matrixTitle } from './matrix-text.js';

/** Pipes and backslashes escaped, so a cell cannot end early. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

const name = (m: MatrixRows, i: number) => `${cell(m.names[i]!.name)}${m.by === 'group' && m.names[i]!.kind === 'zone' ? ' (zone)' : ''}${m.names[i]!.kind === 'dns-name' ? ` (${cell(m.names[i]!.fqdn ?? '')})` : ''}${m.names[i]!.medical ? ' ⚕' : ''}`;

export function* matrixMarkdownChunks(m: MatrixRows): Generator<string> {
  const head = `| from \\\\ to | ${m.names.map((_, i) => name(m, i)).join(' | ')} |`;
  const rule = `|---|${m.names.map(() => '---').join('|')}|`;
  yield `**${matrixTitle(m)}**\n\n${head}\n${rule}\n`;
  let r = 0;
  for (const row of m.cells) {
    yield `${r > 0 ? '\n' : ''}| **${name(m, r)}** | ${row.map((c) => cell(cellText(c) || '·')).join(' | ')} |`;
    r++;
  }
  const legend = '`·` nothing allowed · `same segment` inside one zone, not filtered · `isolated` one zone with port isolation · `unrouted` both ends outside every zone · ⚕ medical';
  yield `\n\n${legend}\n`;
}
