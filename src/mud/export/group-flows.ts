import { STAND_IN_SET, type DnsNames } from '../../model/dns-names.js';
import type { Family } from '../../net/address.js';
import { V4_ADDRESSES, V6_ADDRESSES } from '../../net/address-set.js';
import * as iv from '../../net/interval-set.js';
import type { IntervalSet } from '../../net/interval-set.js';
import * as svc from '../../net/service-set.js';
import type { ServiceSet } from '../../net/service-set.js';
import type { Engine } from '../../sim/engine.js';

/** The other side, all allowed the same services: addresses, and the DNS names of externals. */
export interface FlowClass {
  addresses: IntervalSet;
  /** The fqdns of the externals alone in the class (by the addresses of the family), in name order. */
  names: string[];
  services: ServiceSet;
}

/** What one family of a group's devices may open (`opens`) and what may open connections to them (`opened`). */
export interface FamilyFlows {
  family: Family;
  opens: FlowClass[];
  opened: FlowClass[];
}

export interface GroupFlows {
  families: FamilyFlows[];
  /** The group's addresses are not all allowed the same: a MUD file speaks for every device, so only the common part is kept. */
  uneven: boolean;
}

/**
 * The live flows of a group as the simulator decides them, cell by cell (filtered cells only: traffic inside the
 * group's own zone crosses no enforcement point, and monitor mode passes what is not allowed, so neither is an intent).
 */
export function groupFlows(engine: Engine, group: string): GroupFlows {
  const mine = engine.identityAtoms.get(group) ?? [];
  const families: FamilyFlows[] = [];
  let uneven = false;
  for (const family of [4, 6] as const) {
    const own = mine.filter((a) => engine.atoms.family[a] === (family === 6 ? 1 : 0));
    if (own.length === 0) continue;
    const opens = classesOf(engine, own, 'from');
    const opened = classesOf(engine, own, 'to');
    uneven ||= opens.uneven || opened.uneven;
    const named = (c: FlowClass) => byName(c, engine.plan.names, family);
    families.push({ family, opens: opens.classes.map(named), opened: opened.classes.map(named) });
  }
  return { families, uneven };
}

function classesOf(engine: Engine, own: readonly number[], side: 'from' | 'to'): { classes: FlowClass[]; uneven: boolean } {
  const { atoms, cells, index } = engine;
  const candidates = new Set<number>();
  for (const a of own) {
    for (const f of side === 'from' ? index.flowsFrom(a) : index.flowsTo(a)) {
      if (!f.live) continue;
      for (const o of side === 'from' ? f.dst : f.src) if (atoms.family[o] === atoms.family[a]) candidates.add(o);
    }
  }
  const byServices = new Map<string, { services: ServiceSet; intervals: [bigint, bigint][] }>();
  let uneven = false;
  for (const o of [...candidates].sort((x, y) => x - y)) {
    let common: ServiceSet | undefined;
    let some = svc.EMPTY_SERVICES;
    for (const a of own) {
      const cell = side === 'from' ? cells.cell(a, o) : cells.cell(o, a);
      const allowed = cell.kind === 'filtered' ? cell.allowed : svc.EMPTY_SERVICES;
      common = common === undefined ? allowed : svc.intersect(common, allowed);
      some = svc.union(some, allowed);
    }
    if (common === undefined) continue;
    if (!svc.equals(common, some)) uneven = true;
    if (svc.isEmpty(common)) continue;
    const key = svc.serviceRanges(common).map((r) => `${r.proto}:${r.lo}-${r.hi}`).join(',');
    let entry = byServices.get(key);
    if (!entry) byServices.set(key, (entry = { services: common, intervals: [] }));
    entry.intervals.push([atoms.lo[o]!, atoms.hi[o]!]);
  }
  // In the order of their first address: the same policy, the same bytes.
  const classes = [...byServices.values()].map((e) => ({ addresses: iv.fromIntervals(e.intervals), names: [], services: e.services }));
  classes.sort((x, y) => (iv.first(x.addresses)! < iv.first(y.addresses)! ? -1 : 1));
  return { classes, uneven };
}

/**
 * An external alone in a class (its addresses whole intervals of it) is its DNS name, which a MUD manager resolves
 * (RFC 8520 §8). Inside a wider range (`external`, a prefix that holds it) it is just addresses, as compile holds it.
 * Where names stand for whatever DNS says, their blocks (240.0.0.0/8, 100::/64) are no host's addresses and are never
 * written, as the language refuses them (WL414). A class of every address of the family is that one prefix.
 */
function byName(c: FlowClass, names: DnsNames, family: Family): FlowClass {
  const all = family === 4 ? V4_ADDRESSES : V6_ADDRESSES;
  if (iv.equals(c.addresses, all)) return c;
  const fqdns: string[] = [];
  let rest = c.addresses;
  for (const e of names.all) {
    const set = iv.intersect(names.set(e.name), all);
    const alone = !iv.isEmpty(set) && iv.isSubset(set, c.addresses) && set.every(([lo, hi]) => !iv.contains(c.addresses, lo - 1n) && !iv.contains(c.addresses, hi + 1n));
    if (!alone) continue;
    fqdns.push(e.fqdn.value);
    rest = iv.subtract(rest, set);
  }
  if (!iv.isEmpty(names.standIns)) rest = iv.subtract(rest, STAND_IN_SET);
  return { addresses: rest, names: [...new Set(fqdns)], services: c.services };
}
