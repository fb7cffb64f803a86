import { prefixBounds, V6_FIRST } from '../net/address.js';
import { hasPortDimension, ICMP, ICMPV6, PORT_LAST, SCTP, TCP, UDP } from '../net/service.js';
import { buildDnsNames } from './dns-names.js';
import { endpointReferences } from './references.js';
import type { Policy, ServiceRef } from './policy.js';

/**
 * Packet equivalence classes cut from the policy's own prefixes and ports: every packet of one class meets
 * every intent the same way, so one representative per class stands for all of it.
 */
export interface PacketClasses {
  /** One address per address class (its lowest), ascending, IPv4 then IPv6. */
  addresses: bigint[];
  /** One (protocol, port) per service class. */
  services: { proto: number; port: number }[];
}

export function packetClasses(policy: Policy): PacketClasses {
  const cuts = new Set<bigint>([0n, V6_FIRST]);
  const prefixes = [
    ...[...policy.zones.values()].flatMap((z) => z.subnets),
    ...[...policy.groups.values()].flatMap((g) => g.addresses),
    ...endpointReferences(policy).flatMap((r) => (r.kind === 'prefix' ? [r.prefix] : [])),
  ];
  for (const p of prefixes) {
    const [lo, hi] = prefixBounds(p.prefix);
    cuts.add(lo);
    cuts.add(hi + 1n);
  }
  // Externals known by DNS name: what the policy resolves each to, or its stand-ins (model/dns-names.ts).
  const names = buildDnsNames(policy);
  for (const e of names.all) {
    for (const [lo, hi] of names.set(e.name)) {
      cuts.add(lo);
      cuts.add(hi + 1n);
    }
  }
  const addresses = [...cuts].filter((c) => c <= V6_FIRST + (1n << 128n) - 1n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  // Per protocol, the port boundaries of every spec that names it; protocols nobody names form one class more.
  const portCuts = new Map<number, Set<number>>([[TCP, new Set([0])], [UDP, new Set([0])], [ICMP, new Set([0])], [ICMPV6, new Set([0])]]);
  const specs = [
    ...[...policy.services.values()].flatMap((s) => s.specs.map((x) => x.value)),
    ...inlineSpecs(policy),
  ];
  for (const s of specs) {
    let set = portCuts.get(s.proto);
    if (!set) portCuts.set(s.proto, (set = new Set([0])));
    if (hasPortDimension(s.proto) || s.proto === ICMP || s.proto === ICMPV6) {
      set.add(s.lo);
      if (s.hi < PORT_LAST) set.add(s.hi + 1);
    }
  }
  const unnamed = [47, 50, 132].find((p) => !portCuts.has(p)) ?? 255;
  portCuts.set(unnamed, new Set([0]));
  const services = [...portCuts]
    .sort(([a], [b]) => a - b)
    .flatMap(([proto, set]) => [...set].sort((a, b) => a - b).map((port) => ({ proto, port })));
  return { addresses, services };
}

function inlineSpecs(policy: Policy) {
  const refs: ServiceRef[] = [
    ...policy.flows.flatMap((f) => f.services),
    ...policy.guardrails.flatMap((g) => g.services),
    ...policy.expectations.flatMap((e) => (e.service ? [e.service] : [])),
  ];
  return refs.flatMap((r) => (r.kind === 'inline' ? [r.spec] : []));
}

/** Cut points from outside the policy (what a device's text names): addresses, and ports of TCP, UDP and SCTP. */
export interface ExtraCuts {
  addresses: readonly bigint[];
  ports: readonly number[];
}

/**
 * The classes cut further at `extra`: every added cut starts a class of its own (a class's representative is its
 * lowest member), so text that decides at an address or port the policy never names is sampled there too.
 */
export function withCuts(classes: PacketClasses, extra: ExtraCuts): PacketClasses {
  const addresses = [...new Set([...classes.addresses, ...extra.addresses])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ported = new Set([TCP, UDP, SCTP]);
  const services = [...classes.services];
  const have = new Set(services.map((s) => `${s.proto}/${s.port}`));
  for (const proto of ported) {
    for (const port of extra.ports) {
      if (port < 0 || port > PORT_LAST || have.has(`${proto}/${port}`)) continue;
      have.add(`${proto}/${port}`);
      services.push({ proto, port });
    }
  }
  services.sort((a, b) => a.proto - b.proto || a.port - b.port);
  return { addresses, services };
}
