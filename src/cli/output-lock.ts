import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './exit-code.js';
import { makeDirs } from './make-dirs.js';

const WAIT_MS = 60_000;
const POLL_MS = 50;

/**
 * Runs `write` while holding `.DIR.wardline-lock` beside DIR, so two compiles into one DIR take turns: each
 * replaces DIR whole, and neither clears the other's staging directory as a leftover. A lock whose process is
 * gone (a compile killed with SIGKILL) is taken over; one held by a live process is waited for, up to a minute.
 */
export async function withOutputLock<T>(dir: string, shown: string, write: () => T): Promise<T> {
  makeDirs(dirname(dir));
  const lock = join(dirname(dir), `.${basename(dir)}.wardline-lock`);
  const started = Date.now();
  let told = false;
  for (;;) {
    const holder = tryLock(lock);
    if (holder === undefined) break;
    if (stale(lock, holder)) {
      removeIfSame(lock, holder);
      continue;
    }
    if (Date.now() - started > WAIT_MS) {
      throw new UsageError(`-o ${shown}: another wardline compile (${holder || 'unknown process'}) has been writing it for a minute; if none is running, remove ${lock}`);
    }
    if (!told) process.stderr.write(`wardline: waiting for another wardline compile (${holder || 'starting'}) writing ${shown}\n`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return write();
  } finally {
    removeIfSame(lock, owner());
  }
}

const owner = () => `pid ${process.pid} on ${hostname()}`;

/** Undefined when the lock is now ours, else who holds it ('' while its holder is still writing its name). */
function tryLock(lock: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readHolder(lock) ?? tryLock(lock);
  }
  try {
    writeSync(fd, owner());
  } finally {
    closeSync(fd);
  }
  return undefined;
}

function readHolder(lock: string): string | undefined {
  try {
    return readFileSync(lock, 'utf8').slice(0, 200);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Held by a process of this host that is gone, or never named (its holder died between creating and writing it). */
function stale(lock: string, holder: string): boolean {
  const m = /^pid (\d+) on (.*)$/.exec(holder);
  if (!m) return holder === '' && Date.now() - mtimeOf(lock) > 5_000;
  if (m[2] !== hostname()) return false;
  try {
    process.kill(Number(m[1]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** Removes the lock only while it still names `holder`: never one another process has just taken. */
function removeIfSame(lock: string, holder: string): void {
  if (readHolder(lock) !== holder) return;
  try {
    unlinkSync(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
