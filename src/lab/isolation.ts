import { execaSync } from 'execa';
import { compilePolicy } from '../compile/compile.js';
import type { AclLine, AddressObject, PortIsolation, ServiceMatch } from '../compile/ir.js';
import type { Policy, Zone } from '../model/policy.js';
import { addressKey, formatKey, parseAddress, prefixBounds } from '../net/address.js';
import { LabRefusal } from './lab-policy.js';
import type { Lab } from './netns.js';

/**
 * Port isolation on a real link (docs/infrastructure.md): for each isolated zone, two stations on a Linux bridge whose
 * nftables bridge filter is the zone's compiled isolation (the IR every switch target renders, written as nftables),
 * each station with an address in the zone's subnet, a 169.254.0.0/16 address and a fe80::/10 address that must pass
 * duplicate address detection. One station sends UDP, TCP and ICMP echo to the other's addresses, to the subnet and
 * limited broadcast and to multicast; what reaches the other is counted on its interface (nftables ingress counters),
 * and must be exactly what the simulator's `decideSwitched` forwards.
 */
export interface IsolationProbe {
  zone: string;
  /** `udp 10.20.0.2 -> 255.255.255.255 port 40404`, `dad fe80::a`. */
  packet: string;
  /** The simulator forwards it between the stations. */
  expected: boolean;
  /** It reached the other station. */
  actual: boolean;
}

/** What one station sends: protocol, source, destination and port (ICMP echo has none). */
interface Send {
  proto: 'udp' | 'tcp' | 'icmp';
  src: string;
  dst: string;
  port: number;
}

const PORT = 40404;

/** The isolated zones among `zones` that the lab can put stations in (an IPv4 subnet with room for two hosts). */
export function isolatedZones(zones: readonly Zone[]): Zone[] {
  return zones.filter((z) => z.isolation && z.subnets.some((s) => s.prefix.family === 4 && s.prefix.length <= 29));
}

/** Each isolated zone's compiled isolation, as a switch routing it gets it (a synthetic cisco-ios point: the IR is shared). */
export function compiledIsolation(policy: Policy, zones: readonly Zone[]): Map<string, { isolation: PortIsolation; objects: AddressObject[] }> {
  let name = 'lab-switch';
  for (let i = 2; policy.enforcementPoints.has(name); i++) name = `lab-switch-${i}`;
  const loc = zones[0]!.loc;
  const wanted = new Set(zones.map((z) => z.name));
  const switched: Policy = {
    ...policy,
    zones: new Map([...policy.zones].map(([n, z]) => [n, wanted.has(n) ? { ...z, via: { value: name, loc } } : z])),
    enforcementPoints: new Map([...policy.enforcementPoints, [name, { kind: 'enforcement-point', name, loc, platform: { value: 'cisco-ios', loc }, mode: 'enforce' }]]),
  };
  const [program] = compilePolicy(switched, new Set([name]));
  if (program?.kind !== 'acl') throw new Error('the lab switch compiled to no switch program');
  const out = new Map<string, { isolation: PortIsolation; objects: AddressObject[] }>();
  for (const i of program.interfaces) if (i.isolation) out.set(i.zone, { isolation: i.isolation, objects: program.objects });
  return out;
}

/** The isolation as an nftables bridge table: its lines in order on the bridge's forward hook, the rest accepted. */
export function bridgeFilter(isolation: PortIsolation, objects: readonly AddressObject[]): string {
  const prefixes = new Map(objects.map((o) => [o.name, o.prefixes]));
  const out = ['table bridge wardline_isolation {', '  chain forward {', '    type filter hook forward priority 0; policy accept;'];
  for (const f of isolation.families) {
    for (const line of f.lines) out.push(`    ${ruleOf(line, prefixes)}`);
  }
  out.push('  }', '}');
  return `${out.join('\n')}\n`;
}

function ruleOf(line: AclLine, prefixes: Map<string, string[]>): string {
  const ip = line.family === 4 ? 'ip' : 'ip6';
  const parts = [`ether type ${ip}`];
  const side = (name: string, dir: 'saddr' | 'daddr') => {
    if (name !== 'any') parts.push(`${ip} ${dir} { ${(prefixes.get(name) ?? []).join(', ')} }`);
  };
  side(line.src, 'saddr');
  side(line.dst, 'daddr');
  parts.push(...serviceMatch(line.family, line.service ?? { proto: 'any' }));
  parts.push('counter', line.action === 'permit' ? 'accept' : 'drop');
  return parts.join(' ');
}

