/** Positions are 0-based inside wardline; only formatters print them 1-based. */
export interface Position {
  line: number;
  col: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where something came from: a file (as the user named it, relative when possible) and a range in it. */
export interface SourceLoc {
  file: string;
  range: Range;
}

export const NOWHERE: Range = { start: { line: 0, col: 0 }, end: { line: 0, col: 0 } };

export function locAt(file: string, range: Range = NOWHERE): SourceLoc {
  return { file, range };
}

/** `file:line:col`, 1-based, for messages. */
export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.range.start.line + 1}:${loc.range.start.col + 1}`;
}

/** `file:line`, 1-based, for provenance in answers. */
export function formatLine(loc: SourceLoc): string {
  return `${loc.file}:${loc.range.start.line + 1}`;
}
