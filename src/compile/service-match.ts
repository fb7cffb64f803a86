import { hasPortDimension, ICMP, ICMPV6, PORT_LAST } from '../net/service.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import type { Family, IcmpMatch, PortRange, ServiceMatch } from './ir.js';

/**
 * A service set as one match per protocol, ascending; `any` when it is every service the family can carry
 * (IPv4 never carries ICMPv6 and IPv6 never carries ICMP, so packet sets leave them out).
 */
export function serviceMatches(set: ServiceSet, family: Family): ServiceMatch[] {
  // Flows share few distinct service sets, and a set's key is kept on it: answer each set once (and each set object
  // once more, so a line does not build the key string again).
  const mine = bySet.get(set);
  if (mine?.[family]) return mine[family];
  const key = `${family}:${svc.serviceAlgebra.key(set)}`;
  let matches = memo.get(key);
  if (!matches) memo.set(key, (matches = computeMatches(set, family)));
  if (mine) mine[family] = matches;
  else bySet.set(set, { [family]: matches });
  return matches;
}

const memo = new Map<string, ServiceMatch[]>();
const bySet = new WeakMap<ServiceSet, { 4?: ServiceMatch[]; 6?: ServiceMatch[] }>();

function computeMatches(set: ServiceSet, family: Family): ServiceMatch[] {
  const foreign = svc.protocolServices(family === 4 ? ICMPV6 : ICMP);
  if (svc.equals(svc.union(set, foreign), svc.ALL_SERVICES)) return [{ proto: 'any' }];
  const byProto = new Map<number, PortRange[]>();
  for (const r of svc.serviceRanges(set)) {
    let list = byProto.get(r.proto);
    if (!list) byProto.set(r.proto, (list = []));
    list.push({ lo: r.lo, hi: r.hi });
  }
  return [...byProto].map(([proto, ranges]) => matchFor(proto, ranges));
}

function isWhole(ranges: PortRange[]): boolean {
  return ranges.length === 1 && ranges[0]!.lo === 0 && ranges[0]!.hi === PORT_LAST;
}

function matchFor(proto: number, ranges: PortRange[]): ServiceMatch {
  if (isWhole(ranges)) return { proto };
  if (proto === ICMP || proto === ICMPV6) return { proto, icmp: icmpMatches(ranges) };
  if (!hasPortDimension(proto)) return { proto };
  return { proto, ports: ranges };
}

/** The port dimension of ICMP is type*256+code: whole types become type matches, the rest type/code pairs. */
function icmpMatches(ranges: PortRange[]): IcmpMatch[] {
  const out: IcmpMatch[] = [];
  for (const { lo, hi } of ranges) {
    let v = lo;
    while (v <= hi) {
      const type = v >> 8;
      const typeEnd = type * 256 + 255;
      if (v === type * 256 && hi >= typeEnd) {
        out.push({ type });
        v = typeEnd + 1;
      } else {
        out.push({ type, code: v & 255 });
        v++;
      }
    }
  }
  return out;
}
