import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { EnforcementPoint } from '../model/policy.js';

/** RFC 2865 section 3: a RADIUS packet is at most 4096 octets; section 5.26: a Vendor-Specific string at most 247. */
export const RADIUS_PACKET_MAX = 4096;
export const VSA_STRING_MAX = 247;

/** The size of a role's answer as a NAC target encodes it: the whole packet, and its longest vendor string. */
export interface AnswerSize {
  role: string;
  octets: number;
  longestVsa: number;
}

/** WL711 at the point for each role whose answer does not fit one RADIUS packet: the switch would never get it. */
export function nacLimits(ep: EnforcementPoint, sizes: readonly AnswerSize[]): Diagnostic[] {
  return sizes
    .filter((s) => s.octets > RADIUS_PACKET_MAX || s.longestVsa > VSA_STRING_MAX)
    .map((s) => {
      const why = s.octets > RADIUS_PACKET_MAX ? `${s.octets} octets, over RADIUS's ${RADIUS_PACKET_MAX}` : `a Cisco-AVPair of ${s.longestVsa} octets, over ${VSA_STRING_MAX}`;
      return diagnostic('WL711', 'error', `the Access-Accept of role "${s.role}" on NAC point "${ep.name}" would be ${why} (RFC 2865), so no switch could receive it`, ep.loc, {
        hint: 'Narrow what the role may reach (fewer flows or addresses), or answer with a role the switches hold (role-attribute: filter-id).',
      });
    });
}