function serviceMatch(family: 4 | 6, s: ServiceMatch): string[] {
  if (s.proto === 'any') return [];
  if (s.icmp) return [`${family === 4 ? 'icmp' : 'icmpv6'} type { ${s.icmp.map((m) => m.type).join(', ')} }`];
  const proto = `meta l4proto ${s.proto}`;
  if (s.ports) return [proto, `th dport { ${s.ports.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(', ')} }`];
  return [proto];
}

const key = (text: string) => {
  const a = parseAddress(text)!;
  return addressKey(a.family, a.value);
};

/** The stations' addresses in one zone: a and b. */
function stations(zone: Zone): { a: string[]; b: string[]; length4: number; subnet4: [bigint, bigint]; v6?: { a: string; b: string; length: number } } {
  const v4 = zone.subnets.find((s) => s.prefix.family === 4 && s.prefix.length <= 29)!.prefix;
  const [lo, hi] = prefixBounds(v4);
  const v6p = zone.subnets.find((s) => s.prefix.family === 6)?.prefix;
  const v6 = v6p ? { a: formatKey(prefixBounds(v6p)[0] + 2n), b: formatKey(prefixBounds(v6p)[0] + 3n), length: v6p.length } : undefined;
  return { a: [formatKey(lo + 2n), '169.254.10.1', 'fe80::a'], b: [formatKey(lo + 3n), '169.254.10.2', 'fe80::b'], length4: v4.length, subnet4: [lo, hi], ...(v6 ? { v6 } : {}) };
}

/** Everything station a sends towards station b, its link's broadcasts and multicast. */
function sendsOf(zone: Zone): Send[] {
  const s = stations(zone);
  const sources4 = [s.a[0]!, '169.254.10.1'];
  const sources6 = ['fe80::a', ...(s.v6 ? [s.v6.a] : [])];
  const unicast4 = [s.b[0]!, '169.254.10.2'];
  const group4 = [formatKey(s.subnet4[1]), '255.255.255.255', '224.0.0.251', '239.255.255.250'];
  const unicast6 = ['fe80::b', ...(s.v6 ? [s.v6.b] : [])];
  const group6 = ['ff02::1', 'ff02::fb', 'ff05::1:3'];
  const out: Send[] = [];
  const add = (sources: string[], unicast: string[], group: string[]) => {
    for (const src of sources) {
      for (const dst of [...unicast, ...group]) {
        out.push({ proto: 'udp', src, dst, port: PORT }, { proto: 'icmp', src, dst, port: 0 });
        if (unicast.includes(dst)) out.push({ proto: 'tcp', src, dst, port: PORT });
      }
    }
  };
  add(sources4, unicast4, group4);
  add(sources6, unicast6, group6);
  // DHCP and DHCPv6 as a client sends them, whether or not the zone relays: the simulator says which pass.
  out.push({ proto: 'udp', src: s.a[0]!, dst: '255.255.255.255', port: 67 }, { proto: 'udp', src: 'fe80::a', dst: 'ff02::1:2', port: 547 });
  return out;
}

const packetText = (x: Send) => `${x.proto} ${x.src} -> ${x.dst}${x.proto === 'icmp' ? ' echo' : ` port ${x.port}`}`;

/** The simulator's port number of a send: ICMP echo request is type 8 (IPv4) or 128 (IPv6), code 0. */
function protoPort(x: Send): { proto: number; port: number } {
  const v6 = x.src.includes(':');
  if (x.proto === 'icmp') return { proto: v6 ? 58 : 1, port: (v6 ? 128 : 8) << 8 };
  return { proto: x.proto === 'tcp' ? 6 : 17, port: x.port };
}

