import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** A line longer than this is no record of any format read here; it is skipped and reported, never held. */
export const MAX_LINE_CHARS = 1 << 20;

/** In a batch of lines, a line longer than MAX_LINE_CHARS. */
export const OVERLONG = null;

/**
 * The bytes of a file, or of `stdin` for `-`, gunzipped when they begin with gzip's magic bytes (1f 8b), whatever
 * the name says.
 */
export async function* recordBytes(input: string, stdin: Readable): AsyncGenerator<Buffer> {
  const source: AsyncIterator<Buffer | string> = (input === '-' ? stdin : createReadStream(input))[Symbol.asyncIterator]();
  try {
    yield* maybeGunzip(source);
  } finally {
    // Stops the file stream when the reader stops early.
    await source.return?.();
  }
}

async function* maybeGunzip(source: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldBytes = 0;
  while (heldBytes < 2) {
    const next = await source.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    held.push(chunk);
    heldBytes += chunk.length;
  }
  const head = Buffer.concat(held);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* all();
    return;
  }
  const gunzip = createGunzip();
  // An error on either side ends both, and reaches the loop below through the gunzip stream.
  pipeline(Readable.from(all()), gunzip, () => {});
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/**
 * Text lines in batches (one per chunk read, so the caller loops without an await per line), `\n` or `\r\n`
 * ended, UTF-8. Memory holds one chunk and one unfinished line at most.
 */
export async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<(string | typeof OVERLONG)[]> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overlong = false;
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    const batch: (string | typeof OVERLONG)[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = overlong ? '' : partial + text.slice(start, nl);
      start = nl + 1;
      partial = '';
      if (overlong || line.length > MAX_LINE_CHARS) batch.push(OVERLONG);
      else batch.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      overlong = false;
    }
    if (!overlong) {
      partial += text.slice(start);
      if (partial.length > MAX_LINE_CHARS) [overlong, partial] = [true, ''];
    }
    if (batch.length > 0) yield batch;
  }
  const tail = partial + decoder.end();
  if (overlong) yield [OVERLONG];
  else if (tail !== '') yield [tail.endsWith('\r') ? tail.slice(0, -1) : tail];
}
