import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { logFromNamespaces } from '../../src/lab/monitor-log.js';
import type { Lab } from '../../src/lab/netns.js';
import { REPO, wardline } from '../support/cli.js';
import { labAvailable } from './lab-available.js';

/*
 * The staged rollout, end to end, on real tools: traffic between lab namespaces under a monitor-mode ruleset; records
 * from the kernel log (the ruleset's own monitor log lines), from conntrack (events), and NetFlow from softflowd (over
 * a tcpdump capture of the ward's link) collected by nfcapd and printed by nfdump; wardline observe on each; --suggest;
 * the suggested flows make the policy pass check and the lab in enforce mode, with nothing observed left to deny.
 */

const TOOLS = ['conntrack', 'tcpdump', 'softflowd', 'nfcapd', 'nfdump'];
const missing = TOOLS.filter((t) => execaSync('sh', ['-c', `command -v ${t}`], { reject: false }).exitCode !== 0);
const ready = labAvailable.ok && missing.length === 0;
if (!ready && !labAvailable.required) process.stderr.write(`rollout: skipped: needs root, ip, nft, python3 and ${TOOLS.join(', ')} (missing: ${missing.join(', ') || 'root or the lab tools'})\n`);

const work = mkdtempSync(join(tmpdir(), 'wardline-rollout-'));
let namespaces: string[] = [];
afterAll(() => {
  for (const ns of namespaces) execaSync('ip', ['netns', 'del', ns], { reject: false });
  rmSync(work, { recursive: true, force: true });
});

const sh = (script: string) => execaSync('sh', ['-c', script], { reject: false });
const inNs = (ns: string, args: string[]) => execa('ip', ['netns', 'exec', ns, ...args], { reject: false });

/** A TCP and UDP server that answers once per connection or datagram, on the given address:port pairs. */
const SERVER = `
import socket, sys, threading, time
def tcp(a, p):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((a, p)); s.listen()
    while True:
        c, _ = s.accept(); c.recv(100); c.sendall(b'ok'); c.close()
def udp(a, p):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((a, p))
    while True:
        d, x = s.recvfrom(100); s.sendto(b'ok', x)
for spec in sys.argv[1:]:
    kind, a, p = spec.split(':')
    threading.Thread(target=tcp if kind == 'tcp' else udp, args=(a, int(p)), daemon=True).start()
print('ready', flush=True)
time.sleep(60)
`;

/** Connections from one source address, each answered or the test fails. */
const CLIENT = `
import socket, sys
src = sys.argv[1]
for spec in sys.argv[2:]:
    kind, a, p = spec.split(':')
    if kind == 'tcp':
        s = socket.socket(); s.settimeout(3); s.bind((src, 0)); s.connect((a, int(p))); s.sendall(b'hi'); assert s.recv(10) == b'ok'; s.close()
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3); s.bind((src, 0)); s.sendto(b'hi', (a, int(p))); assert s.recvfrom(10)[0] == b'ok'
print('done', flush=True)
`;

/** The namespace that holds an address, among the lab's. */
function nsOf(address: string): string {
  const ns = namespaces.find((n) => sh(`ip -n ${n} -br addr`).stdout.split(/\s+/).some((a) => a.startsWith(`${address}/`)));
  if (!ns) throw new Error(`no lab namespace holds ${address}`);
  return ns;
}

