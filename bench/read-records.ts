import { readRecords } from '../src/observe/read-records.js';
import { problemSink } from '../src/observe/record-problems.js';
import { nfdumpCsvStream } from './record-stream.js';

/**
 * `node --expose-gc dist/bench/read-records.js [COUNT]`: streams COUNT (1,000,000) synthetic nfdump CSV records
 * through readRecords and prints the time and how far the heap grew (sampled after a GC every 100,000 records).
 */
const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!Number.isInteger(count) || count < 1 || gc === undefined) {
  process.stderr.write('usage: node --expose-gc dist/bench/read-records.js [COUNT]\n');
  process.exit(2);
}
gc();
const before = process.memoryUsage().heapUsed;
let peak = before;
let n = 0;
const problems = problemSink();
const started = performance.now();
for await (const _ of readRecords('-', { stdin: nfdumpCsvStream(count), problems })) {
  if (++n % 100_000 === 0) {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${n.toLocaleString('en-US')} nfdump CSV records in ${seconds.toFixed(2)} s (${Math.round(n / seconds).toLocaleString('en-US')}/s), ` +
    `heap growth ${((peak - before) / 1_048_576).toFixed(1)} MiB, ${problems.count} problems\n`,
);
