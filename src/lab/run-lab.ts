import { spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Policy } from '../model/policy.js';
import { simulator } from '../sim/simulator.js';
import { labHosts, routerAddresses, type LabHost } from './hosts.js';
import { labPlan, LabRefusal } from './lab-policy.js';
import { buildLab, loadRuleset, newLab, startAgent, teardown, type Lab } from './netns.js';
import { probeKinds, probePlan, type Probe, type ProbeKind } from './probes.js';

export interface LabOptions {
  point?: string | undefined;
  keep: boolean;
  /** Load this ruleset instead of the compiled one (a hand-edited file: proves the lab can fail). */
  ruleset?: string | undefined;
  timeoutMs: number;
}

export interface LabResult {
  point: string;
  labId: string;
  hosts: LabHost[];
  kinds: ProbeKind[];
  probes: (Probe & { actual: boolean })[];
  agree: number;
  disagree: number;
  seconds: number;
}

const AGENT = fileURLToPath(new URL('./agent.js', import.meta.url));

/** Root, `ip`, `nft` and `ping`; otherwise one line naming what is missing. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') return ['Linux'];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const tool of ['ip', 'nft', 'ping']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) missing.push(`the ${tool} command`);
  }
  return missing;
}

function log(text: string): void {
  process.stderr.write(`wardline lab: ${text}\n`);
}

function waitFor(child: ChildProcess, onLine: (line: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let err = '';
    let settled = false;
    child.stderr!.on('data', (d) => (err += d.toString()));
    child.stdout!.on('data', (d) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!settled && onLine(line)) {
          settled = true;
          resolve();
        }
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`lab agent stopped (exit ${code}): ${err.trim().split('\n').slice(-2).join('; ')}`));
    });
  });
}

/** Builds the lab, probes every connection, compares with the simulator, and always removes the lab (unless `keep`). */
export async function runLab(original: Policy, opts: LabOptions): Promise<LabResult> {
  const started = Date.now();
  const plan = labPlan(original, opts.point);
  if (plan.limits.length > 0) {
    throw new LabRefusal(`the nftables target cannot express this policy: ${plan.limits.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new LabRefusal(`wardline lab needs ${missing.join(', ')} (missing on this machine)`);
  const hosts = labHosts(plan.policy, plan.zones);
  const kinds = probeKinds(plan.policy);
  const isolated = new Set(plan.zones.filter((z) => z.isolation).map((z) => z.name));
  const probes = probePlan(simulator(plan.policy), hosts, kinds, isolated);
  const lab = newLab(plan.zones);
  const cleanup = () => teardown(lab);
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    log(`interrupted by ${signal}; the lab is removed`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', cleanup);
  try {
    log(`run ${lab.id}: ${plan.zones.length} zone namespaces and a router (${plan.point}), ${hosts.length} hosts`);
    buildLab(lab, plan.zones, hosts, routerAddresses(plan.zones));
    loadRuleset(lab, opts.ruleset ?? plan.ruleset);
    const tcp = kinds.filter((k) => k.proto === 'tcp').map((k) => k.port);
    const udp = kinds.filter((k) => k.proto === 'udp').map((k) => k.port);
    await Promise.all(
      [...lab.zoneNs].map(([zone, ns]) => {
        const addresses = hosts.filter((h) => h.zone === zone).map((h) => h.address);
        return waitFor(startAgent(lab, ns, AGENT, 'serve', { tcp, udp, addresses }), (l) => l === 'ready');
      }),
    );
    const actual = await probeAll(lab, probes, opts.timeoutMs);
    const results = probes.map((p, i) => ({ ...p, actual: actual[i]! }));
    const disagree = results.filter((r) => r.actual !== r.expected).length;
    if (opts.keep) keepMessage(lab);
    return {
      point: plan.point,
      labId: lab.id,
      hosts,
      kinds,
      probes: results,
      agree: results.length - disagree,
      disagree,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', cleanup);
    if (!opts.keep) cleanup();
    else for (const a of lab.agents) a.kill('SIGKILL');
  }
}

async function probeAll(lab: Lab, probes: Probe[], timeoutMs: number): Promise<boolean[]> {
  const verdicts = new Array<boolean>(probes.length);
  const done = new Map<string, number>();
  let lastShown = 0;
  const show = (force: boolean) => {
    const total = [...done.values()].reduce((a, b) => a + b, 0);
    if (force || Date.now() - lastShown > 1000) {
      lastShown = Date.now();
      log(`probed ${total} of ${probes.length}`);
    }
  };
  // Two namespaces probe at a time (the machine's cores), so no agent is starved into false timeouts.
  await inTurns([...lab.zoneNs], 2, async ([zone, ns]) => {
      const mine = probes.map((p, i) => ({ p, i })).filter(({ p }) => p.src.zone === zone);
      if (mine.length === 0) return;
      const job = {
        timeoutMs,
        probes: mine.map(({ p }) => ({ src: p.src.address, dst: p.dst.address, proto: p.kind.proto, port: p.kind.port })),
      };
      const child = startAgent(lab, ns, AGENT, 'probe', job);
      await waitFor(child, (line) => {
        if (line.startsWith('progress ')) {
          done.set(zone, Number(line.slice(9)));
          show(false);
          return false;
        }
        if (!line.startsWith('result ')) return false;
        const got = JSON.parse(line.slice(7)) as boolean[];
        mine.forEach(({ i }, k) => (verdicts[i] = got[k]!));
        done.set(zone, mine.length);
        return true;
      });
  });
  show(true);
  return verdicts;
}

async function inTurns<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function keepMessage(lab: Lab): void {
  log(`--keep: the lab ${lab.id} stays up. Enter it with: ip netns exec ${lab.router} bash  (zones: ${[...lab.zoneNs.values()].join(' ')})`);
  log(`remove it with: for ns in ${lab.created.join(' ')}; do ip netns del $ns; done`);
  lab.created.length = 0;
}
