import type { Matrix } from '../matrix.js';
import { flowIds } from './matrix-cell-text.js';

/** A DOT quoted string: backslashes and quotes escaped, line breaks dropped. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

/** Graphviz: one box per name (medical ones filled), one edge per allowed pair with its services and flows. */
export function formatMatrixDot(m: Matrix): string {
  const lines = ['digraph wardline {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const n of m.names) {
    const style = n.medical ? ', style=filled, fillcolor="#fde2e2", color="#b91c1c"' : '';
    lines.push(`  ${quoted(n.name)} [tooltip=${quoted(n.zone === null ? n.kind : `${n.kind} in ${n.zone}`)}${style}];`);
  }
  m.cells.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c.verdict !== 'allow') return;
      lines.push(`  ${quoted(m.names[r]!.name)} -> ${quoted(m.names[k]!.name)} [label=${quoted(c.services)}, tooltip=${quoted(`flows: ${flowIds(c)}`)}];`);
    }),
  );
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