describe.skipIf(!ready && !labAvailable.required)('the rollout loop on real tools', () => {
  it('monitor, observe (kernel log, conntrack, NetFlow), suggest, enforce: nothing observed is denied any more', { timeout: 240_000 }, async () => {
    expect(missing, `missing tools: ${missing.join(', ')}`).toEqual([]);
    const policy = join(work, 'policy');
    cpSync(join(REPO, 'test', 'lab', 'fixtures', 'monitor'), policy, { recursive: true });
    const PUMP = '10.1.0.138';
    const PUMP_SERVER = '10.2.0.20';
    const DC_HOST = '10.2.0.10';

    // 1. The lab under the monitor-mode ruleset, kept up for the traffic.
    const lab = await wardline(['lab', policy, '--keep', '--format', 'json']);
    expect(JSON.parse(lab.stdout).disagree, lab.stderr).toBe(0);
    const id = /the lab ([0-9a-f]{6}) stays up/.exec(lab.stderr)?.[1];
    expect(id, lab.stderr).toBeDefined();
    namespaces = sh('ip netns list').stdout.split('\n').map((l) => l.split(' ')[0]!).filter((n) => n.startsWith(`wl-${id}-`));
    const router = `wl-${id}-router`;
    const wardLink = sh(`ip -n ${router} -br addr`).stdout.split('\n').find((l) => l.includes('10.1.0.254/'))!.split(/[\s@]/)[0]!;
    const macs = new Set([...sh(`ip -n ${router} -o link show`).stdout.matchAll(/link\/ether ([0-9a-f:]{17})/g)].map((m) => m[1]!));

    // 2. Traffic while the kernel log, conntrack and a capture of the ward's link record it. The kernel log already
    //    holds the lab's own probes: only what comes after its last line now is this traffic's.
    const stamp = (line: string) => Number(/^\[\s*(\d+\.\d+)\]/.exec(line)?.[1] ?? 0);
    const since = Math.max(0, ...sh('dmesg').stdout.split('\n').map(stamp));
    const restoreLogging = logFromNamespaces({ id: `rollout-${id}` } as Lab);
    const children: ResultPromise[] = [];
    let followedLog = '';
    try {
      // The kernel log read as it is written: other labs running meanwhile log their drops too (namespace logging
      // is on for them while it is for us), and a flood of theirs can push ours out of the ring buffer before a read.
      const kernelLog = execa('dmesg', ['--follow-new'], { reject: false });
      children.push(kernelLog);
      const conntrack = inNs(router, ['conntrack', '-E', '-o', 'timestamp,extended']);
      const capture = inNs(router, ['tcpdump', '-i', wardLink, '-U', '-n', '-w', join(work, 'ward.pcap')]);
      const server = inNs(nsOf(PUMP_SERVER), ['python3', '-c', SERVER, `tcp:${PUMP_SERVER}:8443`, `tcp:${PUMP_SERVER}:443`, `udp:${DC_HOST}:514`]);
      children.push(conntrack, capture, server);
      await new Promise((r) => setTimeout(r, 1500));
      // pumps -> pump-server tcp/8443 and dc udp/514: monitor mode passes them (the ward's default would deny);
      // pumps -> pump-server https: the flow allows it.
      const client = await inNs(nsOf(PUMP), ['python3', '-c', CLIENT, PUMP, `tcp:${PUMP_SERVER}:8443`, `tcp:${PUMP_SERVER}:443`, `udp:${DC_HOST}:514`, `tcp:${PUMP_SERVER}:8443`]);
      expect(client.stdout, String(client.stderr)).toContain('done');
      await new Promise((r) => setTimeout(r, 1000));
      for (const c of children) c.kill('SIGTERM');
      const [followed, ct] = await Promise.all(children);
      writeFileSync(join(work, 'conntrack.log'), String(ct!.stdout));
      followedLog = String(followed!.stdout);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      restoreLogging();
    }
    // This lab's monitor lines only (other labs may log meanwhile): the router's MAC addresses say whose they are.
    const kernel = followedLog.split('\n').filter((l) => stamp(l) > since && l.includes('wlmon-') && [...macs].some((m) => l.includes(`MAC=${m}`)));
    writeFileSync(join(work, 'kernel.log'), `${kernel.join('\n')}\n`);

    // 3. NetFlow: softflowd over the capture, exported to nfcapd on loopback (a port of this run), printed by nfdump
    //    with -B (both directions of a connection as one record, its direction guessed by port).
    const port = 20_000 + Number.parseInt(id!, 16) % 20_000;
    const nf = join(work, 'nf');
    sh(`mkdir -p ${nf}`);
    const collector = execa('nfcapd', ['-p', String(port), '-b', '127.0.0.1', '-w', nf], { reject: false });
    await new Promise((r) => setTimeout(r, 500));
    const exported = sh(`softflowd -r ${join(work, 'ward.pcap')} -n 127.0.0.1:${port} -v 9 -A milli -c none -d`);
    expect(exported.exitCode, String(exported.stderr)).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    collector.kill('SIGTERM');
    await collector;
    const netflow = sh(`nfdump -R ${nf} -B -o csv`);
    expect(netflow.exitCode, String(netflow.stderr)).toBe(0);
    writeFileSync(join(work, 'netflow.csv'), String(netflow.stdout));
    for (const ns of namespaces) execaSync('ip', ['netns', 'del', ns], { reject: false });
    namespaces = [];

    // 4. Each source says the same: two blockers from the ward, the https flow used.
    type Doc = { wouldDeny: { from: string; to: string; service: string; logged?: { marker: string; intent: string | null } | null }[]; allowed: { from: string; to: string; service: string }[] };
    const row = (r: { from: string; to: string; service: string }) => `${r.from} -> ${r.to} ${r.service}`;
    for (const [file, format] of [['kernel.log', 'kernel-log'], ['conntrack.log', 'conntrack'], ['netflow.csv', 'nfdump-csv']] as const) {
      const r = await wardline(['observe', policy, join(work, file), '--format', 'json']);
      expect(r.exitCode, `${file}: ${r.stderr}`).toBe(1);
      const doc = JSON.parse(r.stdout) as Doc;
      expect(doc.wouldDeny.map(row).sort(), file).toEqual(['pumps -> dc syslog', 'pumps -> pump-server tcp/8443']);
      if (format !== 'kernel-log') expect(doc.allowed.map(row), file).toContain('pumps -> pump-server https');
    }
    const logged = JSON.parse((await wardline(['observe', policy, join(work, 'kernel.log'), '--format', 'json'])).stdout) as { markers: { marker: string; intent: string | null }[] };
    expect(logged.markers.map((m) => m.intent)).toEqual(['default:ward']);

    // 5. Suggest, review (the file as written), enforce.
    const suggested = join(policy, 'observed-flows.yaml');
    const suggest = await wardline(['observe', policy, join(work, 'kernel.log'), join(work, 'conntrack.log'), join(work, 'netflow.csv'), '--suggest', '-o', suggested]);
    expect(suggest.exitCode, suggest.stderr).toBe(1);
    expect(readFileSync(suggested, 'utf8')).toMatch(/from: pumps\n\s+to: pump-server\n\s+services: \[tcp\/8443\]/);
    const text = readFileSync(join(policy, 'policy.yaml'), 'utf8');
    writeFileSync(join(policy, 'policy.yaml'), text.replace(', mode: monitor', ''));
    const check = await wardline(['check', policy]);
    expect(check.exitCode, check.stdout).toBe(0);
    const enforced = await wardline(['lab', policy, '--format', 'json']);
    const doc = JSON.parse(enforced.stdout) as { disagree: number; probes: { probe: string; from: string; to: string; kernel: string }[]; monitorLog?: unknown };
    expect(doc.disagree, enforced.stderr).toBe(0);
    expect(doc.monitorLog).toBeUndefined();
    expect(doc.probes.find((p) => p.probe === 'tcp/8443' && p.from === 'pumps' && p.to === 'pump-server')?.kernel).toBe('allowed');
    expect(doc.probes.find((p) => p.probe === 'tcp/8443' && p.from === 'ward' && p.to === 'pump-server')?.kernel).toBe('blocked');
    for (const file of ['kernel.log', 'conntrack.log', 'netflow.csv']) {
      const again = await wardline(['observe', policy, join(work, file), '--format', 'json']);
      expect(again.exitCode, `${file}: ${again.stdout}`).toBe(0);
      expect((JSON.parse(again.stdout) as Doc).wouldDeny).toEqual([]);
    }
  });
});
