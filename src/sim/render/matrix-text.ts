import type { MatrixHead, MatrixRows, MatrixVerdict } from '../matrix.js';

export const MATRIX_MARKS: Record<MatrixVerdict, string> = {
  allow: 'X',
  monitored: 'm',
  deny: '.',
  'same-segment': '=',
  isolated: '#',
  unrouted: '~',
};

export function matrixTitle(m: MatrixHead): string {
  return `Connections by ${m.by}, ${m.service ?? 'any service'}, as of ${m.today} (rows: from, columns: to)`;
}

/** The compact grid: columns are numbered as the rows, one mark per cell, a legend below. */
export function* matrixTextChunks(m: MatrixRows): Generator<string> {
  const width = String(m.names.length).length;
  // By group, a zone's row is its addresses outside its groups.
  const labels = m.names.map((n, i) => `${String(i + 1).padStart(width)} ${n.name}${m.by === 'group' && n.kind === 'zone' ? ' (zone)' : ''}${n.kind === 'dns-name' ? ` (${n.fqdn})` : ''}${n.medical ? ' *' : ''}`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const header = `${' '.repeat(labelWidth)}  ${m.names.map((_, i) => String(i + 1).padStart(width)).join(' ')}`;
  yield `${matrixTitle(m)}\n\n${header.trimEnd()}\n`;
  const marks = Object.fromEntries(Object.entries(MATRIX_MARKS).map(([verdict, mark]) => [verdict, mark.padStart(width)])) as Record<MatrixVerdict, string>;
  let r = 0;
  let monitored = false;
  for (const row of m.cells) {
    monitored ||= row.some((c) => c.verdict === 'monitored');
    yield `${r > 0 ? '\n' : ''}${`${labels[r]!.padEnd(labelWidth)}  ${row.map((c) => marks[c.verdict]).join(' ')}`.trimEnd()}`;
    r++;
  }
  const legend = [
    'X  some service allowed (--format csv, json, markdown or html lists which, and the flows)',
    ...(monitored ? ['m  nothing allowed, but monitor mode passes and logs some of what would be denied'] : []),
    '.  nothing allowed',
    '=  same segment: inside one zone, not filtered',
    '#  same segment, port isolation: blocked',
    '~  unrouted: both ends outside every zone',
    '*  medical',
    ...(m.by === 'group' && m.names.some((n) => n.kind === 'zone') ? ["(zone)  a zone's addresses in none of its groups"] : []),
  ];
  yield `\n\n${legend.join('\n')}\n`;
}
