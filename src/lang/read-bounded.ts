import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** What a bounded read got: every byte, or the news that there were more than the limit (`bytes` when known). */
export type Bounded = { data: Buffer } | { over: { bytes?: number } };

const CHUNK = 1 << 16;

/**
 * Reads a file, a FIFO or a device, stopping once it has more than `limit` bytes: memory never holds more than
 * that, whatever the source (`/dev/zero`, a pipe that never ends). A regular file's size is asked first.
 */
export async function readBounded(path: string, limit: number): Promise<Bounded> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isFile() && info.size > limit) return { over: { bytes: info.size } };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // A file's whole size (and one byte more, to see it end) in one read; files under /proc say 0, so never less than a chunk.
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.isFile() ? info.size - total + 1 : 0, CHUNK), limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      // A file that grew past the limit since its size was asked is over it all the same.
      if (total > limit) return { over: {} };
    }
    return { data: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

/** The same for a stream (standard input): reading stops, and the stream is let go, once it passes the limit. */
export async function readStreamBounded(stream: Readable, limit: number): Promise<Bounded> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > limit) return { over: {} };
    chunks.push(bytes);
  }
  return { data: Buffer.concat(chunks, total) };
}
