import type { Policy, ServiceRef } from '../model/policy.js';
import { ICMP, ICMPV6, TCP, UDP, type ServiceSpec } from '../net/service.js';
import type { Simulator } from '../sim/simulator.js';
import type { LabHost } from './hosts.js';

/** One kind of connection the lab opens: a TCP or UDP port, or an ICMP echo (ICMPv6 between IPv6 hosts). */
export interface ProbeKind {
  label: string;
  proto: 'tcp' | 'udp' | 'icmp';
  port: number;
  /** The services of the policy this kind stands for. */
  services: string[];
}

export interface Probe {
  kind: ProbeKind;
  src: LabHost;
  dst: LabHost;
  /** The simulator's verdict: true when the connection is allowed (or stays inside one segment). */
  expected: boolean;
}

const ECHO = { 4: { proto: ICMP, port: 8 * 256 }, 6: { proto: ICMPV6, port: 128 * 256 } } as const;

/**
 * The ports probed for a range: every port of a range of at most four, else its lowest, middle and highest port (the
 * edges catch an off-by-one in a rendered range, the middle one a range rendered as its ends only). Port 0 is no port.
 */
export function rangePorts(lo: number, hi: number): number[] {
  const first = Math.max(lo, 1);
  if (hi < first) return [];
  if (hi - first < 4) return Array.from({ length: hi - first + 1 }, (_, k) => first + k);
  return [first, first + Math.floor((hi - first) / 2), hi];
}

function specKinds(spec: ServiceSpec): Omit<ProbeKind, 'services'>[] {
  if (spec.proto === TCP || spec.proto === UDP) {
    const proto = spec.proto === TCP ? 'tcp' : 'udp';
    return rangePorts(spec.lo, spec.hi).map((port) => ({ label: `${proto}/${port}`, proto, port }));
  }
  const echo = spec.proto === ICMP ? 8 * 256 : spec.proto === ICMPV6 ? 128 * 256 : -1;
  if (echo >= 0 && spec.lo <= echo && echo <= spec.hi) return [{ label: 'icmp/echo', proto: 'icmp', port: 0 }];
  return [];
}

/** A TCP and UDP port that no service of the policy names, so the lab also shows what nothing allows. */
function unlistedPort(specs: ServiceSpec[]): number {
  const covered = (port: number) => specs.some((s) => (s.proto === TCP || s.proto === UDP) && s.lo <= port && port <= s.hi);
  for (let port = 9; port < 65536; port++) if (!covered(port)) return port;
  return 9;
}

/** Every kind of probe for the services the flows and guardrails name, plus one unlisted port, in a stable order. */
export function probeKinds(policy: Policy): ProbeKind[] {
  const refs: ServiceRef[] = [...policy.flows.flatMap((f) => f.services), ...policy.guardrails.flatMap((g) => g.services)];
  const named = new Map<string, ServiceSpec[]>();
  for (const ref of refs) {
    if (ref.kind === 'named') named.set(ref.name, policy.services.get(ref.name)?.specs.map((s) => s.value) ?? []);
    else if (ref.kind === 'inline') named.set(ref.text, [ref.spec]);
  }
  const unlisted = unlistedPort([...named.values()].flat());
  const kinds = new Map<string, ProbeKind>();
  const add = (k: Omit<ProbeKind, 'services'>, service: string) => {
    const kind = kinds.get(k.label) ?? { ...k, services: [] };
    if (!kind.services.includes(service)) kind.services.push(service);
    kinds.set(k.label, kind);
  };
  for (const [name, specs] of named) for (const spec of specs) for (const k of specKinds(spec)) add(k, name);
  add({ label: `tcp/${unlisted}`, proto: 'tcp', port: unlisted }, '(unlisted)');
  add({ label: `udp/${unlisted}`, proto: 'udp', port: unlisted }, '(unlisted)');
  add({ label: 'icmp/echo', proto: 'icmp', port: 0 }, '(echo)');
  const order = { tcp: 0, udp: 1, icmp: 2 };
  return [...kinds.values()].sort((a, b) => order[a.proto] - order[b.proto] || a.port - b.port);
}

/** Every (source host, destination host, kind) of one address family, with the simulator's verdict. */
export function probePlan(sim: Simulator, hosts: LabHost[], kinds: ProbeKind[], isolated: ReadonlySet<string>): Probe[] {
  const probes: Probe[] = [];
  for (const kind of kinds) {
    for (const src of hosts) {
      for (const dst of hosts) {
        if (src === dst || src.family !== dst.family) continue;
        // Isolation is the switch's job inside the zone; the lab has no switch, so those pairs are not probed.
        if (src.zone === dst.zone && isolated.has(src.zone)) continue;
        const icmp = ECHO[src.family];
        const proto = kind.proto === 'tcp' ? TCP : kind.proto === 'udp' ? UDP : icmp.proto;
        const port = kind.proto === 'icmp' ? icmp.port : kind.port;
        const verdict = sim.decide({ src: src.key, dst: dst.key, proto, port });
        probes.push({ kind, src, dst, expected: verdict === 'allow' || verdict === 'same-segment' });
      }
    }
  }
  return probes;
}
