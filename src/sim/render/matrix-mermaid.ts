import type { Matrix } from '../matrix.js';

/** Mermaid text in a quoted label: quotes become the entity Mermaid reads back. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** A flowchart with one node per name and one edge per allowed pair, labelled with its services. */
export function formatMatrixMermaid(m: Matrix): string {
  const lines = ['flowchart LR'];
  m.names.forEach((n, i) => lines.push(`  n${i}["${label(n.name)}"]${n.medical ? ':::medical' : ''}`));
  m.cells.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c.verdict === 'allow') lines.push(`  n${r} -->|"${label(c.services)}"| n${k}`);
    }),
  );
  lines.push('  classDef medical fill:#fde2e2,stroke:#b91c1c,color:#111');
  return `${lines.join('\n')}\n`;
}
