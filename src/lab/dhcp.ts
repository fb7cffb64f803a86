import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync, type ResultPromise } from 'execa';
import { relayServers } from '../model/infrastructure.js';
import type { AddressPlan } from '../model/address-plan.js';
import type { Zone } from '../model/policy.js';
import { formatKey, parseAddress, addressKey, prefixBounds } from '../net/address.js';
import type { Simulator } from '../sim/simulator.js';
import type { LabHost } from './hosts.js';
import type { Lab } from './netns.js';
import { routerAddresses, seatsOf } from './hosts.js';

/** One zone's DHCP through its gateway's relay, as a real client asks it. */
export interface DhcpProbe {
  zone: string;
  server: string;
  /** The simulator's word: the zone's gateway relays its clients' DHCP (its link infrastructure answers them). */
  expected: boolean;
  /** A lease came back to the client. */
  actual: boolean;
  /** The address leased, or why there is none. */
  detail: string;
}

/** The Debian programs the DHCP probes run (dnsmasq serves and relays, isc-dhcp-client asks). */
export const DHCP_TOOLS = ['dnsmasq', 'dhclient'];

export function missingDhcpTools(): string[] {
  return DHCP_TOOLS.filter((t) => execaSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore', reject: false }).exitCode !== 0);
}

interface Relayed {
  zone: Zone;
  zoneIndex: number;
  server: LabHost;
}

/** Zones whose gateway relays IPv4 DHCP to a server the lab has a host for (the server's zone is in the lab too). */
export function relayedZones(plan: AddressPlan, zones: Zone[], hosts: LabHost[]): Relayed[] {
  const out: Relayed[] = [];
  zones.forEach((zone, zoneIndex) => {
    if (!zone.subnets.some((s) => s.prefix.family === 4)) return;
    const servers = relayServers(plan, zone);
    if ('problem' in servers) return;
    const v4 = servers.find((s) => s.family === 4)?.addresses ?? [];
    const server = hosts.find((h) => v4.includes(h.address));
    if (server) out.push({ zone, zoneIndex, server });
  });
  return out;
}

/**
 * Every relayed zone's client asks for a lease at once: dnsmasq answers from the server's namespace (a range in each
 * client zone's first IPv4 subnet), a dnsmasq in the router relays from the zones' gateways to the servers, and
 * dhclient broadcasts from each zone's namespace (its lease is not applied). The router's ruleset decides.
 */
export async function probeDhcp(lab: Lab, plan: AddressPlan, sim: Simulator, zones: Zone[], hosts: LabHost[], timeoutMs = 8_000): Promise<DhcpProbe[]> {
  const routers = routerAddresses(zones);
  const relayed = relayedZones(plan, zones, hosts);
  if (relayed.length === 0) return [];
  const work = mkdtempSync(join(tmpdir(), `wardline-lab-dhcp-${lab.id}-`));
  const children: Daemon[] = [];
  const start = (ns: string, args: string[]): Daemon => {
    const child = execa('ip', ['netns', 'exec', ns, ...args], DAEMON);
    children.push(child);
    return child;
  };
  try {
    // One dnsmasq per server namespace, with a range in each client zone it serves.
    const byServer = new Map<string, Relayed[]>();
    for (const r of relayed) byServer.set(r.server.address, [...(byServer.get(r.server.address) ?? []), r]);
    [...byServer].forEach(([address, clients], n) => {
      const ranges = clients.map(({ zone }) => {
        const subnet = zone.subnets.find((s) => s.prefix.family === 4)!.prefix;
        const [lo, hi] = prefixBounds(subnet);
        const mask = formatKey(addressKey(4, ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - subnet.length)) - 1n)));
        return `--dhcp-range=${formatKey(lo + (hi - lo) / 2n)},${formatKey(hi - 1n)},${mask},2m`;
      });
      start(lab.zoneNs.get(clients[0]!.server.seat)!, [
        'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--port=0', '--no-ping', '--bind-interfaces', '--user=root',
        `--listen-address=${address}`, ...ranges, `--dhcp-leasefile=${join(work, `leases-${n}`)}`, `--pid-file=${join(work, `dnsmasq-${n}.pid`)}`, '--log-facility=-',
      ]);
    });
    // One relay for every relayed zone, in the router: dnsmasq's relay reads UDP sockets, so the router's input rules
    // decide what reaches it (ISC dhcrelay reads packet sockets, which netfilter never filters: see docs/infrastructure.md).
    const giaddr = (zone: Zone) => routers.find((r) => r.zone === zone.name && r.family === 4)!.address;
    start(lab.router, [
      'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--port=0', '--user=root', '--log-facility=-',
      `--pid-file=${join(work, 'relay.pid')}`, ...relayed.map((r) => `--dhcp-relay=${giaddr(r.zone)},${r.server.address}`),
    ]);
    await settle(500);
    writeFileSync(join(work, 'dhclient.conf'), 'timeout 6;\nretry 1;\ninitial-interval 1;\n');
    const seatNs = [...lab.zoneNs.keys()];
    const asks = relayed.map((r) => {
      const seat = seatsOf([r.zone])[0]!;
      const iface = `wl${lab.id}z${seatNs.indexOf(seat)}`;
      const client = start(lab.zoneNs.get(seat)!, [
        'dhclient', '-4', '-d', '-v', '-cf', join(work, 'dhclient.conf'), '-lf', join(work, `${r.zone.name}.leases`), '-pf', join(work, `${r.zone.name}.pid`), '-sf', '/bin/true', iface,
      ]);
      return leaseOf(client, timeoutMs);
    });
    const leases = await Promise.all(asks);
    return relayed.map((r, i) => {
      const expected = sim.decideGateway(r.zone.name, { src: key('0.0.0.0'), dst: key('255.255.255.255'), proto: 17, port: 67 }) === 'allow';
      const lease = leases[i];
      return { zone: r.zone.name, server: r.server.address, expected, actual: lease !== undefined, detail: lease ?? `no lease within ${timeoutMs} ms` };
    });
  } finally {
    for (const c of children) c.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** dnsmasq and dhclient run until killed: their output is read as it comes (never buffered), a kill is no error. */
const DAEMON = { stdin: 'ignore', buffer: false, reject: false } as const;
type Daemon = ResultPromise<typeof DAEMON>;

/** dhclient says `bound to 10.1.0.150 -- renewal in …` once a lease came back; undefined when none did in time. */
function leaseOf(client: Daemon, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const done = (lease: string | undefined) => {
      clearTimeout(timer);
      client.kill('SIGKILL');
      resolve(lease);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const bound = /bound to (\S+)/.exec(text);
      if (bound) done(`leased ${bound[1]}`);
    };
    client.stdout.on('data', read);
    client.stderr.on('data', read);
    client.on('exit', () => {
      const bound = /bound to (\S+)/.exec(text);
      done(bound ? `leased ${bound[1]}` : undefined);
    });
  });
}
