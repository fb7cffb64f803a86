import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { addressPlan, valuesOf } from './address-members.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'firewall-policies',
    unit: 'firewall policies',
    budget: 5000,
    source:
      "wardline's conservative default, not a vendor figure (no Fortinet page stating one for a FortiGate model was found): FortiOS's hard-coded table sizes per model are listed by the CLI command `print tablesize` (Fortinet, Maximum Values Table) and can be lowered by `config system resource-limits`; set the device's under capacity:",
  },
  {
    name: 'firewall-addresses',
    unit: 'firewall addresses',
    budget: 5000,
    source: "wardline's conservative default, not a vendor figure: `print tablesize` gives the device's own (firewall.address, firewall.address6)",
  },
  {
    name: 'firewall-addrgrps',
    unit: 'firewall address groups',
    budget: 2500,
    source: "wardline's conservative default, not a vendor figure: `print tablesize` gives the device's own (firewall.addrgrp, firewall.addrgrp6)",
  },
];

/** Firewall policies and addresses as `renderConfig` writes them: one policy per rule; addresses one per prefix or DNS name. */
export function fortinetFortiosUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`fortinet-fortios counts firewall programs, not ${program.kind} programs`);
  const policies = emptyUse();
  for (const rule of program.rules) addUse(policies, intentKey(rule.provenance), 1);
  const named = new Set(program.rules.flatMap((r) => [...r.src, ...r.dst]));
  const objects = program.objects.filter((o) => named.has(o.name));
  const addresses = emptyUse();
  addUse(addresses, 'addresses', objects.filter((o) => valuesOf(o).length === 1).length + addressPlan(objects).members.length);
  const groups = emptyUse();
  addUse(groups, 'address groups', objects.filter((o) => valuesOf(o).length > 1).length);
  return { 'firewall-policies': policies, 'firewall-addresses': addresses, 'firewall-addrgrps': groups };
}
