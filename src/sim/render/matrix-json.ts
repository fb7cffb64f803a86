import type { MatrixRows } from '../matrix.js';

/**
 * `{ by, service, valid: { from, through }, names: [{ name, kind, zone, fqdn?, medical }], cells: [{ from, to, verdict, services, decidedBy }] }`;
 * only cells that are not `deny` are listed: a pair missing from `cells` allows nothing. Written cell by cell, the
 * same bytes as `JSON.stringify(…, null, 2)` of the whole object.
 */
export function* matrixJsonChunks(m: MatrixRows): Generator<string> {
  const head = JSON.stringify({ by: m.by, service: m.service, valid: m.valid, names: m.names, cells: [] }, null, 2);
  // The head ends `"cells": []\n}`; the cells go where its `[]` was, each indented two levels as stringify would.
  yield head.slice(0, -'[]\n}'.length);
  let listed = 0;
  let r = 0;
  for (const row of m.cells) {
    const from = m.names[r++]!.name;
    let chunk = '';
    row.forEach((c, k) => {
      if (c.verdict === 'deny') return;
      const cell = { from, to: m.names[k]!.name, verdict: c.verdict, services: c.services, decidedBy: c.decidedBy };
      chunk += `${listed++ === 0 ? '[\n' : ',\n'}    ${JSON.stringify(cell, null, 2).replace(/\n/g, '\n    ')}`;
    });
    if (chunk !== '') yield chunk;
  }
  yield listed === 0 ? '[]\n}\n' : '\n  ]\n}\n';
}
