import { buildAddressPlan, type AddressPlan } from '../model/address-plan.js';
import { intentPackets, type IntentPackets } from '../model/intent-packets.js';
import type { Platform, Policy } from '../model/policy.js';
import { aclProgram } from './acl-program.js';
import { compileContext } from './context.js';
import { firewallProgram } from './firewall-program.js';
import type { Program } from './ir.js';
import { policyRules } from './rules.js';

/** Switches filter statelessly on SVIs; firewalls and Linux routers keep connection state. */
export const PLATFORM_KIND: Record<Platform, 'acl' | 'firewall' | 'nac'> = {
  'cisco-ios': 'acl',
  'arista-eos': 'acl',
  'juniper-junos': 'acl',
  'aruba-aoscx': 'acl',
  'extreme-exos': 'acl',
  'paloalto-panos': 'firewall',
  'fortinet-fortios': 'firewall',
  'linux-nftables': 'firewall',
  'linux-iptables': 'firewall',
  // Network access control: it filters nothing; it places devices (targets/freeradius, written beside the programs).
  freeradius: 'nac',
};

/**
 * The IR of every enforcement point (or those named in `only`), in name order. `shared` is the address plan and
 * intent packets the checks already built for this policy, so they are not built twice.
 */
export function compilePolicy(
  policy: Policy,
  only?: ReadonlySet<string>,
  shared?: { addresses: AddressPlan; packets: IntentPackets },
  opts: { compact?: boolean } = {},
): Program[] {
  return [...programsOf(policy, only, shared, opts)];
}

/**
 * The same programs one at a time, each built only when asked for: a caller that renders each program and drops it
 * keeps one point's IR alive instead of all of them. `compact: false` leaves switch lists as the rules give them, to
 * measure what compaction saves (what compile writes and check counts is always compacted).
 */
export function* programsOf(
  policy: Policy,
  only?: ReadonlySet<string>,
  shared?: { addresses: AddressPlan; packets: IntentPackets },
  opts: { compact?: boolean } = {},
): Generator<Program> {
  const plan = shared?.addresses ?? buildAddressPlan(policy);
  const packets = shared?.packets ?? intentPackets(policy, plan);
  const ctx = compileContext(policy, plan, packets, policyRules(policy, packets, plan));
  const points = [...policy.enforcementPoints.values()]
    .filter((ep) => !only || only.has(ep.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const ep of points) {
    const kind = kindOf(ep.platform.value);
    if (kind === 'nac') continue;
    yield kind === 'firewall' ? firewallProgram(ctx, ep) : aclProgram(ctx, ep, opts.compact ?? true);
  }
}

/** The platform is the policy's text: an own property only, so `constructor` is no kind of platform. */
function kindOf(platform: string): 'acl' | 'firewall' | 'nac' | undefined {
  return Object.hasOwn(PLATFORM_KIND, platform) ? PLATFORM_KIND[platform as Platform] : undefined;
}