/** One nftables ingress counter rule on station b per send, and one for a's duplicate address detection. */
function countersOf(sends: Send[]): string {
  const rules = sends.map((x, i) => {
    const v6 = x.src.includes(':');
    const ip = v6 ? 'ip6' : 'ip';
    const what = x.proto === 'icmp' ? `${v6 ? 'icmpv6 type echo-request' : 'icmp type echo-request'}` : `${x.proto} dport ${x.port}`;
    return `    ${ip} saddr ${x.src} ${ip} daddr ${x.dst} ${what} counter comment "s${i}"`;
  });
  rules.push('    ip6 saddr :: icmpv6 type nd-neighbor-solicit counter comment "dad"');
  return ['table netdev wardline_probe {', '  chain ingress {', '    type filter hook ingress device "eth0" priority 0; policy accept;', ...rules, '  }', '}', ''].join('\n');
}

/** Python, run in station a: sends every packet of its JSON argument once, from the given source, on eth0. */
const SENDER = String.raw`
import json, socket, struct, sys
sends = json.loads(sys.argv[1])
idx = socket.if_nametoindex('eth0')
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
for x in sends:
    v6 = ':' in x['src']
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    dst = (x['dst'], x['port'], 0, idx) if v6 else (x['dst'], x['port'])
    src = (x['src'], 0, 0, idx) if v6 else (x['src'], 0)
    try:
        if x['proto'] == 'icmp':
            s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
            body = struct.pack('!BBHHH', 128 if v6 else 8, 0, 0, 7, 1) + b'wardline-lab'
            if not v6: body = body[:2] + struct.pack('!H', csum(body)) + body[4:]
        elif x['proto'] == 'udp':
            s = socket.socket(fam, socket.SOCK_DGRAM)
            body = b'wardline-lab'
        else:
            s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'eth0')
        if not v6: s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        if v6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
        else: s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(x['src']))
        s.bind(src)
        if x['proto'] == 'tcp':
            s.setblocking(False)
            s.connect_ex(dst)
        else:
            s.sendto(body, dst)
    except OSError as e:
        print('unsent %s -> %s: %s' % (x['src'], x['dst'], e), file=sys.stderr)
print('sent')
`;

