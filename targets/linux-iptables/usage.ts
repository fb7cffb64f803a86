import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { addressLists } from './render-addresses.js';
import { renderRestore } from './render-restore.js';
import { renderRule } from './render-rule.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'rules',
    unit: 'iptables rules',
    budget: 10000,
    source:
      "wardline's review threshold, not a kernel limit: the kernel keeps rules in memory without a fixed table size, but a chain is evaluated rule by rule and every restore replaces the table whole, so past this many rules (both families) the design is to review (set capacity: to accept it)",
  },
];

const isRule = (line: string) => line.startsWith('-A ');

/** Kernel rules as the restore files append them (`-A` lines of both families), each LOG rule counted too. */
export function linuxIptablesUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`linux-iptables counts firewall programs, not ${program.kind} programs`);
  const rules = emptyUse();
  let total = 0;
  for (const family of [4, 6] as const) {
    total += renderRestore(program, family).split('\n').filter(isRule).length;
    const lists = addressLists(program.objects.filter((o) => o.family === family));
    for (const rule of program.rules.filter((r) => r.family === family)) addUse(rules, intentKey(rule.provenance), renderRule(rule, lists).filter(isRule).length);
  }
  // Connection state and the input chain: rules of no single intent.
  addUse(rules, 'state and input rules', total - rules.used);
  return { rules };
}
