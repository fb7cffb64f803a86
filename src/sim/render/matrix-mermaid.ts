import type { MatrixRows } from '../matrix.js';

/** Mermaid text in a quoted label: quotes become the entity Mermaid reads back. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** A flowchart with one node per name and one edge per allowed pair, labelled with its services. */
export function* matrixMermaidChunks(m: MatrixRows): Generator<string> {
  yield 'flowchart LR\n';
  yield m.names.map((n, i) => `  n${i}["${label(n.name)}"]${n.medical ? ':::medical' : ''}\n`).join('');
  let r = 0;
  for (const row of m.cells) {
    const edges = row.flatMap((c, k) => (c.verdict === 'allow' ? [`  n${r} -->|"${label(c.services)}"| n${k}\n`] : []));
    if (edges.length > 0) yield edges.join('');
    r++;
  }
  yield '  classDef medical fill:#fde2e2,stroke:#b91c1c,color:#111\n';
}
