import { createReadStream } from 'node:fs';
import { didYouMean } from '../model/did-you-mean.js';
import { quote } from '../model/quoted.js';
import type { Answer } from '../sim/answer.js';
import type { Simulator } from '../sim/simulator.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import { serviceOption, VERDICTS } from './query-command.js';

/** One answer line per query line, in order; a bad line answers `{"error": …}` and the batch goes on (exit 1 at the end). */
/** The longest line `query --batch` reads: a query is a few hundred characters; the line is refused while it is read. */
export const MAX_BATCH_LINE = 1 << 20;

export async function answerBatch(sim: Simulator, file: string): Promise<number> {
  const { formatAnswerJsonLine } = await import('../sim/render/answer-json.js');
  const input = file === '-' ? process.stdin : createReadStream(file);
  // Decoded as one stream, so a character split between two chunks stays whole.
  input.setEncoding('utf8');
  const out = lineSink();
  let code = EXIT_CLEAN;
  let rest = '';
  let lines = 0;
  const answer = (line: string) => {
    lines++;
    // Answers are not kept for a later line: a batch rarely repeats a question soon enough to pay for keeping them.
    const done = batchLine(sim, line.endsWith('\r') ? line.slice(0, -1) : line, formatAnswerJsonLine);
    // A line that missed its `expect`, or that was not a query, fails the audit the batch is part of.
    if (done.met === false || done.text.startsWith('{"error":')) code = EXIT_FINDINGS;
    out.push(done.text);
  };
  try {
    // Whole chunks at a time, answered synchronously: awaiting per line costs more than answering the query.
    for await (const chunk of input) {
      const text = rest + (chunk as string);
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        answer(text.slice(from, nl));
        from = nl + 1;
      }
      rest = text.slice(from);
      if (rest.length > MAX_BATCH_LINE) {
        // No query is that long: this is not a batch of queries, and the line is not kept whole to find out.
        await out.drain(true);
        throw new UsageError(`${file}: line ${lines + 1} is longer than ${MAX_BATCH_LINE.toLocaleString('en-US')} characters; a batch holds one JSON query per line`);
      }
      await out.drain();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new UsageError(`${file}: cannot read the batch (${code})`);
    throw err;
  }
  if (rest !== '') answer(rest);
  await out.drain(true);
  return code;
}

interface BatchLine {
  text: string;
  met?: boolean;
}

const SINK_BYTES = 1 << 20;

/**
 * Lines copied into a buffer as they come (each answer is flattened while it is young, instead of thousands of
 * string ropes piling up for one join); full buffers wait for `drain`, which writes them a megabyte at a time.
 */
function lineSink(): { push(text: string): void; drain(all?: boolean): Promise<void> } {
  let buf = Buffer.allocUnsafe(SINK_BYTES);
  let used = 0;
  const full: Buffer[] = [];
  const cut = () => {
    if (used === 0) return;
    full.push(buf.subarray(0, used));
    buf = Buffer.allocUnsafe(SINK_BYTES);
    used = 0;
  };
  return {
    push(text) {
      // A UTF-16 unit never takes more than three bytes of UTF-8.
      if (used + text.length * 3 + 1 > buf.length) cut();
      if (text.length * 3 + 1 > buf.length) {
        full.push(Buffer.from(`${text}\n`));
        return;
      }
      used += buf.write(text, used);
      buf[used++] = 10;
    },
    async drain(all = false) {
      if (all) cut();
      for (const chunk of full.splice(0)) await write(chunk);
    },
  };
}

function batchLine(sim: Simulator, line: string, formatAnswerJsonLine: (a: Answer) => string): BatchLine {
  const q = questionOf(line);
  if ('error' in q) return { text: JSON.stringify({ error: q.error }) };
  try {
    const answer = sim.answerOnce(q.from, q.to, q.service);
    const text = formatAnswerJsonLine(answer);
    if (q.expect === undefined) return { text };
    const met = answer.verdict === q.expect;
    return { text: `${text.slice(0, -1)},"expect":"${q.expect}","met":${met}}`, met };
  } catch (err) {
    if (err instanceof Error && err.name === 'QueryError') return { text: JSON.stringify({ error: err.message }) };
    throw err;
  }
}

interface Question {
  from: string;
  to: string;
  service?: string | undefined;
  expect?: string;
}

const KEYS = ['from', 'to', 'service', 'proto', 'port', 'expect'];

/**
 * One line as a question, or why it is none. Every key is known and of its type, so a misspelt key cannot widen
 * the question (`servce`) or drop its check (`expcet`); `null` is an optional key left out.
 */
function questionOf(line: string): Question | { error: string } {
  let q: unknown;
  try {
    q = JSON.parse(line);
  } catch {
    return { error: line.trim() === '' ? 'an empty line: write one JSON query per line' : 'not JSON: write {"from": …, "to": …, "service": …}' };
  }
  if (q === null || typeof q !== 'object' || Array.isArray(q)) return { error: 'a query is a JSON object: write {"from": …, "to": …, "service": …}' };
  const fields = q as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (KEYS.includes(key)) continue;
    const guess = didYouMean(key, KEYS);
    return { error: `unknown key ${quote(key)}${guess ? `; did you mean "${guess}"?` : ''} (a query holds ${KEYS.join(', ')})` };
  }
  const { from, to, service, proto, port, expect } = fields;
  if (typeof from !== 'string' || typeof to !== 'string') return { error: 'a query needs "from" and "to" as strings' };
  if (service !== undefined && service !== null && typeof service !== 'string') {
    return { error: '"service" is a string: a name, proto/port or any, or several separated by commas, like "https,ssh"' };
  }
  if (expect !== undefined && expect !== null && (typeof expect !== 'string' || !VERDICTS.includes(expect))) {
    return { error: `"expect" is one of ${VERDICTS.join(', ')}` };
  }
  const words = { proto: wordOf(proto), port: wordOf(port) };
  if (words.proto === false) return { error: '"proto" is a string or a whole number, like "tcp" or 50' };
  if (words.port === false) return { error: '"port" is a string or a whole number, like 443 or "8000-8080"' };
  let spec: string | undefined;
  try {
    spec = serviceOption({ service: service ?? undefined, proto: words.proto, port: words.port }, 'key');
  } catch (err) {
    if (err instanceof UsageError) return { error: err.message };
    throw err;
  }
  const question: Question = { from, to, service: spec };
  if (typeof expect === 'string') question.expect = expect;
  return question;
}

/** An optional key as the command line would get it: text, a whole number as its digits, absent; false when neither. */
function wordOf(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : false;
}

function write(text: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
