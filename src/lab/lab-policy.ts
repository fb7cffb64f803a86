import { isMonitoredZone } from '../model/monitor.js';
import { compilePolicy } from '../compile/compile.js';
import { limitFindings } from '../compile/limits.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { buildDnsNames } from '../model/dns-names.js';
import type { Policy, Resolution, Zone } from '../model/policy.js';
import { formatPrefix, prefixesOverlap, type Prefix } from '../net/address.js';
import { targets } from '../../targets/registry.js';

/** The policy the lab builds and the simulator judges, the zones it routes, and the ruleset its router loads. */
export interface LabPlan {
  policy: Policy;
  point: string;
  zones: Zone[];
  ruleset: string;
  /** WL7xx findings: what the nftables target cannot express for these zones (the lab refuses them). */
  limits: Diagnostic[];
}

/** A name for the synthetic router that no enforcement point of the policy already has. */
function routerName(policy: Policy): string {
  let name = 'lab-router';
  for (let i = 2; policy.enforcementPoints.has(name); i++) name = `lab-router-${i}`;
  return name;
}

/**
 * The policy as if one Linux nftables router were the enforcement point of every zone: each zone's `via`
 * names a synthetic linux-nftables point. The simulator judges this policy, so both sides see one router.
 */
export function asOneLinuxRouter(policy: Policy): { policy: Policy; point: string } {
  const point = routerName(policy);
  const anyLoc = policy.enforcementPoints.values().next().value?.loc ?? policy.zones.values().next().value!.loc;
  // A zone monitored through its point's mode keeps it on the one router.
  const zones = new Map([...policy.zones].map(([name, z]) => [name, { ...z, via: { value: point, loc: z.via.loc }, mode: isMonitoredZone(policy, z) ? ('monitor' as const) : z.mode }]));
  const enforcementPoints = new Map(policy.enforcementPoints);
  enforcementPoints.set(point, {
    kind: 'enforcement-point',
    name: point,
    loc: anyLoc,
    platform: { value: 'linux-nftables', loc: anyLoc },
    mode: 'enforce',
    description: 'wardline lab: one Linux router for every zone',
  });
  return { policy: { ...policy, zones, enforcementPoints }, point };
}

/** Without `point`: one synthetic router for every zone; with it: that linux-nftables point and the zones it routes. */
export function labPlan(original: Policy, point?: string): LabPlan {
  let policy = labResolved(original);
  if (point === undefined) ({ policy, point } = asOneLinuxRouter(policy));
  else {
    const ep = original.enforcementPoints.get(point);
    if (!ep) throw new LabRefusal(`--point names "${point}", which is not an enforcement point of the policy`);
    if (ep.platform.value !== 'linux-nftables') {
      throw new LabRefusal(`--point "${point}" is a ${ep.platform.value} enforcement point; the lab loads linux-nftables rulesets only`);
    }
  }
  const zones = [...policy.zones.values()].filter((z) => z.via.value === point).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (zones.length === 0) throw new LabRefusal(`enforcement point "${point}" routes no zone; there is nothing to build`);
  // Port isolation is switching inside a zone, which no router sees: the lab leaves it out of the ruleset (the target
  // refuses it) and does not probe inside isolated zones; everything between zones is what the router decides.
  // Each zone's router-side interfaces are the lab's own (`labInterface`): its ruleset filters their links by them.
  const index = new Map(zones.map((z, i) => [z.name, i]));
  const routed = {
    ...policy,
    zones: new Map(
      [...policy.zones].map(([n, z]) => {
        const i = index.get(n);
        return [n, { ...z, isolation: false, ...(i === undefined ? {} : { interface: { value: `${labInterface(i)}*`, loc: z.loc } }) }];
      }),
    ),
  };
  const [program] = compilePolicy(routed, new Set([point]));
  const target = targets['linux-nftables']!;
  const limits = limitFindings(routed, program!, target.capabilities, target.usage(program!));
  const ruleset = limits.length > 0 ? '' : target.render(program!)[0]!.content;
  return { policy, point, zones, ruleset, limits };
}

/** Where the lab puts the names it resolves itself: the benchmarking blocks (RFC 2544, RFC 5180), which no hospital routes. */
const LAB_DNS: readonly Prefix[] = [
  { family: 4, network: 0xc6120000n, length: 15 },
  { family: 6, network: 0x20010002n << 96n, length: 48 },
];

/**
 * The lab is its hosts' DNS: an external known only by its DNS name (which a real router could not match, WL713)
 * resolves in the lab to an address of its own per family, as an fqdn object on a firewall would resolve it. No lab
 * host has these addresses: the probes between zones are what the lab checks, and the ruleset must load whole.
 */
export function labResolved(policy: Policy): Policy {
  const names = buildDnsNames(policy);
  const unresolved = names.all.filter((e) => !names.resolved(e.name));
  if (unresolved.length === 0) return policy;
  const used = [...policy.zones.values()].flatMap((z) => z.subnets).find((s) => LAB_DNS.some((b) => prefixesOverlap(b, s.prefix)));
  if (used) throw new LabRefusal(`zone subnet ${used.text} lies in ${LAB_DNS.map(formatPrefix).join(' or ')}, where the lab resolves the policy's DNS names; give the externals addresses (addresses: or --resolve)`);
  const resolutions: Resolution[] = unresolved.map((e, i) => ({
    fqdn: e.fqdn,
    addresses: LAB_DNS.map((b) => {
      const prefix: Prefix = { family: b.family, network: b.network + BigInt(i) + 1n, length: b.family === 4 ? 32 : 128 };
      return { prefix, text: formatPrefix(prefix), hostBitsSet: false, loc: e.fqdn.loc };
    }),
  }));
  return { ...policy, resolutions: [...policy.resolutions, ...resolutions] };
}

/** The router-side interfaces of the lab's i-th zone start so (one per subnet seat: `wz3s0`, `wz3s1`). */
export function labInterface(zoneIndex: number): string {
  return `wz${zoneIndex}s`;
}

/** The lab cannot run on this input; one line for the user, exit 2. */
export class LabRefusal extends Error {
  override name = 'InputError';
}
