import type { Matrix } from '../matrix.js';
import { formatMatrixCsv } from './matrix-csv.js';
import { formatMatrixDot } from './matrix-dot.js';
import { formatMatrixHtml } from './matrix-html.js';
import { formatMatrixJson } from './matrix-json.js';
import { formatMatrixMarkdown } from './matrix-markdown.js';
import { formatMatrixMermaid } from './matrix-mermaid.js';
import { formatMatrixText } from './matrix-text.js';

export type MatrixFormat = 'text' | 'csv' | 'json' | 'markdown' | 'mermaid' | 'dot' | 'html';

/** Pure renderers, one per format; adding a format is one file and one line. */
export const MATRIX_FORMATTERS: Record<MatrixFormat, (m: Matrix) => string> = {
  text: formatMatrixText,
  csv: formatMatrixCsv,
  json: formatMatrixJson,
  markdown: formatMatrixMarkdown,
  mermaid: formatMatrixMermaid,
  dot: formatMatrixDot,
  html: formatMatrixHtml,
};

export const MATRIX_FORMATS = Object.keys(MATRIX_FORMATTERS) as MatrixFormat[];
