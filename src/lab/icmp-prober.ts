// Not execa: this runs inside every lab agent (one per zone namespace); importing execa there took lab.property.test from 20 to 28 s of CPU.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * ICMP echo for a whole zone from one python3 process through Linux ping sockets (Node has no ICMP sockets, and a
 * `ping` process per pair cost more CPU than every TCP and UDP probe together). Job on stdin: {"pings": [[src, dst],
 * ...], "timeoutMs": n}; prints "result " and one letter per ping: o answered, r ICMP error, s silent.
 */
const PROBER = String.raw`
import json, selectors, socket, struct, sys, time
job = json.loads(sys.stdin.readline())
pings, wait = job["pings"], job["timeoutMs"] / 1000.0
out = ["s"] * len(pings)
sel = selectors.DefaultSelector()
for k, (src, dst) in enumerate(pings):
    v6 = ":" in dst
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    s.setblocking(False)
    try:
        s.bind((src, 0))
        s.sendto(struct.pack("!BBHHH", 128 if v6 else 8, 0, 0, 0, k & 0xFFFF) + b"wardline-lab", (dst, 0))
    except OSError:
        out[k] = "r"
        s.close()
        continue
    sel.register(s, selectors.EVENT_READ, k)
deadline = time.monotonic() + wait
while sel.get_map():
    # After the deadline, one more look without waiting: answers that arrived while this process was starved count.
    events = sel.select(max(0.0, deadline - time.monotonic()))
    for key, _ in events:
        try:
            data = key.fileobj.recv(2048)
            if data[0] not in (0, 129):
                continue
            out[key.data] = "o"
        except OSError:
            out[key.data] = "r"
        sel.unregister(key.fileobj)
        key.fileobj.close()
    if time.monotonic() >= deadline and not events:
        break
print("result " + "".join(out), flush=True)
`;

export type EchoOutcome = 'open' | 'refused' | 'silent';
const LETTERS: Record<string, EchoOutcome> = { o: 'open', r: 'refused', s: 'silent' };

/** Echoes every (source, destination) pair at once; the outcomes in the order given. */
export function echoAll(pairs: [string, string][], timeoutMs: number): Promise<EchoOutcome[]> {
  if (pairs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', PROBER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    let result: string | undefined;
    child.stderr!.on('data', (d) => (err = (err + d.toString()).slice(-2000)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('result ')) result = line.slice(7);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (result === undefined || result.length !== pairs.length) reject(new Error(`ICMP prober stopped (exit ${code}): ${err.trim().split('\n').slice(-1)[0] ?? ''}`));
      else resolve([...result].map((c) => LETTERS[c] ?? 'silent'));
    });
    child.stdin!.end(`${JSON.stringify({ pings: pairs, timeoutMs })}\n`);
  });
}
