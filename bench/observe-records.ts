import { closeSync, openSync, writeSync } from 'node:fs';
import type { Policy } from '../src/model/policy.js';
import { formatAddress, prefixBounds } from '../src/net/address.js';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` synthetic flow-jsonl records over a policy's IPv4 groups (fixed seed): 70% along a flow (its first group
 * ends, its first service), 25% between 2,000 random group pairs (unplanned traffic is many connections between few
 * pairs) on a random well-known port, 5% to addresses outside every zone. Hosts vary inside each group's first prefix, so the addresses are many and the identities few, as in a
 * real hospital's flow export. Written in chunks: the file is large, the generator's memory is not.
 */
export function writeObserveRecords(policy: Policy, n: number, path: string): void {
  const rnd = random(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const hosts = new Map<string, { lo: bigint; span: number }>();
  for (const g of policy.groups.values()) {
    const zone = policy.zones.get(g.zone.value);
    const prefix = (g.addresses.length > 0 ? g.addresses : (zone?.subnets ?? [])).find((p) => p.prefix.family === 4);
    if (!prefix) continue;
    const [lo, hi] = prefixBounds(prefix.prefix);
    hosts.set(g.name, { lo, span: Number(hi - lo < 254n ? hi - lo + 1n : 254n) });
  }
  const names = [...hosts.keys()];
  const host = (group: string) => {
    const h = hosts.get(group)!;
    return formatAddress(4, h.lo + BigInt(h.span > 2 ? 1 + Math.floor(rnd() * (h.span - 1)) : 0));
  };
  const flows = policy.flows.filter((f) => f.from[0]?.kind === 'group' && f.to[0]?.kind === 'group' && hosts.has(f.from[0].name) && hosts.has(f.to[0].name));
  const portOf = (flowServices: Policy['flows'][number]['services']) => {
    const s = flowServices[0];
    const spec = s?.kind === 'inline' ? s.spec : s?.kind === 'named' ? policy.services.get(s.name)?.specs[0]?.value : undefined;
    return spec && (spec.proto === 6 || spec.proto === 17) ? { proto: spec.proto, port: spec.lo } : { proto: 6, port: 443 };
  };
  const PORTS = [22, 80, 443, 445, 2575, 3389, 8080, 8443];
  const pairs = Array.from({ length: 2000 }, () => [pick(names), pick(names)] as const);
  const fd = openSync(path, 'w');
  const start = Date.UTC(2026, 10, 21);
  let chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let src: string;
    let dst: string;
    let service: { proto: number; port: number };
    if (r < 0.7 && flows.length > 0) {
      const f = pick(flows);
      src = host((f.from[0] as { name: string }).name);
      dst = host((f.to[0] as { name: string }).name);
      service = portOf(f.services);
    } else {
      const [from, to] = pick(pairs);
      src = host(from);
      dst = r < 0.95 ? host(to) : `203.0.113.${1 + Math.floor(rnd() * 254)}`;
      service = { proto: 6, port: pick(PORTS) };
    }
    const first = new Date(start + Math.floor(rnd() * 7 * 86_400_000)).toISOString();
    chunk.push(`{"src":"${src}","dst":"${dst}","proto":${service.proto},"srcPort":${1024 + Math.floor(rnd() * 60000)},"dstPort":${service.port},"packets":${1 + Math.floor(rnd() * 40)},"bytes":${60 + Math.floor(rnd() * 60000)},"first":"${first}","last":"${first}"}`);
    if (chunk.length === 10_000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
}
