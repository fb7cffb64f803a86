import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { FirewallRule, Program } from '../../src/compile/ir.js';
import { addressLists, type AddressLists } from './render-addresses.js';
import { renderInputChain } from './render-input.js';
import { serviceArguments } from './render-service.js';

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

/** The `-A FORWARD` lines `renderRule` writes for a rule, counted: one per list pair and protocol argument set, a LOG line before each verdict of a logged rule. */
function ruleLines(rule: FirewallRule, lists: AddressLists): number {
  let protos = 0;
  for (const service of rule.services) protos += serviceArguments(service, rule.family).length;
  return lists(rule.src).length * lists(rule.dst).length * protos * (rule.log ? 2 : 1);
}

/** Kernel rules as the restore files append them (`-A` lines of both families), each LOG rule counted too. */
export function linuxIptablesUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`linux-iptables counts firewall programs, not ${program.kind} programs`);
  const rules = emptyUse();
  let fixed = 0;
  for (const family of [4, 6] as const) {
    const lists = addressLists(program.objects.filter((o) => o.family === family));
    for (const rule of program.rules.filter((r) => r.family === family)) addUse(rules, intentKey(rule.provenance), ruleLines(rule, lists));
    // Connection state in FORWARD (ESTABLISHED,RELATED and INVALID), and the input chain: rules of no single intent.
    fixed += 2 + renderInputChain(program, family, lists).filter(isRule).length;
  }
  addUse(rules, 'state and input rules', fixed);
  return { rules };
}
