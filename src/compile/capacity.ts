import type { AclLine, AclProgram, Program, Provenance } from './ir.js';

/**
 * A hardware (or table) resource a platform fills with what wardline renders, and the default budget for it: the
 * figure of a named device, from its vendor's documentation. A point's `capacity:` overrides the budget.
 */
export interface CapacityResource {
  /** How a policy names it under `capacity:` and how manifests and messages name it: `acl-entries-in`. */
  name: string;
  /** What one unit is, plural, for messages: `ingress ACL entries`. */
  unit: string;
  /** The default budget. */
  budget: number;
  /** The device the default is for, and where the figure comes from. */
  source: string;
}

/** How much of one resource a program fills, and which intents fill it (for saying which do not fit). */
export interface ResourceUse {
  used: number;
  /** Units by intent key (`flow f1`, `guardrail g`, `zone z`, `default deny`), in first-use order. */
  byIntent: Map<string, number>;
}

/** A program's use of each resource its platform counts, by resource name. */
export type PointUsage = Record<string, ResourceUse>;

/** How a target counts what it renders for a program, without rendering it. */
export type UsageOf = (program: Program) => PointUsage;

/** The intent a line or rule counts against: replies count against their flow, exceptions against the flow too. */
export function intentKey(p: Provenance): string {
  switch (p.kind) {
    case 'flow':
    case 'exception':
      return `flow ${p.id}`;
    case 'return':
      // Replies monitor mode passes count against what passes them: a monitored zone (no place of its own) or guardrail.
      if (p.monitor) return p.file === undefined ? `monitor of zone ${p.id}` : `guardrail ${p.id}`;
      // A zone's infrastructure has an id `zone/service`; a flow's id never holds a `/`.
      return p.id?.includes('/') ? `infrastructure ${p.id}` : `flow ${p.id}`;
    case 'infrastructure':
      return `infrastructure ${p.id}`;
    case 'guardrail':
      return `guardrail ${p.id}`;
    case 'segment':
      return `zone ${p.id}`;
    case 'default':
      return 'default deny';
    case 'isolation':
      return `isolation of zone ${p.id}`;
    case 'monitor':
      return `monitor of zone ${p.id}`;
  }
}

export function emptyUse(): ResourceUse {
  return { used: 0, byIntent: new Map() };
}

export function addUse(use: ResourceUse, key: string, units: number): void {
  if (units === 0) return;
  use.used += units;
  use.byIntent.set(key, (use.byIntent.get(key) ?? 0) + units);
}

/**
 * Hardware entries of a switch's lists, the way TCAM holds them: one per source prefix, destination prefix and
 * alternative of the line's match (port range, ICMP type, reply flag), since an entry matches one value or mask per
 * field. `alternatives` is the target's own count of what it renders for the line's match (0 when it leaves a permit
 * out). Counted per direction (`in`, `out`) or for both together (`both`), as the device's tables are split.
 */
export function aclEntries(
  program: AclProgram,
  alternatives: (line: AclLine) => number,
  resources: { in: string; out: string } | { both: string },
): PointUsage {
  const sizes = new Map(program.objects.map((o) => [o.name, o.prefixes.length]));
  const size = (name: string) => (name === 'any' ? 1 : (sizes.get(name) ?? 0));
  const usage: PointUsage = {};
  const useOf = (direction: 'in' | 'out') => {
    const name = 'both' in resources ? resources.both : resources[direction];
    return (usage[name] ??= emptyUse());
  };
  for (const list of program.lists) {
    const use = useOf(list.direction);
    for (const line of list.lines) addUse(use, intentKey(line.provenance), size(line.src) * size(line.dst) * alternatives(line));
  }
  // Port isolation's VLAN filter takes entries of the same table, on the way in (a VLAN map or VLAN ACL).
  for (const iface of program.interfaces) {
    for (const f of iface.isolation?.families ?? []) {
      for (const line of f.lines) addUse(useOf('in'), intentKey(line.provenance), size(line.src) * size(line.dst) * alternatives(line));
    }
  }
  for (const name of 'both' in resources ? [resources.both] : [resources.in, resources.out]) usage[name] ??= emptyUse();
  return usage;
}

/** The match alternatives of a line as one entry each: port ranges, ICMP types, reply source-port ranges. */
export function matchAlternatives(line: AclLine): number {
  const reply = line.reply;
  if (reply) {
    switch (reply.kind) {
      case 'tcp-established':
      case 'mirrored-ports':
        return reply.srcPorts.length;
      case 'icmp-echo-reply':
      case 'reverse-protocol':
        return 1;
    }
  }
  const s = line.service;
  if (!s || s.proto === 'any') return 1;
  return s.ports?.length ?? s.icmp?.length ?? 1;
}

/** One capability note per resource: its default budget and where the figure comes from. */
export function capacityNotes(resources: readonly CapacityResource[]): string[] {
  return resources.map((r) => `Capacity ${r.name}: ${r.budget.toLocaleString('en-US')} ${r.unit} by default (override with capacity:). ${r.source}.`);
}
