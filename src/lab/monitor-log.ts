import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execa, execaSync } from 'execa';
import { findMonitorMarker } from '../model/monitor-marker.js';
import { isMonitoredGuardrail, monitoredZones } from '../model/monitor.js';
import type { Policy } from '../model/policy.js';
import { ICMP, ICMPV6, TCP, UDP } from '../net/service.js';
import { connectionVerdict, atomAt } from '../sim/connection-verdict.js';
import type { Simulator } from '../sim/simulator.js';
import type { Lab } from './netns.js';
import type { Probe } from './probes.js';

/*
 * Monitor mode on the kernel: a probe the policy would deny but monitor mode passes must leave exactly one kernel log
 * record (per attempt) carrying the marker of what would have denied it, and no other probe any. nftables' `log` in a
 * network namespace reaches the kernel log only while net.netfilter.nf_log_all_netns is 1.
 */

const SYSCTL = '/proc/sys/net/netfilter/nf_log_all_netns';
/** One file per lab that needs the setting; the first remembers the value to restore, the last restores it. */
const USERS = '/run/wardline-lab-nflog';

export function policyMonitors(policy: Policy): boolean {
  return monitoredZones(policy).length > 0 || policy.guardrails.some(isMonitoredGuardrail);
}

/** Turns namespace logging on for this lab; the returned function turns it back once no other lab needs it. */
export function logFromNamespaces(lab: Lab): () => void {
  mkdirSync(USERS, { recursive: true });
  const others = readdirSync(USERS).filter((f) => f !== 'original');
  if (others.length === 0) writeFileSync(`${USERS}/original`, readFileSync(SYSCTL, 'utf8').trim());
  writeFileSync(`${USERS}/${lab.id}`, '');
  writeFileSync(SYSCTL, '1');
  return () => {
    rmSync(`${USERS}/${lab.id}`, { force: true });
    if (readdirSync(USERS).some((f) => f !== 'original')) return;
    let original = '0';
    try {
      original = readFileSync(`${USERS}/original`, 'utf8').trim() || '0';
    } catch {
      // another lab restored it already
    }
    writeFileSync(SYSCTL, original);
    rmSync(USERS, { recursive: true, force: true });
  };
}

/**
 * The kernel log from now on, read as it is written: other labs on the machine log their drops meanwhile (namespace
 * logging is global), and their flood could push this lab's records out of the ring buffer before a later read.
 * `stop` gives what was written; where the log cannot be followed, what the ring buffer still holds.
 */
export function followKernelLog(): { stop: () => Promise<string> } {
  const child = execa('dmesg', ['--follow-new'], { reject: false, maxBuffer: 256 * 1024 * 1024 });
  return {
    async stop() {
      // Records of the last probes may still be on their way to the log.
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      const r = await child;
      return r.isTerminated ? String(r.stdout) : String(execaSync('dmesg', [], { reject: false, maxBuffer: 256 * 1024 * 1024 }).stdout);
    },
  };
}

/** What the kernel logged for one probe, against what the simulator says it should. */
export interface MonitorLogCheck {
  probe: Probe;
  /** The marker the simulator names for this probe (monitored), or null (not monitored: nothing to log). */
  expected: string | null;
  /** The markers of the kernel's records for it, one per record. */
  records: string[];
  attempts: number;
  agree: boolean;
}

interface LogRecord {
  marker: string;
  src: string;
  dst: string;
  proto: string;
  port: string;
}

/** The router's interface MAC addresses: a record whose destination MAC is one of them is this lab's. */
function routerMacs(lab: Lab): Set<string> {
  const out = execaSync('ip', ['-n', lab.router, '-o', 'link', 'show'], { reject: false }).stdout;
  return new Set([...String(out).matchAll(/link\/ether ([0-9a-f:]{17})/g)].map((m) => m[1]!));
}

function records(lab: Lab, text: string): LogRecord[] {
  const macs = routerMacs(lab);
  const out: LogRecord[] = [];
  for (const line of text.split('\n')) {
    const marker = findMonitorMarker(line);
    if (!marker) continue;
    const mac = / MAC=([0-9a-f:]{17})/.exec(line)?.[1];
    if (!mac || !macs.has(mac)) continue;
    const field = (name: string) => new RegExp(` ${name}=(\\S+)`).exec(line)?.[1] ?? '';
    const proto = field('PROTO');
    const port = proto === 'TCP' || proto === 'UDP' ? field('DPT') : field('TYPE');
    out.push({ marker, src: field('SRC'), dst: field('DST'), proto, port });
  }
  return out;
}

const PROTO_NAME: Record<number, string> = { [TCP]: 'TCP', [UDP]: 'UDP', [ICMP]: 'ICMP', [ICMPV6]: 'ICMPv6' };

/** The kernel's records for every probe, against the simulator's marker for it. */
export function checkMonitorLog(lab: Lab, sim: Simulator, probes: readonly (Probe & { reprobed: boolean })[], log: string): MonitorLogCheck[] {
  const byProbe = new Map<string, string[]>();
  // The kernel prints addresses in its own forms (IPv6 in full, lower case); hosts' keys identify them.
  const norm = (a: string) => a.toLowerCase().replace(/(^|:)0+(?=[0-9a-f])/g, '$1');
  for (const r of records(lab, log)) {
    const key = `${norm(r.src)}|${norm(r.dst)}|${r.proto}|${r.port}`;
    byProbe.set(key, [...(byProbe.get(key) ?? []), r.marker]);
  }
  return probes.map((probe) => {
    const family = probe.src.family;
    const proto = probe.kind.proto === 'tcp' ? TCP : probe.kind.proto === 'udp' ? UDP : family === 4 ? ICMP : ICMPV6;
    const port = probe.kind.proto === 'icmp' ? (family === 4 ? 8 : 128) * 256 : probe.kind.port;
    const { engine } = sim;
    const verdict = connectionVerdict(engine, atomAt(engine, probe.src.key), atomAt(engine, probe.dst.key), proto, port, '');
    const expected = verdict.monitored ? (verdict.decidedBy.find((d) => d.monitor)?.monitor ?? null) : null;
    const shown = probe.kind.proto === 'icmp' ? String(port >> 8) : String(port);
    const found = byProbe.get(`${norm(fullAddress(probe.src.address))}|${norm(fullAddress(probe.dst.address))}|${PROTO_NAME[proto]}|${shown}`) ?? [];
    const attempts = probe.reprobed ? 2 : 1;
    // One record per attempt: the second look of a re-probed connection logs again.
    const agree = expected === null ? found.length === 0 : found.length >= 1 && found.length <= attempts && found.every((m) => m === expected);
    return { probe, expected, records: found, attempts, agree };
  });
}

/** An IPv6 address in the kernel log's form (eight groups); IPv4 as it is. */
function fullAddress(address: string): string {
  if (!address.includes(':')) return address;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].join(':');
}
