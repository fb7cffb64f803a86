// One per lab namespace (`ip netns exec NS node agent.js`), both ends of every connection there; stdin lines are commands:
// first {"tcp": [...], "udp": [...], "addresses": [...]}: listen on every port, check each listener answers, print "ready";
// "probe {"probes": [...], "timeoutMs": n, "parallel": n}": open every connection, print "progress N" lines, then
//   "result " and one letter per probe (o open, r refused, s silent);
// "seen": print "seen " and what reached this namespace's listeners (JSON).
import dgram from 'node:dgram';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { echoAll } from './icmp-prober.js';

export interface AgentProbe {
  src: string;
  dst: string;
  proto: 'tcp' | 'udp' | 'icmp';
  port: number;
}

/** open: answered; refused: a reset or ICMP unreachable came back; silent: nothing came back in time. */
export type Outcome = 'open' | 'refused' | 'silent';
export const OUTCOME_LETTER: Record<Outcome, string> = { open: 'o', refused: 'r', silent: 's' };

interface ServeJob {
  tcp: number[];
  udp: number[];
  /** The namespace's host addresses: a UDP answer must leave from the address it was sent to, or conntrack sees a new flow. */
  addresses: string[];
}

interface ProbeJob {
  probes: AgentProbe[];
  timeoutMs: number;
  /** Connections in flight at once. */
  parallel: number;
}

const PAYLOAD = 'wardline-lab';
/** Errors that are an answer from the network (a reset or an ICMP error), not a local failure. */
const REFUSALS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/** What reached a listener here: `proto src dst port`, for the lab to tell a slow answer from a drop. */
const seen = new Set<string>();

function listenTcp(port: number): Promise<void> {
  const server = net.createServer((s) => {
    // Read the peer before anything else: once the prober has gone, the address is no longer there to read.
    seen.add(`tcp ${plain(s.remoteAddress)} ${plain(s.localAddress)} ${port}`);
    s.on('error', () => undefined);
    s.end('ok');
  });
  return new Promise((res, rej) => server.once('error', rej).listen({ host: '::', port, ipv6Only: false, backlog: 4096 }, res));
}

function listenUdp(address: string, port: number): Promise<void> {
  const sock = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 1 << 22 });
  sock.on('message', (msg, rinfo) => {
    seen.add(`udp ${rinfo.address} ${address} ${port}`);
    sock.send(msg, rinfo.port, rinfo.address);
  });
  return new Promise((res, rej) => sock.once('error', rej).bind({ address, port }, res));
}

/** `::ffff:10.0.0.1` (an IPv4 peer of a dual-stack listener) as `10.0.0.1`. */
function plain(address: string | undefined): string {
  return address?.startsWith('::ffff:') ? address.slice(7) : (address ?? '?');
}

async function serve(job: ServeJob): Promise<void> {
  await Promise.all([...job.tcp.map(listenTcp), ...job.udp.flatMap((port) => job.addresses.map((a) => listenUdp(a, port)))]);
  // Every listener answers from every address of the namespace before the lab sends a probe to it.
  const checks = job.addresses.flatMap((a) => [
    ...job.tcp.map((port) => ({ src: a, dst: a, proto: 'tcp' as const, port })),
    ...job.udp.map((port) => ({ src: a, dst: a, proto: 'udp' as const, port })),
  ]);
  for (let attempt = 0; attempt < 3 && checks.length > 0; attempt++) {
    const outcomes = await pool(checks, 64, (c) => probeSocket(c, 2000));
    const failed = checks.filter((_, i) => outcomes[i] !== 'open');
    checks.splice(0, checks.length, ...failed);
  }
  if (checks.length > 0) {
    const c = checks[0]!;
    process.stdout.write(`fault the ${c.proto}/${c.port} listener on ${c.dst} does not answer inside its own namespace\n`);
    process.exit(1);
  }
  seen.clear();
  process.stdout.write('ready\n');
}

/**
 * Settles once: the first of answer, error and timeout. A timer can fall due in the same turn of the event loop as
 * the answer it waits for (timers run before I/O, and a busy machine makes turns long), so the timeout waits one
 * more turn for I/O before it counts as silence.
 */
function settleOnce(timeoutMs: number, close: () => void, res: (o: Outcome) => void) {
  let settled = false;
  const done = (o: Outcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    close();
    res(o);
  };
  const timer = setTimeout(() => setImmediate(() => done('silent')), timeoutMs);
  const fail = (err: NodeJS.ErrnoException) => done(REFUSALS.has(err.code ?? '') ? 'refused' : 'silent');
  return { done, fail };
}

function probeSocket(p: AgentProbe, timeoutMs: number): Promise<Outcome> {
  return new Promise((res) => {
    if (p.proto === 'tcp') {
      const s = net.connect({ host: p.dst, port: p.port, localAddress: p.src });
      const { done, fail } = settleOnce(timeoutMs, () => s.destroy(), res);
      // The handshake is the verdict: the SYN went through and its SYN-ACK came back by connection state.
      s.on('connect', () => done('open'));
      s.on('error', fail);
      return;
    }
    const sock = dgram.createSocket(p.dst.includes(':') ? 'udp6' : 'udp4');
    const { done, fail } = settleOnce(timeoutMs, () => sock.close(), res);
    sock.on('error', fail);
    sock.on('message', (msg) => msg.toString() === PAYLOAD && done('open'));
    // A connected socket hears ICMP port unreachable as ECONNREFUSED.
    sock.bind({ address: p.src, port: 0 }, () => sock.connect(p.port, p.dst, () => sock.send(PAYLOAD, (err) => err && fail(err))));
  });
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function probe(job: ProbeJob): Promise<void> {
  const indexed = job.probes.map((p, i) => ({ p, i }));
  const outcomes = new Array<Outcome>(job.probes.length);
  let finished = 0;
  const record = (i: number, o: Outcome) => {
    outcomes[i] = o;
    if (++finished % 100 === 0) process.stdout.write(`progress ${finished}\n`);
  };
  const sockets = indexed.filter(({ p }) => p.proto !== 'icmp');
  const pings = indexed.filter(({ p }) => p.proto === 'icmp');
  await Promise.all([
    pool(sockets, job.parallel, async ({ p, i }) => record(i, await probeSocket(p, job.timeoutMs))),
    echoAll(pings.map(({ p }) => [p.src, p.dst]), job.timeoutMs).then((got) => got.forEach((o, k) => record(pings[k]!.i, o))),
  ]);
  process.stdout.write(`result ${outcomes.map((o) => OUTCOME_LETTER[o] ?? 's').join('')}\n`);
}

// ICMP echo goes through ping sockets, which the kernel offers only to the groups in this range (none by default).
writeFileSync('/proc/sys/net/ipv4/ping_group_range', '0 2147483647');
const commands = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const first = await commands.next();
if (!first.done) await serve(JSON.parse(first.value) as ServeJob);
for await (const line of commands) {
  if (line.startsWith('probe ')) await probe(JSON.parse(line.slice(6)) as ProbeJob);
  else if (line === 'seen') process.stdout.write(`seen ${JSON.stringify([...seen])}\n`);
  else process.stdout.write(`fault unknown command ${line.slice(0, 40)}\n`);
}
// The lab closed our stdin (or went away): the listeners would keep this process alive for nothing.
process.exit(0);
