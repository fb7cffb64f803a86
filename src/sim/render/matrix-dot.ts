import type { MatrixRows } from '../matrix.js';
import { flowIds } from './matrix-cell-text.js';

/** A DOT quoted string: backslashes and quotes escaped, line breaks dropped. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

/** Graphviz: one box per name (medical ones filled), one edge per allowed pair with its services and flows. */
export function* matrixDotChunks(m: MatrixRows): Generator<string> {
  yield 'digraph wardline {\n  rankdir=LR;\n  node [shape=box, fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=10];\n';
  yield m.names
    .map((n) => {
      const style = n.medical ? ', style=filled, fillcolor="#fde2e2", color="#b91c1c"' : '';
      return `  ${quoted(n.name)} [tooltip=${quoted(n.zone === null ? n.kind : `${n.kind} in ${n.zone}`)}${style}];\n`;
    })
    .join('');
  let r = 0;
  for (const row of m.cells) {
    const from = quoted(m.names[r++]!.name);
    const edges = row.flatMap((c, k) =>
      c.verdict === 'allow' ? [`  ${from} -> ${quoted(m.names[k]!.name)} [label=${quoted(c.services)}, tooltip=${quoted(`flows: ${flowIds(c)}`)}];\n`] : [],
    );
    if (edges.length > 0) yield edges.join('');
  }
  yield '}\n';
}
