import type { MatrixRows } from '../matrix.js';
import { matrixCsvChunks } from './matrix-csv.js';
import { matrixDotChunks } from './matrix-dot.js';
import { matrixHtmlChunks } from './matrix-html.js';
import { matrixJsonChunks } from './matrix-json.js';
import { matrixMarkdownChunks } from './matrix-markdown.js';
import { matrixMermaidChunks } from './matrix-mermaid.js';
import { matrixTextChunks } from './matrix-text.js';

export type MatrixFormat = 'text' | 'csv' | 'json' | 'markdown' | 'mermaid' | 'dot' | 'html';

/**
 * Renderers, one per format, each writing the matrix as text chunks while it reads the rows (a large matrix is
 * never held whole, neither its cells nor its text); adding a format is one file and one line.
 */
export const MATRIX_WRITERS: Record<MatrixFormat, (m: MatrixRows) => Iterable<string>> = {
  text: matrixTextChunks,
  csv: matrixCsvChunks,
  json: matrixJsonChunks,
  markdown: matrixMarkdownChunks,
  mermaid: matrixMermaidChunks,
  dot: matrixDotChunks,
  html: matrixHtmlChunks,
};

/** The same renderers as pure functions to one string. */
export const MATRIX_FORMATTERS = Object.fromEntries(
  Object.entries(MATRIX_WRITERS).map(([format, write]) => [format, (m: MatrixRows) => [...write(m)].join('')]),
) as Record<MatrixFormat, (m: MatrixRows) => string>;

export const MATRIX_FORMATS = Object.keys(MATRIX_WRITERS) as MatrixFormat[];
