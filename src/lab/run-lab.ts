import { fileURLToPath } from 'node:url';
import { execaSync } from 'execa';
import type { Policy } from '../model/policy.js';
import { simulator } from '../sim/simulator.js';
import { buildAddressPlan } from '../model/address-plan.js';
import { isolatedZones, probeIsolation, type IsolationProbe } from './isolation.js';
import { missingDhcpTools, probeDhcp, relayedZones, type DhcpProbe } from './dhcp.js';
import { labHosts, routerAddresses, type LabHost } from './hosts.js';
import { labPlan, LabRefusal } from './lab-policy.js';
import { buildLab, loadRuleset, newLab, startAgent, teardown, type Lab } from './netns.js';
import type { Outcome } from './agent.js';
import { agentLines, collectSeen, probePass, seenKey, type AgentLines } from './probe-run.js';
import { probeKinds, probePlan, type Probe, type ProbeKind } from './probes.js';
import { checkMonitorLog, followKernelLog, logFromNamespaces, policyMonitors, type MonitorLogCheck } from './monitor-log.js';

export interface LabOptions {
  point?: string | undefined;
  keep: boolean;
  /** Load this ruleset instead of the compiled one (a hand-edited file: proves the lab can fail). */
  ruleset?: string | undefined;
  timeoutMs: number;
  /** No progress on stderr (tests running labs side by side). */
  quiet?: boolean | undefined;
  /** Replaces a zone's bridge filter before it is loaded (tests: a broken filter must show). */
  isolationFilter?: ((zone: string, filter: string) => string) | undefined;
}

export interface LabResult {
  point: string;
  labId: string;
  hosts: LabHost[];
  kinds: ProbeKind[];
  probes: (Probe & Observation & { actual: boolean })[];
  agree: number;
  disagree: number;
  /** Probes asked a second time (unanswered although allowed, or heard by their destination). */
  reprobed: number;
  /** Answers the ruleset cannot give: the lab itself is broken (exit 2). */
  faults: string[];
  /** Each relayed zone's DHCP through the router's relay (empty when no zone relays to a lab host, or tools miss). */
  dhcp: DhcpProbe[];
  /** Why the DHCP probes did not run, when they did not. */
  dhcpSkipped?: string;
  /** Between two stations of each isolated zone, on a bridge filtered by its compiled isolation. */
  isolation: IsolationProbe[];
  /** Monitor mode: each probe's kernel log records against the simulator's marker (absent when nothing is monitored). */
  monitorLog?: MonitorLogCheck[];
  seconds: number;
}

const AGENT = fileURLToPath(new URL('./agent.js', import.meta.url));
/** Connections in flight in all in the first pass: most wait out their timeout, so many at once cost little. */
const PARALLEL = 4096;
/** In the second pass, a few at a time (at least 4 per zone): the slow look must not starve itself. */
const REPROBE_PARALLEL = 16;

