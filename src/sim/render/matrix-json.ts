import type { Matrix } from '../matrix.js';

/**
 * `{ by, service, today, names: [{ name, kind, zone, medical }], cells: [{ from, to, verdict, services, decidedBy }] }`;
 * only cells that are not `deny` are listed: a pair missing from `cells` allows nothing.
 */
export function formatMatrixJson(m: Matrix): string {
  const cells = m.cells.flatMap((row, r) =>
    row.flatMap((c, k) =>
      c.verdict === 'deny' ? [] : [{ from: m.names[r]!.name, to: m.names[k]!.name, verdict: c.verdict, services: c.services, decidedBy: c.decidedBy }],
    ),
  );
  return `${JSON.stringify({ by: m.by, service: m.service, today: m.today, names: m.names, cells }, null, 2)}\n`;
}
