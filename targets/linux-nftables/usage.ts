import { type CapacityResource, addUse, emptyUse, intentKey, type PointUsage } from '../../src/compile/capacity.js';
import type { Program } from '../../src/compile/ir.js';
import { renderRuleset } from './render-ruleset.js';
import { renderRule } from './render-rule.js';

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

/** Rules as the ruleset's chains hold them (forward and input), one per set pair and protocol of each IR rule. */
export function linuxNftablesUsage(program: Program): PointUsage {
  if (program.kind !== 'firewall') throw new Error(`linux-nftables counts firewall programs, not ${program.kind} programs`);
  const rules = emptyUse();
  let total = 0;
  let inChain = false;
  for (const line of renderRuleset(program).split('\n')) {
    if (/^\tchain \S+ \{$/.test(line)) inChain = true;
    else if (line === '\t}') inChain = false;
    else if (inChain && isRule(line)) total++;
  }
  for (const rule of program.rules) addUse(rules, intentKey(rule.provenance), renderRule(rule).filter(isRule).length);
  // Connection state and the input chain: rules of no single intent.
  addUse(rules, 'state and input rules', total - rules.used);
  return { rules };
}
