import { randomBytes } from 'node:crypto';
import { execa, execaSync, type ResultPromise } from 'execa';
import type { Zone } from '../model/policy.js';
import { formatPrefix } from '../net/address.js';
import { seatOf, seatsOf, type LabHost, type RouterAddress } from './hosts.js';
import { labInterface } from './lab-policy.js';

/** The namespaces of one run; every name carries the run id, so two labs never collide. */
export interface Lab {
  id: string;
  router: string;
  /** Namespace of each zone (of each subnet of a zone with several: `seatOf`), by seat. */
  zoneNs: Map<string, string>;
  /** Every namespace created so far, for teardown. */
  created: string[];
  agents: Set<Agent>;
}

/** A lab agent runs until killed: its lines are read as they come (never buffered), a kill is no error. */
const AGENT = { buffer: false, reject: false } as const;
export type Agent = ResultPromise<typeof AGENT>;

export function newLab(zones: Zone[]): Lab {
  const id = randomBytes(3).toString('hex');
  return {
    id,
    router: `wl-${id}-router`,
    zoneNs: new Map(seatsOf(zones).map((seat, i) => [seat, `wl-${id}-z${i}`])),
    created: [],
    agents: new Set(),
  };
}

function run(args: string[], input?: string): void {
  const r = execaSync(args[0]!, args.slice(1), { input, reject: false });
  if (r.failed) {
    const why = r.exitCode === undefined ? String(r.originalMessage) : (r.stderr || r.stdout).trim().split('\n').slice(0, 3).join('; ');
    throw new Error(`${args.slice(0, 4).join(' ')} failed: ${why}`);
  }
}

/** `ip -batch` lines, fed to `ip` by the build script (a here-document each). */
function batch(ns: string | undefined, lines: string[]): string {
  return `ip ${ns ? `-n ${ns} ` : ''}-batch - <<'EOF'\n${lines.join('\n')}\nEOF`;
}

/** The router forwards; zone namespaces need nothing (addresses skip DAD, nothing sends router advertisements). */
const SYSCTL_ROUTER = ['net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0'];

/**
 * One router namespace, one namespace per zone, a veth pair between each zone and the router (created directly in
 * the two namespaces, never in the host's). Zone namespaces route only the other zones' subnets, via the router;
 * the router knows only its connected subnets, so no lab route leads out of the lab. One shell runs it all: a
 * process per command would cost more than the rest of the build.
 */
export function buildLab(lab: Lab, zones: Zone[], hosts: LabHost[], routers: RouterAddress[]): void {
  const all = [lab.router, ...lab.zoneNs.values()];
  lab.created.push(...all);
  const script = ['set -e', batch(undefined, all.map((ns) => `netns add ${ns}`))];
  script.push(`ip netns exec ${lab.router} sysctl -q -w ${SYSCTL_ROUTER.join(' ')}`);
  const routerLines = ['link set lo up'];
  const zoneScripts: string[] = [];
  const subnets = zones.flatMap((z) => z.subnets.map((s) => ({ seat: seatOf(z, s.prefix), prefix: s.prefix })));
  [...lab.zoneNs].forEach(([seat, ns], i) => {
    const up = `wl${lab.id}z${i}`;
    // Named in the router's namespace, where only this lab's interfaces are: the ruleset names them by zone.
    const zone = zones.findIndex((z) => seatsOf([z]).includes(seat));
    const down = `${labInterface(zone)}${seatsOf([zones[zone]!]).indexOf(seat)}`;
    routerLines.push(`link add ${down} type veth peer name ${up} netns ${ns}`);
    routerLines.push(...routers.filter((r) => r.seat === seat).map((r) => `addr add ${r.address}/${r.length} dev ${down} nodad`), `link set ${down} up`);
    const gateway = { 4: routers.find((r) => r.seat === seat && r.family === 4), 6: routers.find((r) => r.seat === seat && r.family === 6) };
    const lines = ['link set lo up', ...hosts.filter((h) => h.seat === seat).map((h) => `addr add ${h.address}/${h.length} dev ${up} nodad`), `link set ${up} up`];
    // Every other namespace's subnets (the other subnets of this zone too) through the router.
    for (const s of subnets) {
      if (s.seat === seat) continue;
      const gw = gateway[s.prefix.family];
      if (gw) lines.push(`route add ${formatPrefix(s.prefix)} via ${gw.address} dev ${up} onlink`);
    }
    zoneScripts.push(batch(ns, lines));
  });
  script.push(batch(lab.router, routerLines), ...zoneScripts);
  run(['sh', '-c', script.join('\n')]);
}

export function loadRuleset(lab: Lab, ruleset: string): void {
  run(['ip', 'netns', 'exec', lab.router, 'nft', '-f', '-'], ruleset);
}

/** Starts `node agent.js` inside a namespace, its first command (what to listen on) already written to its stdin. */
export function startAgent(lab: Lab, ns: string, agent: string, job: unknown): Agent {
  const child = execa('ip', ['netns', 'exec', ns, 'sh', '-c', 'ulimit -n 16384 2>/dev/null; exec "$0" "$@"', process.execPath, agent], AGENT);
  lab.agents.add(child);
  child.on('exit', () => lab.agents.delete(child));
  child.stdin.on('error', () => undefined);
  child.stdin.write(`${JSON.stringify(job)}\n`);
  return child;
}

/** Stops every agent and deletes every namespace of the run (their veths go with them). Safe to call twice. */
export function teardown(lab: Lab): void {
  for (const a of lab.agents) a.kill('SIGKILL');
  lab.agents.clear();
  const names = lab.created.splice(0).reverse();
  if (names.length > 0) execaSync('ip', ['-force', '-batch', '-'], { input: names.map((ns) => `netns del ${ns}\n`).join(''), stdout: 'ignore', stderr: 'ignore', reject: false });
}
