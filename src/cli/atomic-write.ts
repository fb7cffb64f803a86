import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { makeDirs } from './make-dirs.js';

/** Writes a file all-or-nothing: a temporary file beside it, then rename. */
export function writeFileAtomic(path: string, content: string): void {
  writeChunksAtomic(path, [content]);
}

/** The same, from text written piece by piece (so a large output is never held whole). */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  atomically(path, (fd) => writeChunks(chunks, (text) => writeAll(fd, Buffer.from(text))));
}

/** Bytes (a PDF), all-or-nothing. */
export function writeBytesAtomic(path: string, bytes: Buffer): void {
  atomically(path, (fd) => writeAll(fd, bytes));
}

function atomically(path: string, write: (fd: number) => void): void {
  const dir = dirname(path);
  makeDirs(dir);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      write(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    // The first error is the one to report, not a second one from cleaning up after it.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was created
    }
    throw err;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

const CHUNK = 1 << 20;

/** Small pieces gathered into writes of about a megabyte. */
function writeChunks(chunks: Iterable<string>, write: (text: string) => void): void {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= CHUNK) {
      write(pending);
      pending = '';
    }
  }
  if (pending !== '') write(pending);
}

/** Pieces of text to standard output in writes of about a megabyte, waiting whenever the pipe is full. */
export async function writeChunksToStdout(chunks: Iterable<string>): Promise<void> {
  let pending = '';
  const flush = () =>
    new Promise<void>((resolve) => {
      const text = pending;
      pending = '';
      if (process.stdout.write(text)) resolve();
      else process.stdout.once('drain', () => resolve());
    });
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= CHUNK) await flush();
  }
  if (pending !== '') await flush();
}

/**
 * Several files of one directory all-or-nothing, as far as a file system allows: each is written to a temporary file
 * first, and only when every one is written are they renamed into place; a failure leaves the directory as it was.
 */
export function writeFilesAtomic(dir: string, files: readonly { path: string; content: string }[]): void {
  makeDirs(dir);
  const written: [tmp: string, path: string][] = [];
  try {
    for (const f of files) {
      const path = join(dir, f.path);
      const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
      written.push([tmp, path]);
      const fd = openSync(tmp, 'w');
      try {
        writeAll(fd, Buffer.from(f.content));
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const [tmp] of written) rmSync(tmp, { force: true });
    throw err;
  }
  for (const [tmp, path] of written) renameSync(tmp, path);
}
