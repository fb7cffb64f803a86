import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { renderInputChain } from './render-input.js';
import { serviceExpressions } from './render-service.js';

export const CAPACITY: CapacityResource[] = [
  {
    name: 'rules',
    unit: 'nftables rules',
    budget: 10000,
    source:
      "wardline's review threshold, not a kernel limit: nftables keeps rules in memory without a fixed table size, but a chain is evaluated rule by rule, so a forward chain past this many rules is a design to review (set capacity: to accept it)",
  },
];

/** A rule of a chain body: not blank, not a comment, not the chain's own `type ... hook` line. */
const isRule = (line: string) => line.startsWith('\t\t') && !/^\t\t(#|type |$)/.test(line);

/** A list of names where `any` swallows the rest, as `renderRule` reads it. */
const names = (list: string[]) => (list.includes('any') ? 1 : list.length);

/** Rules as the ruleset's chains hold them (forward and input), one per set pair and protocol of each IR rule. */
export function linuxNftablesUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`linux-nftables counts firewall programs, not ${program.kind} programs`);
  const rules = emptyUse();
  for (const rule of program.rules) {
    let protos = 0;
    for (const service of rule.services) protos += serviceExpressions(service).length;
    addUse(rules, intentKey(rule.provenance), names(rule.src) * names(rule.dst) * protos);
  }
  // Connection state in forward (established/related, invalid), and the input chain: rules of no single intent.
  const input = program.gateway.length > 0 ? renderInputChain(program).filter(isRule).length : 0;
  addUse(rules, 'state and input rules', 2 + input);
  return { rules };
}
