import { createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Answer } from '../sim/answer.js';
import type { Simulator } from '../sim/simulator.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { resolveToday } from './today.js';
import { wardlineVersion } from './version.js';

interface QueryOptions {
  from?: string;
  to?: string;
  service?: string;
  proto?: string;
  port?: string;
  format: 'text' | 'json';
  expect?: string;
  batch?: string;
  today?: string;
}

const VERDICTS = ['allow', 'deny', 'partial', 'same-segment', 'unrouted'];

/** The longest line `query --batch` reads: a query is a few hundred characters; the line is refused while it is read. */
export const MAX_BATCH_LINE = 1 << 20;

export function registerQuery(program: Command, result: CommandResult): void {
  program
    .command('query')
    .description('can A talk to B? the verdict, the intent that decided it and the path, from the policy')
    .argument('[path]', 'policy file or directory; - reads standard input', '.')
    .option('--from <endpoint>', 'source: group, zone, label:NAME, address or prefix, external, any')
    .option('--to <endpoint>', 'destination, as --from')
    .option('-s, --service <service>', 'service name, proto/port (tcp/443), any, or a comma-separated list; default: every service')
    .option('--proto <proto>', 'protocol: tcp, udp, sctp, icmp, icmpv6 or a number; instead of --service')
    .option('--port <port>', 'port (or ICMP type) with --proto')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--expect <verdict>', 'exit 1 unless the verdict is this').choices(VERDICTS))
    .option('--batch <file>', 'answer one JSON query per line ({"from","to","service"}) from FILE or - (stdin)')
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (path: string, opts: QueryOptions) => {
      const service = serviceOption(opts);
      if (opts.batch !== undefined) {
        if (opts.from !== undefined || opts.to !== undefined || service !== undefined || opts.expect !== undefined) {
          throw new UsageError('--batch takes its queries from the file: drop --from, --to, --service and --expect');
        }
        if (opts.batch === '-' && path === '-') throw new UsageError('the policy and the batch cannot both come from standard input');
      } else if (opts.from === undefined && opts.to === undefined) {
        throw new UsageError('query needs --from, --to, or both (or --batch FILE)');
      } else if (opts.expect !== undefined && (opts.from === undefined || opts.to === undefined)) {
        throw new UsageError('--expect needs both --from and --to');
      }
      const sim = await loadSimulator([path], resolveToday(opts.today));
      if (opts.batch !== undefined) {
        result.code = await answerBatch(sim, opts.batch);
        return;
      }
      const { formatAnswerText } = await import('../sim/render/answer-text.js');
      const { formatReachText } = await import('../sim/render/reach-text.js');
      const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
      if (opts.from !== undefined && opts.to !== undefined) {
        const answer = asked(() => sim.query(opts.from!, opts.to!, service));
        process.stdout.write(opts.format === 'json' ? json(answer) : formatAnswerText(answer));
        result.code = EXIT_CLEAN;
        if (opts.expect !== undefined && answer.verdict !== opts.expect) {
          process.stderr.write(`wardline: expected ${opts.expect}, the answer is ${answer.verdict}\n`);
          result.code = EXIT_FINDINGS;
        }
        return;
      }
      const reach = asked(() => (opts.from !== undefined ? sim.reachableFrom(opts.from, service) : sim.reachableTo(opts.to!, service)));
      process.stdout.write(opts.format === 'json' ? json(reach) : formatReachText(reach));
      result.code = EXIT_CLEAN;
    });
}

function serviceOption(opts: QueryOptions): string | undefined {
  if (opts.service !== undefined && (opts.proto !== undefined || opts.port !== undefined)) {
    throw new UsageError('give either --service or --proto/--port, not both');
  }
  if (opts.port !== undefined && opts.proto === undefined) throw new UsageError('--port needs --proto (e.g. --proto tcp --port 443)');
  if (opts.proto !== undefined && /^\d+$/.test(opts.proto)) {
    if (opts.port !== undefined) throw new UsageError(`protocol ${opts.proto} has no ports: drop --port`);
    return `proto/${opts.proto}`;
  }
  if (opts.proto !== undefined) return `${opts.proto}/${opts.port ?? 'any'}`;
  return opts.service;
}

/** Unknown names and unparsable addresses or services are usage errors: exit 2 with the simulator's message. */
export function asked<T>(question: () => T): T {
  try {
    return question();
  } catch (err) {
    if (err instanceof Error && err.name === 'QueryError') throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Loads and checks the policy; a policy with errors is not simulated (exit 2, the findings on stderr). Failed
 * expectations (WL6xx) do not block: finding out why one fails is what queries are for.
 */
export async function loadSimulator(paths: string[], today: string): Promise<Simulator> {
  const { readPolicySources } = await import('../lang/source-files.js');
  const { checkForSimulation } = await import('../check/check-policy.js');
  const { simulator } = await import('../sim/simulator.js');
  const sources = await readPolicySources(paths);
  const checked = checkForSimulation(sources, today);
  const blocking = checked.findings.filter((d) => d.severity === 'error' && !d.code.startsWith('WL6'));
  if (!checked.complete || blocking.length > 0) {
    const { FORMATTERS } = await import('../report/formatters.js');
    const color = !process.env.NO_COLOR && process.stderr.isTTY === true;
    process.stderr.write(FORMATTERS.stylish(blocking, { color, toolVersion: wardlineVersion(), files: sources.map((s) => s.path) }));
    throw new UsageError('the policy has errors: fix the policy first (see wardline check)');
  }
  return simulator(checked.policy, checked.context);
}

/** One answer line per query line, in order; a bad line answers `{"error": …}` and the batch goes on (exit 1 at the end). */
async function answerBatch(sim: Simulator, file: string): Promise<number> {
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
  let q: unknown;
  try {
    q = JSON.parse(line);
  } catch {
    return { text: JSON.stringify({ error: line.trim() === '' ? 'an empty line: write one JSON query per line' : 'not JSON: write {"from": …, "to": …, "service": …}' }) };
  }
  const { from, to, service, expect } = (q ?? {}) as Record<string, unknown>;
  if (typeof q !== 'object' || Array.isArray(q) || typeof from !== 'string' || typeof to !== 'string') {
    return { text: JSON.stringify({ error: 'a query needs "from" and "to" as strings' }) };
  }
  const services = Array.isArray(service) && service.every((s) => typeof s === 'string') ? service.join(',') : service;
  if (services !== undefined && services !== null && typeof services !== 'string') {
    return { text: JSON.stringify({ error: '"service" is a string or a list of strings' }) };
  }
  if (expect !== undefined && !VERDICTS.includes(expect as string)) {
    return { text: JSON.stringify({ error: `"expect" is one of ${VERDICTS.join(', ')}` }) };
  }
  try {
    const answer = sim.answerOnce(from, to, services ?? undefined);
    const text = formatAnswerJsonLine(answer);
    if (expect === undefined) return { text };
    const met = answer.verdict === expect;
    return { text: `${text.slice(0, -1)},"expect":"${expect as string}","met":${met}}`, met };
  } catch (err) {
    if (err instanceof Error && err.name === 'QueryError') return { text: JSON.stringify({ error: err.message }) };
    throw err;
  }
}

function write(text: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
