import { isMonitoredZone } from '../model/monitor.js';
import { compilePolicy } from '../compile/compile.js';
import { limitFindings } from '../compile/limits.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Policy, Zone } from '../model/policy.js';
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
  let policy = original;
  if (point === undefined) ({ policy, point } = asOneLinuxRouter(original));
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

/** The router-side interfaces of the lab's i-th zone start so (one per subnet seat: `wz3s0`, `wz3s1`). */
export function labInterface(zoneIndex: number): string {
  return `wz${zoneIndex}s`;
}

/** The lab cannot run on this input; one line for the user, exit 2. */
export class LabRefusal extends Error {
  override name = 'InputError';
}
