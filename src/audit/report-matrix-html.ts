import type { Matrix, MatrixCell, MatrixName } from '../sim/matrix.js';
import { cellText } from '../sim/render/matrix-cell-text.js';
import { escapeHtml } from '../sim/render/matrix-html.js';

/** One mark per cell on screen: the number of services allowed, or what stands in their place (as in matrix --format text). */
const MARK: Record<MatrixCell['verdict'], string> = { allow: '', monitored: 'm', deny: '·', 'same-segment': '=', isolated: '#', unrouted: '~' };

/** Landscape Letter (the narrower of Letter and A4) less 10 mm margins, in CSS px; 7 pt sans text averages under 5 px a character (the browser test checks that no column name overflows). */
const PRINT_WIDTH_PX = 975;
const PRINT_CHAR_PX = 5;

const label = (n: MatrixName) => `${n.name}${n.kind === 'zone' ? ' (zone)' : ''}`;
const medicalMark = (n: MatrixName) => (n.medical ? ' <span aria-hidden="true">⚕</span><span class="sr-only">(medical)</span>' : '');

function mark(c: MatrixCell): string {
  return c.verdict === 'allow' ? String(c.services.split(', ').length) : MARK[c.verdict];
}

function detail(c: MatrixCell, from: string, to: string): string {
  const what = c.verdict === 'allow' ? c.services : cellText(c) || 'nothing allowed';
  // A monitored cell's deciders would deny: the guardrail or the monitored zone's default, with the logged marker.
  const flows = c.decidedBy.map((d) => `${escapeHtml(d.id ?? (d.monitor ? `the default of monitored zone ${d.zone}` : d.kind))}${d.monitor ? ` (logged as ${d.monitor})` : ''} <small>(${escapeHtml(`${d.file}:${d.line}`)})</small>`).join(', ');
  return `<b>${escapeHtml(from)} → ${escapeHtml(to)}</b><br>${escapeHtml(what)}${flows === '' ? '' : `<br>by ${flows}`}`;
}

/** The screen grid: every column, a mark per cell, the detail of a cell on hover or focus (no script, no title text). */
export function screenMatrix(m: Matrix): string {
  const half = m.names.length / 2;
  const head = m.names.map((n) => `<th scope="col"${n.medical ? ' class="medical"' : ''}><span class="v">${escapeHtml(label(n))}${medicalMark(n)}</span></th>`).join('');
  const rows = m.cells.map((row, r) => {
    const from = m.names[r]!;
    const cells = row.map((c, k) => {
      const to = m.names[k]!.name;
      if (c.verdict === 'deny') return '<td>·</td>';
      const classes = [c.verdict, ...(k >= half ? ['end'] : [])].join(' ');
      return `<td class="${classes}" tabindex="0"><span aria-hidden="true">${mark(c)}</span><span class="detail" role="note">${detail(c, from.name, to)}</span></td>`;
    });
    return `<tr><th scope="row"${from.medical ? ' class="medical"' : ''}>${escapeHtml(label(from))}${medicalMark(from)}</th>${cells.join('')}</tr>`;
  });
  return [
    '<div class="scroll screen-only" tabindex="0" role="region" aria-label="Connection matrix, scrollable">',
    '<table class="matrix">',
    `<thead><tr><th class="corner" scope="col">from \\ to</th>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** How many columns fit one landscape page beside the row names, every name on one line. */
export function columnsPerPage(m: Matrix): number {
  const longest = Math.max(...m.names.map((n) => label(n).length + (n.medical ? 2 : 0)));
  const width = longest * PRINT_CHAR_PX + 8;
  return Math.max(1, Math.floor((PRINT_WIDTH_PX - width) / width));
}

/** For paper: the matrix cut into column slices that each fit a landscape page, the full services in each cell. */
export function printMatrix(m: Matrix): string {
  const per = columnsPerPage(m);
  const slices: string[] = [];
  for (let first = 0; first < m.names.length; first += per) {
    const cols = m.names.slice(first, first + per);
    const last = first + cols.length;
    const head = cols.map((n) => `<th scope="col">${escapeHtml(label(n))}${medicalMark(n)}</th>`).join('');
    const rows = m.cells.map((row, r) => {
      const cells = row.slice(first, last).map((c) => (c.verdict === 'deny' ? '<td>·</td>' : `<td class="${c.verdict}">${escapeHtml(cellText(c))}</td>`));
      return `<tr><th scope="row">${escapeHtml(label(m.names[r]!))}${medicalMark(m.names[r]!)}</th>${cells.join('')}</tr>`;
    });
    slices.push(
      [
        '<table class="slice">',
        `<caption>Matrix: to columns ${first + 1}–${last} of ${m.names.length}</caption>`,
        `<thead><tr><th scope="col">from \\ to</th>${head}</tr></thead>`,
        `<tbody>\n${rows.join('\n')}\n</tbody>`,
        '</table>',
      ].join('\n'),
    );
  }
  return `<div class="print-only">\n${slices.join('\n')}\n</div>`;
}

export const MATRIX_LEGEND =
  '<p class="legend">Rows open connections to columns; the marks are those of wardline matrix, with the number of services for an allowed cell. <span class="key" style="background:#dcfce7">4</span>allowed: the number of services' +
  '<span class="key" style="background:#fde68a">m</span>monitored: nothing allowed, monitor mode passes and logs' +
  '<span class="key">·</span>nothing allowed<span class="key" style="background:#fef9c3">=</span>same segment (one zone, not filtered)' +
  '<span class="key" style="background:#e5e7eb">#</span>same segment behind port isolation<span class="key">~</span>unrouted (both outside every zone)' +
  '<span class="key">⚕</span>medical. Hover over a cell, or move to it with Tab, for its services and deciding flows.</p>';
