import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Zone } from '../model/policy.js';
import { formatPrefix } from '../net/address.js';
import type { LabHost, RouterAddress } from './hosts.js';

/** The namespaces of one run; every name carries the run id, so two labs never collide. */
export interface Lab {
  id: string;
  router: string;
  /** Namespace of each zone, by zone name. */
  zoneNs: Map<string, string>;
  /** Every namespace created so far, for teardown. */
  created: string[];
  agents: Set<ChildProcess>;
}

export function newLab(zones: Zone[]): Lab {
  const id = randomBytes(3).toString('hex');
  return {
    id,
    router: `wl-${id}-router`,
    zoneNs: new Map(zones.map((z, i) => [z.name, `wl-${id}-z${i}`])),
    created: [],
    agents: new Set(),
  };
}

function run(args: string[], input?: string): void {
  const r = spawnSync(args[0]!, args.slice(1), { input, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? (r.stderr || r.stdout).trim().split('\n').slice(0, 3).join('; ');
    throw new Error(`${args.slice(0, 4).join(' ')} failed: ${why}`);
  }
}

/** The commands run inside a namespace; `ip -n NS -batch -` takes them in one process. */
function ipBatch(ns: string, lines: string[]): void {
  run(['ip', '-n', ns, '-batch', '-'], `${lines.join('\n')}\n`);
}

// ping_group_range: ICMP echo goes through ping sockets, which the kernel offers to the groups in this range only.
const SYSCTL_ZONE = ['net.ipv4.ping_group_range=0 2147483647', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0', 'net.ipv6.conf.all.accept_ra=0', 'net.ipv6.conf.default.accept_ra=0'];
const SYSCTL_ROUTER = [...SYSCTL_ZONE, 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1'];

/**
 * One router namespace, one namespace per zone, a veth pair between each zone and the router (created directly in
 * the two namespaces, never in the host's). Zone namespaces route only the other zones' subnets, via the router;
 * the router knows only its connected subnets, so no lab route leads out of the lab.
 */
export function buildLab(lab: Lab, zones: Zone[], hosts: LabHost[], routers: RouterAddress[]): void {
  for (const ns of [lab.router, ...lab.zoneNs.values()]) {
    run(['ip', 'netns', 'add', ns]);
    lab.created.push(ns);
    run(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', ...(ns === lab.router ? SYSCTL_ROUTER : SYSCTL_ZONE)]);
  }
  const routerLines = ['link set lo up'];
  zones.forEach((z, i) => {
    const ns = lab.zoneNs.get(z.name)!;
    const up = `wl${lab.id}z${i}`;
    const down = `wl${lab.id}r${i}`;
    run(['ip', '-n', lab.router, 'link', 'add', down, 'type', 'veth', 'peer', 'name', up, 'netns', ns]);
    routerLines.push(...routers.filter((r) => r.zone === z.name).map((r) => `addr add ${r.address}/${r.length} dev ${down} nodad`), `link set ${down} up`);
    const gateway = { 4: routers.find((r) => r.zone === z.name && r.family === 4), 6: routers.find((r) => r.zone === z.name && r.family === 6) };
    const lines = ['link set lo up', ...hosts.filter((h) => h.zone === z.name).map((h) => `addr add ${h.address}/${h.length} dev ${up} nodad`), `link set ${up} up`];
    for (const other of zones) {
      if (other === z) continue;
      for (const s of other.subnets) {
        const gw = gateway[s.prefix.family];
        if (gw) lines.push(`route add ${formatPrefix(s.prefix)} via ${gw.address} dev ${up} onlink`);
      }
    }
    ipBatch(ns, lines);
  });
  ipBatch(lab.router, routerLines);
}

export function loadRuleset(lab: Lab, ruleset: string): void {
  run(['ip', 'netns', 'exec', lab.router, 'nft', '-f', '-'], ruleset);
}

/** Starts `node agent.js MODE` inside a namespace, its job the first line of stdin; `keepStdin` leaves room for commands. */
export function startAgent(lab: Lab, ns: string, agent: string, mode: string, job: unknown, keepStdin = false): ChildProcess {
  const child = spawn('ip', ['netns', 'exec', ns, 'sh', '-c', 'ulimit -n 16384 2>/dev/null; exec "$0" "$@"', process.execPath, agent, mode], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  lab.agents.add(child);
  child.on('exit', () => lab.agents.delete(child));
  child.stdin!.on('error', () => undefined);
  child.stdin!.write(`${JSON.stringify(job)}\n`);
  if (!keepStdin) child.stdin!.end();
  return child;
}

/** Stops every agent and deletes every namespace of the run (their veths go with them). Safe to call twice. */
export function teardown(lab: Lab): void {
  for (const a of lab.agents) a.kill('SIGKILL');
  lab.agents.clear();
  for (const ns of lab.created.splice(0).reverse()) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}
