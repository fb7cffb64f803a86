import { isInfrastructure } from '../model/infrastructure.js';
import { identityOfAtom } from '../sim/engine.js';
import type { Simulator } from '../sim/simulator.js';
import type { Observation, ObservedRow } from './observe-records.js';

/** A live flow no observed connection used, though the records saw both of its ends: a stale-flow candidate. */
export interface NeverSeenFlow {
  id: string;
  file: string;
  line: number;
  from: string;
  to: string;
  services: string;
  owner: string | null;
}

/**
 * The sections of `wardline observe`. `wouldDeny` are the rollout blockers, but for the rows a guardrail forbids,
 * which are security findings: traffic to stop at its source, never to allow.
 */
export interface ObserveReport {
  /** `--for GROUP`, when asked: only connections from or to it. */
  focus: string | null;
  observation: Observation;
  wouldDeny: ObservedRow[];
  allowed: ObservedRow[];
  /** Same segment (no enforcement point between them) and unrouted (both ends outside every zone). */
  notFiltered: ObservedRow[];
  neverSeen: NeverSeenFlow[];
  /** Live flows not judged: the records never showed an identity of their source or of their destination. */
  notJudged: string[];
  /** Addresses in no zone, from every record (also under `--for`): the policy's address plan misses them, or they are the internet. */
  unknownAddresses: { address: string; connections: number }[];
}

export function isBlocker(row: ObservedRow): boolean {
  return row.decision.verdict === 'deny' && row.decision.deniedBy !== 'guardrail';
}

export function isSecurityFinding(row: ObservedRow): boolean {
  return row.decision.deniedBy === 'guardrail';
}

/**
 * The rule for "allowed but never seen": a live flow (infrastructure aside) is judged when some identity of its
 * source and some identity of its destination were seen at either end of some record (so the records watched both
 * ends); a judged flow no connection was allowed by is never seen. Records from one firewall say nothing of flows
 * between zones it does not route, whose ends it never sees: those are counted as not judged, not called stale.
 */
export function observeReport(sim: Simulator, obs: Observation, focus?: string): ObserveReport {
  const { engine } = sim;
  const mine = (r: ObservedRow) => focus === undefined || r.from === focus || r.to === focus;
  const rows = obs.rows.filter(mine);
  const used = new Set<string>();
  for (const r of obs.rows) if (r.decision.verdict === 'allow') for (const d of r.decision.decidedBy) if (d.kind === 'flow') used.add(d.id!);
  const neverSeen: NeverSeenFlow[] = [];
  const notJudged: string[] = [];
  for (const entry of engine.index.flows) {
    const { flow } = entry;
    if (!entry.live || isInfrastructure(flow) || used.has(flow.id)) continue;
    const ends = (list: Int32Array) => new Set(Array.from(list, (a) => identityOfAtom(engine.atoms, a)));
    const [src, dst] = [ends(entry.src), ends(entry.dst)];
    if (focus !== undefined && !src.has(focus) && !dst.has(focus)) continue;
    const seen = (s: Set<string>) => [...s].some((id) => obs.seen.has(id));
    if (!seen(src) || !seen(dst)) {
      notJudged.push(flow.id);
      continue;
    }
    const text = (refs: { text: string }[]) => refs.map((r) => r.text).join(', ');
    neverSeen.push({ id: flow.id, file: flow.loc.file, line: flow.loc.range.start.line + 1, from: text(flow.from), to: text(flow.to), services: text(flow.services), owner: flow.owner ?? null });
  }
  const unknownAddresses = [...obs.unknownAddresses]
    .map(([address, connections]) => ({ address, connections }))
    .sort((a, b) => b.connections - a.connections || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return {
    focus: focus ?? null,
    observation: obs,
    wouldDeny: rows.filter((r) => r.decision.verdict === 'deny'),
    allowed: rows.filter((r) => r.decision.verdict === 'allow'),
    notFiltered: rows.filter((r) => r.decision.verdict === 'same-segment' || r.decision.verdict === 'unrouted'),
    neverSeen,
    notJudged,
    unknownAddresses,
  };
}
