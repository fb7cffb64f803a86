import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_FORMATS } from '../../src/observe/flow-record.js';
import { readRecords, RecordInputError } from '../../src/observe/read-records.js';
import { detectFormat } from '../../src/observe/record-formats.js';
import { MAX_LINE_CHARS } from '../../src/observe/record-lines.js';
import { problemSink } from '../../src/observe/record-problems.js';
import { fixture, readAll, readLines } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'wardline-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRecords', () => {
  it('gunzips by the magic bytes, not the name, from a file and from stdin', async () => {
    const plain = await readAll(fixture('nfdump-1.7.1.csv'));
    const gz = gzipSync(readFileSync(fixture('nfdump-1.7.1.csv')));
    const named = join(dir, 'flows.csv');
    writeFileSync(named, gz);
    expect(await readAll(named)).toEqual(plain);
    expect(await readAll({ text: gz })).toEqual(plain);
    // concatenated gzip members (logrotate and cat) read as one
    const half = readFileSync(fixture('conntrack-1.4.7-list.txt'));
    const twice = await readAll({ text: Buffer.concat([gzipSync(half), gzipSync(half)]) });
    expect(twice.records).toHaveLength(12);
  });

  it('reads stdin split anywhere, even inside a UTF-8 character or a CRLF', async () => {
    const text = Buffer.from(readFileSync(fixture('conntrack-1.4.7-list.txt'), 'utf8').replace(/\n/g, '\r\n'));
    const { Readable } = await import('node:stream');
    const pieces = Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => text.subarray(i * 7, i * 7 + 7));
    const records = [];
    for await (const r of readRecords('-', { stdin: Readable.from(pieces) })) records.push(r);
    expect(records).toEqual((await readAll(fixture('conntrack-1.4.7-list.txt'))).records);
  });

  it('detects each format from its first lines, and --input-format overrides', async () => {
    const detected = {
      'nfdump-1.7.1.csv': 'nfdump-csv',
      'nfdump-1.7.1-q.csv': 'nfdump-csv',
      'nfdump-1.7.1.json': 'nfdump-json',
      'conntrack-1.4.7-list.txt': 'conntrack',
      'conntrack-1.4.7-list-plain.txt': 'conntrack',
      'conntrack-1.4.7-events.txt': 'conntrack',
      'dmesg-nft-log.txt': 'kernel-log',
      'dmesg-T-nft-log.txt': 'kernel-log',
    };
    for (const [file, format] of Object.entries(detected)) expect([file, (await readAll(fixture(file))).format]).toEqual([file, format]);
    const forced = await readAll(fixture('nfdump-1.7.1.csv'), { format: 'kernel-log' });
    expect(forced).toMatchObject({ format: 'kernel-log', records: [] });
  });

  it('finds a kernel LOG line after a page of other kernel messages', async () => {
    const boot = Array.from({ length: 80 }, (_, i) => `[    ${i}.000000] usb 1-1: new high-speed USB device number ${i}`);
    const log = readFileSync(fixture('dmesg-nft-log.txt'), 'utf8').trim().split('\n');
    expect(detectFormat([...boot, ...log])).toBe('kernel-log');
    expect((await readLines([...boot, ...log])).records).toHaveLength(6);
  });

  it('refuses an input of no known format, naming the line and every format', async () => {
    const error = await readLines(['', 'hello world', 'more']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordInputError);
    expect((error as Error).message).toBe(
      `<stdin>:2: cannot tell which flow-record format this is ("hello world"). Name it with --input-format: ${RECORD_FORMATS.join(', ')}.`,
    );
  });

  it('an empty input has no records and no error', async () => {
    expect(await readAll({ text: '\n\n' })).toEqual({ records: [], problems: problemSink() });
  });

  it('a missing file, a directory and broken gzip are input errors', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(readAll(missing)).rejects.toThrow(new RecordInputError(`${missing}: no such file`));
    await expect(readAll(dir)).rejects.toThrow(new RecordInputError(`${dir}: is a directory, not a file of flow records`));
    const gz = gzipSync(readFileSync(fixture('nfdump-1.7.1.csv')));
    await expect(readAll({ text: gz.subarray(0, gz.length - 30) })).rejects.toThrow(/^<stdin>: not readable as gzip \(unexpected end of file\)$/);
  });

  it('an over-long line is reported and skipped, never held; problems are counted past the kept 100', async () => {
    const line = '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,UDP,........,0,0,1,58,0,0';
    const { records, problems } = await readLines([line, 'x'.repeat(MAX_LINE_CHARS + 5), line, ...Array.from({ length: 150 }, () => 'x,y'), line]);
    expect(records).toHaveLength(3);
    expect(problems.count).toBe(151);
    expect(problems.kept).toHaveLength(100);
    expect(problems.kept[0]).toEqual({ line: 2, reason: `line longer than ${MAX_LINE_CHARS} characters: not a record` });
    expect(problems.kept[1]).toMatchObject({ line: 4 });
  });
});
