import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FlowRecord, RecordFormat } from '../../src/observe/flow-record.js';
import { readRecords, type ReadOptions } from '../../src/observe/read-records.js';
import { problemSink, type ProblemSink } from '../../src/observe/record-problems.js';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface Read {
  records: FlowRecord[];
  problems: ProblemSink;
  format?: RecordFormat;
}

/** Every record of one input (a path, or text given as stdin), with the problems and the format it was read as. */
export async function readAll(input: string | { text: string | Buffer }, opts: ReadOptions = {}): Promise<Read> {
  const out: Read = { records: [], problems: problemSink() };
  const stdin = typeof input === 'string' ? undefined : Readable.from([Buffer.from(input.text)]);
  const path = typeof input === 'string' ? input : '-';
  for await (const r of readRecords(path, { problems: out.problems, onFormat: (f) => (out.format = f), ...(stdin ? { stdin } : {}), ...opts })) {
    out.records.push(r);
  }
  return out;
}

/** Records of text lines given on stdin. */
export const readLines = (lines: string[], opts: ReadOptions = {}) => readAll({ text: lines.join('\n') + '\n' }, opts);
