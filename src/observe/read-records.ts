import type { Readable } from 'node:stream';
import { RECORD_FORMATS, type FlowRecord, type RecordFormat } from './flow-record.js';
import type { LineParser } from './format-reader.js';
import { detectFormat, DETECTION_LINES, formatReaders } from './record-formats.js';
import { lineBatches, MAX_LINE_CHARS, OVERLONG, recordBytes } from './record-lines.js';
import { noteProblem, type ProblemSink } from './record-problems.js';

export interface ReadOptions {
  /** `--input-format`; detected from the first non-empty lines when not given. */
  format?: RecordFormat;
  /** Where malformed lines are counted and the first ones kept; without it they are only skipped. */
  problems?: ProblemSink;
  /** What `-` reads; process.stdin by default. */
  stdin?: Readable;
  /** Minutes east of UTC of times the format writes in the device's local time without a zone (nfdump, PAN-OS); 0. */
  utcOffsetMinutes?: number;
  /** Told the format once it is known, given or detected. */
  onFormat?(format: RecordFormat): void;
}

/** Input that cannot be read as records at all: missing, unreadable, broken gzip, or in no known format. Exit 2. */
export class RecordInputError extends Error {
  override name = 'RecordInputError';
}

/**
 * The flow records of one input (a path, or `-` for stdin), streamed: gzip or not, line by line, in constant memory
 * whatever the number of records. A malformed line goes to `problems` with its line number and reading goes on.
 */
export async function* readRecords(input: string, opts: ReadOptions = {}): AsyncGenerator<FlowRecord> {
  const name = input === '-' ? '<stdin>' : input;
  const batches = lineBatches(recordBytes(input, opts.stdin ?? process.stdin))[Symbol.asyncIterator]();
  const problem = (line: number, reason: string) => opts.problems && noteProblem(opts.problems, { line, reason });
  let parser: LineParser | undefined;
  const start = (format: RecordFormat) => {
    parser = formatReaders[format].parser({ utcOffsetMinutes: opts.utcOffsetMinutes ?? 0 });
    opts.onFormat?.(format);
  };
  if (opts.format !== undefined) start(opts.format);
  // Until the format is known, lines wait here with their numbers.
  const waiting: { text: string | typeof OVERLONG; line: number }[] = [];
  const parse = (text: string | typeof OVERLONG, line: number): FlowRecord | undefined => {
    if (text === OVERLONG) {
      problem(line, `line longer than ${MAX_LINE_CHARS} characters: not a record`);
      return undefined;
    }
    const outcome = parser!.line(text);
    if (typeof outcome !== 'string') return outcome;
    problem(line, outcome);
    return undefined;
  };
  function* detectAndFlush(): Generator<FlowRecord> {
    start(detected(name, waiting));
    for (const w of waiting.splice(0)) {
      const record = parse(w.text, w.line);
      if (record !== undefined) yield record;
    }
  }

  let lineNumber = 0;
  for (;;) {
    let next: IteratorResult<(string | typeof OVERLONG)[]>;
    try {
      next = await batches.next();
    } catch (e) {
      throw new RecordInputError(`${name}: ${readFailure(e)}`);
    }
    if (next.done) break;
    for (const text of next.value) {
      lineNumber++;
      if (text !== OVERLONG && text.trim() === '') continue;
      if (parser !== undefined) {
        const record = parse(text, lineNumber);
        if (record !== undefined) yield record;
      } else {
        waiting.push({ text, line: lineNumber });
        if (waiting.length === DETECTION_LINES) yield* detectAndFlush();
      }
    }
  }
  if (parser === undefined && waiting.length > 0) yield* detectAndFlush();
  if (parser?.end) yield* parser.end();
}

function detected(name: string, waiting: { text: string | typeof OVERLONG; line: number }[]): RecordFormat {
  const lines = waiting.filter((w): w is { text: string; line: number } => w.text !== OVERLONG);
  const format = detectFormat(lines.map((w) => w.text));
  if (format !== undefined) return format;
  const first = lines[0] ?? { text: '', line: waiting[0]!.line };
  const shown = first.text.length > 80 ? `${first.text.slice(0, 77)}...` : first.text;
  throw new RecordInputError(
    `${name}:${first.line}: cannot tell which flow-record format this is ("${shown}"). ` +
      `Name it with --input-format: ${RECORD_FORMATS.join(', ')}.`,
  );
}

function readFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EISDIR') return 'is a directory, not a file of flow records';
  if (err.code === 'EACCES') return 'permission denied';
  if (typeof err.code === 'string' && err.code.startsWith('Z_')) return `not readable as gzip (${err.message})`;
  return err.message ?? String(e);
}
