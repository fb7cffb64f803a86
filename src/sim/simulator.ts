import type { Diagnostic } from '../model/diagnostic.js';
import type { Policy } from '../model/policy.js';
import type { Packet } from '../net/packet-set.js';
import type { Answer } from './answer.js';
import { linkServiceOf } from '../model/link-infrastructure.js';
import { isolationRuleOf } from '../model/isolation.js';
import { decidePacket, type PacketDecision } from './decide.js';
import { buildEngine, type Engine } from './engine.js';
import { evaluateExpectations } from './expectations.js';
import { explainIntent, type Explanation } from './explain.js';
import { buildMatrix, matrixRows, type Matrix, type MatrixBy, type MatrixRows } from './matrix.js';
import { answerQuery, freshAnswer } from './query.js';
import { reachFrom, type Reach } from './reach.js';

/** The reference semantics (semantics.ts) over one policy; built once, every question answered from its index. */
export interface Simulator {
  policy: Policy;
  engine: Engine;
  /** Can `from` open connections to `to` (with `service`: a name, an inline spec, a comma list; absent: any)? */
  query(from: string, to: string, service?: string): Answer;
  /** The same answer, not kept for the next time it is asked (for batches, which keep their own answered lines). */
  answerOnce(from: string, to: string, service?: string): Answer;
  /** Everything `from` can reach, by destination group, zone or external (only those in `towards`, when given). */
  reachableFrom(from: string, service?: string, towards?: ReadonlySet<string>): Reach;
  /** Everything that can reach `to`, by source group, zone or external. */
  reachableTo(to: string, service?: string): Reach;
  matrix(by: MatrixBy, service?: string): Matrix;
  /** The same matrix, its rows computed as a renderer reads them (for matrices too large to hold). */
  matrixRows(by: MatrixBy, service?: string): MatrixRows;
  /** What one flow or guardrail allows or forbids, and what it overlaps. */
  explain(id: string): Explanation;
  /** WL601 for every expectation of the policy that does not hold. */
  evaluateExpectations(): Diagnostic[];
  /** The verdict for the connection one packet opens (the translation validator's `Decide`). */
  decide(p: Packet): PacketDecision;
  /**
   * What the gateway of `zone` does with one packet from the zone's link to itself or to a link-scope destination:
   * allowed by the zone's link infrastructure, else denied (docs/infrastructure.md).
   */
  decideGateway(zone: string, p: Packet): 'allow' | 'deny';
  /**
   * What the switch of an isolated zone does with one packet between two stations of the zone's link (its hosts, by
   * their subnet, link-local or unspecified addresses, to each other, broadcast or multicast): model/isolation.ts.
   * A zone without isolation forwards everything.
   */
  decideSwitched(zone: string, p: Packet): 'forward' | 'drop';
}

/** The address plan and intent packets the checks already built for a policy. */
export type SimulatorShared = Parameters<typeof buildEngine>[1];

/** `shared`: the address plan and intent packets the checks already built for this policy. */
export function simulator(policy: Policy, shared?: SimulatorShared): Simulator {
  const engine = buildEngine(policy, shared);
  return {
    policy,
    engine,
    query: (from, to, service) => answerQuery(engine, service === undefined ? { from, to } : { from, to, service }),
    answerOnce: (from, to, service) => freshAnswer(engine, service === undefined ? { from, to } : { from, to, service }),
    reachableFrom: (from, service, towards) => reachFrom(engine, 'from', from, service, towards),
    reachableTo: (to, service) => reachFrom(engine, 'to', to, service),
    matrix: (by, service) => buildMatrix(engine, by, service),
    matrixRows: (by, service) => matrixRows(engine, by, service),
    explain: (id) => explainIntent(engine, id),
    evaluateExpectations: () => evaluateExpectations(engine),
    decide: (p) => decidePacket(engine, p),
    decideGateway: (zone, p) => (linkServiceOf(policy, policy.zones.get(zone)!, p) ? 'allow' : 'deny'),
    decideSwitched: (zone, p) => isolationRuleOf(policy, policy.zones.get(zone)!, p)?.action ?? 'forward',
  };
}
