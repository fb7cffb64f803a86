import { Readable } from 'node:stream';
import { NFDUMP_CSV_HEADER } from '../src/observe/nfdump-csv.js';

// The columns after obyt as nfdump 1.7.1 prints them for a softflowd export (see the test fixtures).
const TAIL =
  '0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,    0.000,    0.000,    0.000,127.0.0.1,0/0,1,2026-12-05 18:48:50.478';

/** Line `i` of a synthetic `nfdump -o csv` export: one flow a second from 65,536 clients to 7 servers on 443. */
export function nfdumpCsvLine(i: number): string {
  const s = i % 86_400;
  const two = (n: number) => String(n).padStart(2, '0');
  const ts = `2025-11-28 ${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  return `${ts},${ts},0.500,10.20.${(i >> 8) & 255}.${i & 255},10.50.10.${i % 7},${1024 + (i % 60_000)},443,TCP,...A..SF,0,0,3,220,${TAIL}\n`;
}

/**
 * `count` records of nfdump CSV (header first) as a byte stream in 64 KiB chunks, made as they are read, as a
 * file or a pipe delivers them: neither the input nor anything derived from it is ever held whole.
 */
export function nfdumpCsvStream(count: number): Readable {
  let i = 0;
  let header = true;
  return new Readable({
    read() {
      let chunk = header ? `${NFDUMP_CSV_HEADER}\n` : '';
      header = false;
      while (chunk.length < 65_536 && i < count) chunk += nfdumpCsvLine(i++);
      this.push(chunk === '' ? null : Buffer.from(chunk));
    },
  });
}
