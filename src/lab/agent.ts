// Runs inside one lab namespace (`ip netns exec NS node agent.js MODE`), reading its job as JSON on stdin.
// serve: listen on every TCP and UDP port given (dual-stack), answer "ok" / echo; print "ready" once listening.
// probe: open every connection given, in parallel with a timeout; print one JSON array of verdicts.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';

export interface AgentProbe {
  src: string;
  dst: string;
  proto: 'tcp' | 'udp' | 'icmp';
  port: number;
}

interface ServeJob {
  tcp: number[];
  udp: number[];
  /** The namespace's host addresses: a UDP answer must leave from the address it was sent to, or conntrack sees a new flow. */
  addresses: string[];
}

interface ProbeJob {
  probes: AgentProbe[];
  timeoutMs: number;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(job: ServeJob): Promise<void> {
  const listening: Promise<void>[] = [];
  for (const port of job.tcp) {
    const server = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end('ok');
    });
    listening.push(new Promise((res, rej) => server.once('error', rej).listen({ host: '::', port, ipv6Only: false }, res)));
  }
  for (const port of job.udp) {
    for (const address of job.addresses) {
      const sock = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
      sock.on('message', (msg, rinfo) => sock.send(msg, rinfo.port, rinfo.address));
      listening.push(new Promise((res, rej) => sock.once('error', rej).bind({ address, port }, res)));
    }
  }
  await Promise.all(listening);
  process.stdout.write('ready\n');
}

function probeTcp(p: AgentProbe, timeoutMs: number): Promise<boolean> {
  return new Promise((res) => {
    const s = net.connect({ host: p.dst, port: p.port, localAddress: p.src });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      res(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    // The handshake is the verdict: the SYN went through and its SYN-ACK came back by connection state. The router
    // only drops (never resets), so an error is no answer; waiting for the listener's data would only time its CPU.
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

function probeUdp(p: AgentProbe, timeoutMs: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = dgram.createSocket(p.dst.includes(':') ? 'udp6' : 'udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      res(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('error', () => done(false));
    sock.on('message', (msg) => {
      if (msg.toString() === 'wardline-lab') done(true);
    });
    sock.bind({ address: p.src, port: 0 }, () => sock.send('wardline-lab', p.port, p.dst));
  });
}

function probeIcmp(p: AgentProbe, timeoutMs: number): Promise<boolean> {
  return new Promise((res) => {
    const wait = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    const family = p.dst.includes(':') ? '-6' : '-4';
    const child = spawn('ping', [family, '-n', '-q', '-c1', '-W', wait, '-I', p.src, p.dst], { stdio: 'ignore' });
    child.on('error', () => res(false));
    child.on('exit', (code) => res(code === 0));
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

/**
 * A probe that timed out while this process was starved of CPU (its timer fired late) says nothing about the
 * network: it is run again, up to three times, whatever the answer is expected to be.
 */
async function patiently(run: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    const ok = await run();
    if (ok || attempt === 2 || Date.now() - started < timeoutMs + 200) return ok;
  }
}

async function probe(job: ProbeJob): Promise<void> {
  const sockets = job.probes.map((p, i) => ({ p, i })).filter(({ p }) => p.proto !== 'icmp');
  const pings = job.probes.map((p, i) => ({ p, i })).filter(({ p }) => p.proto === 'icmp');
  const verdicts = new Array<boolean>(job.probes.length);
  let finished = 0;
  const tick = () => {
    if (++finished % 50 === 0) process.stdout.write(`progress ${finished}\n`);
  };
  await Promise.all([
    pool(sockets, 400, async ({ p, i }) => {
      verdicts[i] = await patiently(() => (p.proto === 'tcp' ? probeTcp(p, job.timeoutMs) : probeUdp(p, job.timeoutMs)), job.timeoutMs);
      tick();
    }),
    pool(pings, 24, async ({ p, i }) => {
      verdicts[i] = await probeIcmp(p, job.timeoutMs);
      tick();
    }),
  ]);
  process.stdout.write(`result ${JSON.stringify(verdicts)}\n`);
}

const mode = process.argv[2];
const job = JSON.parse(await readStdin());
if (mode === 'serve') await serve(job as ServeJob);
else if (mode === 'probe') await probe(job as ProbeJob);
else {
  process.stderr.write(`agent: unknown mode ${mode}\n`);
  process.exitCode = 2;
}
