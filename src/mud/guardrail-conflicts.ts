import { guardrailViolation } from '../check/guardrail-violation.js';
import { checkContext } from '../check/run-checks.js';
import { loadPolicy } from '../lang/load-policy.js';
import type { SourceFile } from '../lang/source-files.js';
import { formatLoc, type SourceLoc } from '../model/source.js';
import * as ps from '../net/packet-set.js';
import { describePacketServices } from '../net/packet-text.js';
import type { MudProblem } from './mud-document.js';
import type { ImportRun } from './import-request.js';

const sameStart = (a: SourceLoc, b: SourceLoc) => a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.col === b.range.start.col;

/**
 * What the policy's guardrails forbid of the imported flows, said at the ACEs that ask for them: the YAML is merged
 * with the policy's files as `path` and WL501 run over the whole, so the answer is the one `check` gives after the
 * merge, before anyone merges. A merge that does not load (a --map naming what the policy lacks) is said instead.
 */
export function guardrailConflicts(sources: readonly SourceFile[], run: ImportRun, today: string, path = '<imported>'): MudProblem[] {
  const { policy, diagnostics } = loadPolicy([...sources, { path, text: run.yaml }], { today });
  const broken = [...diagnostics.filter((d) => d.severity === 'error').map((d) => ({ loc: { file: d.file, range: d.range }, message: d.message })), ...policy.unresolved.map((r) => ({ loc: r.loc, message: `"${r.text}" is not ${r.what === 'endpoint' ? 'a group or zone' : `a ${r.what}`} of the policy` }))];
  if (broken.length > 0) {
    return broken.map(({ loc, message }) => ({ file: loc.file, line: loc.range.start.line + 1, col: loc.range.start.col + 1, where: 'the imported YAML with --policy', reason: `${message}: guardrails not checked; map to endpoints the policy has`, counts: true, kind: 'conflict' }));
  }
  const imported = new Map(run.flows.map((f) => [f.id, f.aces]));
  const ctx = checkContext(policy);
  const out: MudProblem[] = [];
  for (const d of guardrailViolation.run(ctx)) {
    const flow = policy.flows.find((f) => imported.has(f.id) && f.loc.file === path && sameStart(f.loc, { file: d.file, range: d.range }));
    const guardrail = policy.guardrails.find((g) => d.related.some((r) => sameStart(g.loc, r)));
    if (!flow || !guardrail) continue;
    const what = describePacketServices(ps.intersect(ctx.packets.flow(flow), ctx.packets.guardrail(guardrail)));
    // An external by its name and DNS name: the reviewer knows the device's cloud by the latter.
    const ends = (refs: readonly { text: string }[]) => refs.map((r) => (policy.externals.has(r.text) ? `${r.text} (${policy.externals.get(r.text)!.fqdn.value})` : r.text)).join(', ');
    for (const ace of imported.get(flow.id)!) {
      out.push({
        file: ace.file,
        line: ace.line,
        col: ace.col,
        where: `acl ${JSON.stringify(ace.acl)} ace ${JSON.stringify(ace.ace)}`,
        reason: `flow ${flow.id} would allow ${what} from ${ends(flow.from)} to ${ends(flow.to)}, which guardrail "${guardrail.id}" (${formatLoc(guardrail.loc)}) forbids (WL501 once merged)${guardrail.why ? `: ${guardrail.why.replace(/\.$/, '')}` : ''}. Leave the connection out, narrow it, or list the flow under the guardrail's exceptions with a why`,
        counts: true,
        kind: 'conflict',
      });
    }
  }
  return out;
}
