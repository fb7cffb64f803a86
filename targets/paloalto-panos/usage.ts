import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { addressPlan, addressValues } from './address-members.js';
import { panMatches } from './render-services.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'security-rules',
    unit: 'security rules',
    budget: 1500,
    source:
      "wardline's conservative default for a branch-class firewall, not a vendor figure (no Palo Alto Networks page stating one was found): the model's datasheet lists its maximum security rules, to set under capacity:",
  },
  {
    name: 'address-objects',
    unit: 'address objects',
    budget: 2500,
    source: "wardline's conservative default, not a vendor figure: the model's datasheet lists its maximum address objects",
  },
  {
    name: 'address-groups',
    unit: 'address groups',
    budget: 1000,
    source: "wardline's conservative default, not a vendor figure: the model's datasheet lists its maximum address groups",
  },
];

/**
 * Security rules and address objects as `renderConfig` writes them: a rule mixing ports and applications is two
 * rules; an object of one prefix or DNS name is an address (ip-netmask or fqdn), one of several an address group of
 * per-prefix and per-name addresses.
 */
export function paloaltoPanosUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`paloalto-panos counts firewall programs, not ${program.kind} programs`);
  const rules = emptyUse();
  for (const rule of program.rules) {
    // Ports of a protocol other than TCP and UDP have no spelling (WL706 refuses them): counted as a service here.
    const kinds = rule.services.map((m) => (m.proto !== 'any' && m.ports && m.proto !== 6 && m.proto !== 17 ? 'service' : panMatches(m)[0]!.kind));
    const parts = kinds.includes('any') ? 1 : Number(kinds.includes('service')) + Number(kinds.includes('application'));
    addUse(rules, intentKey(rule.provenance), parts);
  }
  const named = new Set(program.rules.flatMap((r) => [...r.src, ...r.dst]));
  const objects = program.objects.filter((o) => named.has(o.name));
  const addresses = emptyUse();
  const plan = addressPlan(objects);
  addUse(addresses, 'address objects', objects.filter((o) => addressValues(o).length === 1).length + plan.members.length);
  const groups = emptyUse();
  addUse(groups, 'address groups', plan.groups.size);
  return { 'security-rules': rules, 'address-objects': addresses, 'address-groups': groups };
}
