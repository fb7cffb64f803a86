import type { MatrixCell, MatrixName, MatrixRows } from '../matrix.js';
import { cellText, flowIds } from './matrix-cell-text.js';
import { matrixTitle } from './matrix-text.js';

/** Text for HTML content and attribute values (always double-quoted here). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.scroll { overflow: auto; max-height: 80vh; border: 1px solid #ccc; }
table { border-collapse: separate; border-spacing: 0; }
.matrix th, .matrix td { border-right: 1px solid #e5e5e5; border-bottom: 1px solid #e5e5e5; padding: 2px 6px; white-space: nowrap; font-size: 12px; }
.matrix thead th { position: sticky; top: 0; background: #f4f4f4; z-index: 2; writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; }
.matrix tbody th { position: sticky; left: 0; background: #f4f4f4; z-index: 1; text-align: left; }
.matrix thead th.corner { left: 0; z-index: 3; writing-mode: horizontal-tb; transform: none; }
.matrix .medical { background: #fde2e2; color: #7f1d1d; }
.matrix .medical::after { content: " \\2695"; }
.matrix td { color: #bbb; text-align: center; } td.allow { background: #dcfce7; color: #111; text-align: left; }
td.same-segment { background: #fef9c3; color: #111; } td.isolated { background: #e5e7eb; color: #111; } td.unrouted { background: #f3f4f6; color: #666; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 8px; border: 1px solid #ccc; }
.flows th, .flows td { border-bottom: 1px solid #e5e5e5; padding: 3px 8px; text-align: left; vertical-align: top; }
`;

function nameCell(tag: 'th', n: MatrixName, scope: 'col' | 'row'): string {
  const title = n.kind === 'dns-name' ? `known by DNS name ${n.fqdn}, in no zone` : n.zone === null ? 'in no zone' : n.kind === 'group' ? `group in zone ${n.zone}` : 'zone';
  const cls = n.medical ? ' class="medical"' : '';
  return `<${tag} scope="${scope}"${cls} title="${escapeHtml(`${title}${n.medical ? ', medical' : ''}`)}">${escapeHtml(n.name)}</${tag}>`;
}

/** A denied cell is bare (most of a large matrix): the sticky headers say which pair it is. */
function gridCell(c: MatrixCell, from: string, to: string): string {
  if (c.verdict === 'deny') return '<td>·</td>';
  const text = cellText(c);
  const flows = c.decidedBy.length > 0 ? `; flows: ${flowIds(c)}` : '';
  const title = `${from} → ${to}: ${text || 'nothing allowed'}${flows}`;
  return `<td class="${c.verdict}" title="${escapeHtml(title)}">${escapeHtml(text || '·')}</td>`;
}

/** One self-contained page: inline CSS, no script, no link to anything outside it. */
export function* matrixHtmlChunks(m: MatrixRows): Generator<string> {
  const head = `<tr><th class="corner" scope="col">from \\ to</th>${m.names.map((n) => nameCell('th', n, 'col')).join('')}</tr>`;
  yield [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(matrixTitle(m))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(matrixTitle(m))}</h1>`,
    '<p class="legend"><span class="allow" style="background:#dcfce7">services</span>allowed (hover for the flows)' +
      '<span>·</span>nothing allowed<span style="background:#fef9c3">same segment</span>inside one zone, not filtered' +
      '<span style="background:#e5e7eb">isolated</span>one zone, port isolation<span>unrouted</span>both ends outside every zone' +
      '<span style="background:#fde2e2">&#x2695;</span>medical</p>',
    '<div class="scroll"><table class="matrix">',
    `<thead>${head}</thead>`,
    '<tbody>',
  ].join('\n');
  // The side table of deciding flows comes after the grid: its rows are kept as the grid goes by.
  const flowRows: string[] = [];
  let r = 0;
  for (const row of m.cells) {
    const from = m.names[r]!.name;
    yield `${r > 0 ? '\n' : ''}<tr>${nameCell('th', m.names[r]!, 'row')}${row.map((c, k) => gridCell(c, from, m.names[k]!.name)).join('')}</tr>`;
    row.forEach((c, k) => {
      if (c.verdict === 'allow') flowRows.push(flowRow(c, from, m.names[k]!.name));
    });
    r++;
  }
  yield [
    '</tbody>',
    '</table></div>',
    '<h2>Deciding flows</h2>',
    '<table class="flows"><thead><tr><th>from</th><th>to</th><th>services</th><th>flows</th></tr></thead>',
    `<tbody>${flowRows.join('\n')}</tbody></table>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function flowRow(c: MatrixCell, from: string, to: string): string {
  const flows = c.decidedBy.map((d) => `${escapeHtml(d.id ?? '')} <small>(${escapeHtml(`${d.file}:${d.line}`)})</small>`).join('<br>');
  return `<tr><td>${escapeHtml(from)}</td><td>${escapeHtml(to)}</td><td>${escapeHtml(c.services)}</td><td>${flows}</td></tr>`;
}
