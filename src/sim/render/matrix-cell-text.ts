import type { MatrixCell } from '../matrix.js';

/** One cell in words, for the table formats: the services, or what stands in their place. */
export function cellText(c: MatrixCell): string {
  switch (c.verdict) {
    case 'allow':
      return c.services;
    case 'monitored':
      return `monitored: ${c.services}`;
    case 'deny':
      return '';
    case 'same-segment':
      return 'same segment';
    case 'isolated':
      return 'isolated';
    case 'unrouted':
      return 'unrouted';
  }
}

/** `pumps-to-pump-server, biomed-to-pumps` */
export function flowIds(c: MatrixCell): string {
  return c.decidedBy.map((d) => d.id).join(', ');
}
