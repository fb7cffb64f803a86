import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { nfdumpCsvStream } from '../../bench/record-stream.js';
import { readRecords } from '../../src/observe/read-records.js';
import { problemSink } from '../../src/observe/record-problems.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// 200,000 records held would take well over 32 MiB (a record is ~200 bytes with its strings): a reader that kept
// lines or records fails here. The million of issue 16 is measured by `node --expose-gc dist/bench/read-records.js`.
describe('readRecords at scale', () => {
  it('streams 200,000 nfdump CSV records with the heap flat', async () => {
    const COUNT = 200_000;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    let bytes = 0;
    const problems = problemSink();
    for await (const r of readRecords('-', { stdin: nfdumpCsvStream(COUNT), problems })) {
      bytes += r.bytes;
      if (++n % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(n).toBe(COUNT);
    expect(bytes).toBe(COUNT * 220);
    expect(problems.count).toBe(0);
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  }, 60_000);
});