function sh(script: string): { ok: boolean; out: string } {
  const r = execaSync('sh', ['-c', script], { reject: false, stripFinalNewline: false });
  return { ok: r.exitCode === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * Builds a bridge and two stations for every isolated zone, loads each zone's bridge filter (`filterOf` may replace
 * it: the tests' broken filters), sends, and reads what arrived. Namespaces join the lab's, so teardown removes them.
 */
export async function probeIsolation(
  lab: Lab,
  policy: Policy,
  decideSwitched: (zone: string, p: { src: bigint; dst: bigint; proto: number; port: number }) => 'forward' | 'drop',
  zones: readonly Zone[],
  filterOf: (zone: string, filter: string) => string = (_, f) => f,
): Promise<IsolationProbe[]> {
  const isolated = isolatedZones(zones);
  if (isolated.length === 0) return [];
  const compiled = compiledIsolation(policy, isolated);
  const plans = isolated.map((zone, k) => {
    const ns = { sw: `wl-${lab.id}-i${k}sw`, a: `wl-${lab.id}-i${k}a`, b: `wl-${lab.id}-i${k}b` };
    lab.created.push(ns.sw, ns.a, ns.b);
    const { isolation, objects } = compiled.get(zone.name)!;
    const own = bridgeFilter(isolation, objects);
    const filter = filterOf(zone.name, own);
    return { zone, ns, sends: sendsOf(zone), filter, given: filter !== own };
  });
  for (const { zone, ns, sends, filter, given } of plans) {
    const s = stations(zone);
    const station = (name: string, addrs: string[], v6?: string) => [
      `ip -n ${name} link set lo up`,
      `ip netns exec ${name} sysctl -q -w net.ipv6.conf.eth0.accept_dad=1 net.ipv6.conf.eth0.dad_transmits=1`,
      `ip -n ${name} link set eth0 addrgenmode none`,
      `ip -n ${name} addr add ${addrs[0]}/${s.length4} dev eth0`,
      `ip -n ${name} addr add ${addrs[1]}/16 dev eth0`,
      `ip -n ${name} addr add ${addrs[2]}/64 dev eth0`,
      ...(v6 && s.v6 ? [`ip -n ${name} addr add ${v6}/${s.v6.length} dev eth0`] : []),
    ];
    const script = [
      'set -e',
      `ip netns add ${ns.sw}`,
      `ip netns add ${ns.a}`,
      `ip netns add ${ns.b}`,
      `ip -n ${ns.sw} link add br0 type bridge`,
      // No IGMP/MLD snooping: the bridge floods multicast, as a plain switch would, so the filter alone decides.
      `ip -n ${ns.sw} link set br0 type bridge mcast_snooping 0`,
      `ip -n ${ns.sw} link add pa type veth peer name eth0 netns ${ns.a}`,
      `ip -n ${ns.sw} link add pb type veth peer name eth0 netns ${ns.b}`,
      `ip -n ${ns.sw} link set pa master br0`,
      `ip -n ${ns.sw} link set pb master br0`,
      `ip netns exec ${ns.sw} nft -f - <<'EOF'\n${filter}EOF`,
      `ip netns exec ${ns.b} nft -f - <<'EOF'\n${countersOf(sends)}EOF`,
      ...station(ns.a, s.a, s.v6?.a),
      ...station(ns.b, s.b, s.v6?.b),
      `ip -n ${ns.sw} link set br0 up`,
      `ip -n ${ns.sw} link set pa up`,
      `ip -n ${ns.sw} link set pb up`,
      `ip -n ${ns.a} link set eth0 up`,
      `ip -n ${ns.b} link set eth0 up`,
    ];
    const built = sh(script.join('\n'));
    const why = built.out.trim().split('\n').slice(-3).join('; ');
    if (!built.ok && given) throw new LabRefusal(`the bridge filter given for zone ${zone.name} does not load: ${why}`);
    if (!built.ok) throw new Error(`lab fault building the isolation of zone ${zone.name}: ${why}`);
  }
  // Duplicate address detection (one probe, one second) must finish before anything is sent from those addresses.
  const results: IsolationProbe[] = [];
  for (const { zone, ns, sends } of plans) {
    await waitForDad([ns.a, ns.b]);
    const sent = execaSync('ip', ['netns', 'exec', ns.a, 'python3', '-c', SENDER, JSON.stringify(sends)], { reject: false });
    if (sent.exitCode !== 0 || !sent.stdout.includes('sent')) throw new Error(`lab fault sending in zone ${zone.name}: ${sent.stderr.trim().split('\n').slice(-2).join('; ')}`);
    await settle(300);
    const counts = countersIn(ns.b);
    const dadNs = { src: key('::'), dst: key('ff02::1:ff00:a'), proto: 58, port: 135 << 8 };
    results.push({ zone: zone.name, packet: 'dad fe80::a (neighbour solicitation from ::)', expected: decideSwitched(zone.name, dadNs) === 'forward', actual: (counts.get('dad') ?? 0) > 0 });
    sends.forEach((x, i) => {
      const expected = decideSwitched(zone.name, { src: key(x.src), dst: key(x.dst), ...protoPort(x) }) === 'forward';
      results.push({ zone: zone.name, packet: packetText(x), expected, actual: (counts.get(`s${i}`) ?? 0) > 0 });
    });
  }
  return results;
}

/** Packets counted by each rule of station b's ingress table, by the rule's comment. */
function countersIn(ns: string): Map<string, number> {
  const r = execaSync('ip', ['netns', 'exec', ns, 'nft', '-j', 'list', 'table', 'netdev', 'wardline_probe'], { reject: false });
  const out = new Map<string, number>();
  const doc = JSON.parse(r.stdout || '{"nftables":[]}') as { nftables: { rule?: { comment?: string; expr: { counter?: { packets: number } }[] } }[] };
  for (const item of doc.nftables) {
    const rule = item.rule;
    if (!rule?.comment) continue;
    out.set(rule.comment, rule.expr.find((e) => e.counter)?.counter?.packets ?? 0);
  }
  return out;
}

/** Waits (at most 5 s) until no address of the stations is tentative; a `dadfailed` address stays so and is reported by the probe. */
async function waitForDad(namespaces: string[]): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const tentative = namespaces.some((ns) => /tentative/.test(execaSync('ip', ['-n', ns, '-6', 'addr', 'show', 'dev', 'eth0'], { reject: false }).stdout));
    if (!tentative) return;
    await settle(100);
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
