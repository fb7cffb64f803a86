import { aclHop, firewallHop, gatewayHop, isolationHop, objectSets, type Hop } from '../compile/evaluate.js';
import type { Program } from '../compile/ir.js';
import type { AddressPlan } from '../model/address-plan.js';
import * as iv from '../net/interval-set.js';
import type { ConfigReading, ReadVerdict } from '../../targets/reader.js';

/**
 * A point read from its IR instead of its text, for platforms without a reader yet: the text-level validation of one
 * platform can run on a policy that has others. Its verdicts name IR lines, never config lines.
 */
export function irReading(program: Program, plan: AddressPlan): ConfigReading {
  const sets = objectSets(program);
  const member = (name: string, key: bigint) => name === 'any' || iv.contains(sets.get(name) ?? iv.EMPTY, key);
  const verdict = (hop: Hop): ReadVerdict => ({ action: hop.action, where: `IR ${hop.where}`, lines: [] });
  return {
    unknown: [],
    forward(p, from, to, state) {
      if (program.kind === 'firewall') {
        return state === 'established' ? { action: 'permit', where: 'IR session', lines: [] } : verdict(firewallHop(program, p, plan, member));
      }
      let last: ReadVerdict = { action: 'permit', where: 'IR uplink', lines: [] };
      if (from) last = verdict(aclHop(program, from.zone, 'in', p, member));
      if (last.action === 'deny') return last;
      if (to) last = verdict(aclHop(program, to.zone, 'out', p, member));
      return last;
    },
    toDevice(link, p) {
      return verdict(program.kind === 'acl' ? aclHop(program, link.zone, 'in', p, member) : gatewayHop(program, link.zone, p, member));
    },
    switched(link, p) {
      const hop = isolationHop(program, link.zone, p, member);
      return hop ? { ...verdict(hop), lines: [{ file: 'IR', line: 0, text: hop.where }] } : { action: 'permit', where: 'IR', lines: [] };
    },
  };
}
