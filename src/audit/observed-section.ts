import { isBlocker, isSecurityFinding, observeReport } from '../observe/observe-report.js';
import type { Simulator } from '../sim/simulator.js';
import type { ObservedSection } from './audit-report.js';

/** `report --observed`: the records read as wardline observe reads them, kept to what an auditor signs off on. */
export async function observedSection(sim: Simulator, inputs: readonly string[]): Promise<ObservedSection> {
  const { observer } = await import('../observe/observe-records.js');
  const { readRecords } = await import('../observe/read-records.js');
  const { problemSink } = await import('../observe/record-problems.js');
  const o = observer(sim);
  let problems = 0;
  for (const input of inputs) {
    const sink = problemSink();
    let n = 0;
    for await (const r of readRecords(input, { problems: sink })) o.add(r, input, ++n);
    problems += sink.count;
  }
  const report = observeReport(sim, o.finish());
  const said = (refs: readonly { kind: string; id?: string; zone?: string; monitor?: string }[]) =>
    refs.map((d) => (d.kind === 'default' ? (d.monitor ? `default of monitored zone ${d.zone}` : 'default') : `${d.kind} ${d.id ?? ''}`)).join(', ');
  return {
    records: report.observation.records,
    problems: problems + report.observation.problems,
    rows: report.wouldDeny
      .filter((r) => isBlocker(r) || isSecurityFinding(r))
      .map((r) => ({
        section: isSecurityFinding(r) ? ('security finding' as const) : ('blocker' as const),
        from: r.from,
        to: r.to,
        service: r.service,
        connections: r.connections,
        last: r.last ?? null,
        decidedBy: said(r.decision.decidedBy),
      })),
    neverSeen: report.neverSeen.map((f) => ({ id: f.id, at: `${f.file}:${f.line}`, owner: f.owner })),
  };
}