/** Root, `ip`, `nft` and `python3` (ICMP echo); otherwise one line naming what is missing. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') return ['Linux'];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const tool of ['ip', 'nft', 'python3']) {
    if (execaSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore', reject: false }).exitCode !== 0) missing.push(`the ${tool} command`);
  }
  return missing;
}

function log(text: string): void {
  process.stderr.write(`wardline lab: ${text}\n`);
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
  const sim = simulator(plan.policy);
  const probes = probePlan(sim, hosts, kinds, isolated);
  const lab = newLab(plan.zones);
  const say = opts.quiet ? () => undefined : log;
  const cleanup = () => teardown(lab);
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    log(`interrupted by ${signal}; the lab is removed`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', cleanup);
  let restoreLogging: (() => void) | undefined;
  let kernelLog: { stop: () => Promise<string> } | undefined;
  try {
    say(`run ${lab.id}: ${lab.zoneNs.size} zone namespaces and a router (${plan.point}), ${hosts.length} hosts`);
    buildLab(lab, plan.zones, hosts, routerAddresses(plan.zones));
    loadRuleset(lab, opts.ruleset ?? plan.ruleset);
    if (policyMonitors(plan.policy)) {
      restoreLogging = logFromNamespaces(lab);
      kernelLog = followKernelLog();
    }
    const tcp = kinds.filter((k) => k.proto === 'tcp').map((k) => k.port);
    const udp = kinds.filter((k) => k.proto === 'udp').map((k) => k.port);
    const agents = new Map(
      await Promise.all(
        [...lab.zoneNs].map(async ([seat, ns]) => {
          const addresses = hosts.filter((h) => h.seat === seat).map((h) => h.address);
          const lines = agentLines(startAgent(lab, ns, AGENT, { tcp, udp, addresses }));
          const first = await lines.next((l) => l === 'ready' || l.startsWith('fault '));
          if (first !== 'ready') throw new Error(`lab fault in zone ${seat}: ${first.slice(6)}; the lab is broken, not the ruleset`);
          return [seat, lines] as const;
        }),
      ),
    );
    const observed = await observe(probes, agents, opts.timeoutMs, say);
    const rejects = /\breject\b/.test(opts.ruleset ?? plan.ruleset);
    const faults = observed
      .map((o, i) => ({ o, p: probes[i]! }))
      .filter(({ o }) => o.outcome === 'refused' && !rejects)
      .map(({ p }) => `${p.kind.label} ${p.src.name} ${p.src.address} -> ${p.dst.name} ${p.dst.address} was refused (reset or ICMP unreachable) although the ruleset only drops: a listener or route of the lab is missing`);
    const results = probes.map((p, i) => ({ ...p, ...observed[i]!, actual: observed[i]!.outcome === 'open' }));
    const monitorLog = kernelLog ? checkMonitorLog(lab, sim, results, await kernelLog.stop()) : undefined;
    const missingTools = missingDhcpTools();
    const relaying = relayedZones(buildAddressPlan(plan.policy), plan.zones, hosts).length > 0;
    let dhcp: DhcpProbe[] = [];
    let dhcpSkipped: string | undefined;
    if (!relaying) dhcpSkipped = 'no zone relays DHCP to a server inside the lab';
    else if (missingTools.length > 0) dhcpSkipped = `DHCP probes need ${missingTools.join(', ')} (missing on this machine)`;
    else {
      say('asking for DHCP leases through the router\'s relay');
      dhcp = await probeDhcp(lab, buildAddressPlan(plan.policy), sim, plan.zones, hosts);
    }
    let isolation: IsolationProbe[] = [];
    if (isolatedZones(plan.zones).length > 0) {
      say('sending between two stations of each isolated zone, on a bridge filtered by its compiled isolation');
      isolation = await probeIsolation(lab, plan.policy, (z, p) => sim.decideSwitched(z, p), plan.zones, opts.isolationFilter);
    }
    const disagree =
      results.filter((r) => r.actual !== r.expected).length +
      dhcp.filter((d) => d.actual !== d.expected).length +
      isolation.filter((d) => d.actual !== d.expected).length +
      (monitorLog?.filter((m) => !m.agree).length ?? 0);
    if (opts.keep) keepMessage(lab);
    return {
      point: plan.point,
      labId: lab.id,
      hosts,
      kinds,
      probes: results,
      agree: results.length + dhcp.length + isolation.length + (monitorLog?.length ?? 0) - disagree,
      disagree,
      reprobed: results.filter((r) => r.reprobed).length,
      faults,
      dhcp,
      isolation,
      ...(monitorLog === undefined ? {} : { monitorLog }),
      ...(dhcpSkipped === undefined ? {} : { dhcpSkipped }),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    // Stopped once the log was read; on a fault before that, stopped here (never left following).
    await kernelLog?.stop();
    restoreLogging?.();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', cleanup);
    if (!opts.keep) cleanup();
    else for (const a of lab.agents) a.kill('SIGKILL');
  }
}

/** The outcome of every probe, and whether it was asked twice. */
export interface Observation {
  outcome: Outcome;
  reprobed: boolean;
}

/**
 * Every probe once, quickly and in parallel; then, a few at a time and patiently, every probe whose silence is in
 * doubt: the simulator allows it, or its destination heard it. An answer is proof, a timeout only a hint: a busy
 * machine delays answers, so a disagreement counts only when the second, slower look confirms it.
 */
async function observe(probes: Probe[], agents: ReadonlyMap<string, AgentLines>, timeoutMs: number, say: (text: string) => void): Promise<Observation[]> {
  let lastShown = 0;
  const onProgress = (done: number) => {
    if (Date.now() - lastShown < 1000) return;
    lastShown = Date.now();
    say(`probed ${done} of ${probes.length}`);
  };
  const first = await probePass(agents, probes, { timeoutMs, parallel: PARALLEL, onProgress });
  say(`probed ${probes.length} of ${probes.length}`);
  const heard = await collectSeen(agents);
  const doubtful = probes.map((_, i) => i).filter((i) => first[i] !== 'open' && (probes[i]!.expected || heard.has(seenKey(probes[i]!))));
  const observed = first.map((outcome) => ({ outcome, reprobed: false }));
  if (doubtful.length === 0) return observed;
  const slow = Math.max(3000, 3 * timeoutMs);
  say(`probing ${doubtful.length} unanswered connections again, a few at a time, waiting ${slow} ms for each`);
  const second = await probePass(agents, doubtful.map((i) => probes[i]!), { timeoutMs: slow, parallel: REPROBE_PARALLEL });
  doubtful.forEach((i, k) => (observed[i] = { outcome: second[k]!, reprobed: true }));
  return observed;
}

function keepMessage(lab: Lab): void {
  log(`--keep: the lab ${lab.id} stays up. Enter it with: ip netns exec ${lab.router} bash  (zones: ${[...lab.zoneNs.values()].join(' ')})`);
  log(`remove it with: for ns in ${lab.created.join(' ')}; do ip netns del $ns; done`);
  lab.created.length = 0;
}
