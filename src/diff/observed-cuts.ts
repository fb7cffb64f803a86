import type { DeciderRef } from '../sim/answer.js';
import type { Simulator } from '../sim/simulator.js';

/**
 * Observed connections a change cuts: what the records show passing under BASE (allowed, or passed by monitor mode)
 * that HEAD denies. The question a monitor -> enforce change asks (README: staged rollout).
 */
export interface ObservedCut {
  from: string;
  to: string;
  service: string;
  connections: number;
  first: string | null;
  last: string | null;
  /** What denies it on HEAD. */
  decidedBy: DeciderRef[];
}

export interface ObservedCuts {
  inputs: string[];
  records: number;
  problems: number;
  cuts: ObservedCut[];
}

/** Each record judged by both sides in one pass over the inputs. */
export async function observedCuts(base: Simulator, head: Simulator, inputs: readonly string[]): Promise<ObservedCuts> {
  const { observer } = await import('../observe/observe-records.js');
  const { readRecords } = await import('../observe/read-records.js');
  const { problemSink } = await import('../observe/record-problems.js');
  const before = observer(base);
  const after = observer(head);
  let problems = 0;
  for (const input of inputs) {
    const sink = problemSink();
    let n = 0;
    for await (const r of readRecords(input, { problems: sink })) {
      n++;
      before.add(r, input, n);
      after.add(r, input, n);
    }
    problems += sink.count;
  }
  const was = before.finish();
  const now = after.finish();
  const passed = new Set(was.rows.filter((r) => r.decision.verdict === 'allow' || r.decision.monitored).map((r) => `${r.from}\0${r.to}\0${r.service}`));
  const cuts = now.rows
    .filter((r) => r.decision.verdict === 'deny' && !r.decision.monitored && passed.has(`${r.from}\0${r.to}\0${r.service}`))
    .map((r) => ({ from: r.from, to: r.to, service: r.service, connections: r.connections, first: r.first ?? null, last: r.last ?? null, decidedBy: r.decision.decidedBy }));
  return { inputs: [...inputs], records: now.records, problems: problems + now.problems, cuts };
}
