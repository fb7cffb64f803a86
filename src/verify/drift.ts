import { irEvaluator, type WirePacket } from '../compile/evaluate.js';
import type { Program } from '../compile/ir.js';
import { validateTranslation, type Disagreement } from '../compile/validate.js';
import { buildAddressPlan } from '../model/address-plan.js';
import { diagnostic, related, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { Policy } from '../model/policy.js';
import { locAt } from '../model/source.js';
import { formatKey } from '../net/address.js';
import { formatProtoPort } from '../net/service.js';
import type { DeciderRef } from '../sim/answer.js';
import { atomAt, connectionVerdict } from '../sim/connection-verdict.js';
import { deciderText } from '../sim/render/answer-text.js';
import { simulator, type Simulator } from '../sim/simulator.js';
import type { ConfigLine } from '../../targets/reader.js';
import { configEvaluator, type ConfigHop } from './config-evaluator.js';
import { readDevices } from './text-validation.js';

export interface DriftRequest {
  policy: Policy;
  programs: readonly Program[];
  /** The configuration read, paths relative to the compiled directory (`ward4-sw/config.txt`). */
  files: ReadonlyMap<string, string>;
  /** How a config path is shown to the reader of the findings (the directory it came from, joined). */
  shown: (path: string) => string;
  /** Unknown lines as warnings, not errors (`--ignore-unknown`). */
  ignoreUnknown: boolean;
}

export interface DriftResult {
  findings: Diagnostic[];
  /** Lines no reader understood (the CLI exits 2 for them unless told to ignore them). */
  unknown: number;
}

type Kind = 'exposure' | 'outage';

/**
 * Where a configuration disagrees with the policy: every packet class the devices' text decides otherwise than the
 * simulator, grouped by point, kind, the config lines that decide and the intent that should, one finding per group
 * with an example packet; and every line a reader did not understand.
 */
export function findDrift(req: DriftRequest): DriftResult {
  const { policy, programs } = req;
  const plan = buildAddressPlan(policy);
  const read = readDevices(req.files, programs, plan);
  const sim = simulator(policy);
  const evaluator = configEvaluator(policy, plan, read.readings);
  const validation = validateTranslation(policy, plan, programs, sim, evaluator);
  const intended = irEvaluator(programs, plan, (zone) => policy.zones.get(zone)?.via.value);
  const groups = new Map<string, { kind: Kind; hop: ConfigHop | undefined; decider: DeciderRef | undefined; example: Disagreement; count: number }>();
  for (const d of validation.disagreements) {
    const kind: Kind = passes(d.compiled) ? 'exposure' : 'outage';
    const hop = kind === 'outage' ? (d.probe.hops as ConfigHop[]).find((h) => h.action === 'deny') : exposedAt(d, intended);
    const decider = deciderOf(sim, d);
    const key = [kind, hop?.point, hop?.lines.map((l) => `${l.file}:${l.line}`).join(','), decider && deciderText(decider)].join('\0');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { kind, hop, decider, example: d, count: 1 });
  }
  const findings: Diagnostic[] = [];
  const pointFile = (point: string) => [...req.files.keys()].filter((p) => p.startsWith(`${point}/`)).sort()[0] ?? point;
  for (const g of groups.values()) {
    const line: ConfigLine | undefined = g.hop?.lines[0];
    const file = req.shown(line?.file ?? pointFile(g.hop?.point ?? ''));
    const at = locAt(file, { start: { line: Math.max(0, (line?.line ?? 1) - 1), col: 0 }, end: { line: Math.max(0, (line?.line ?? 1) - 1), col: line?.text.length ?? 0 } });
    const more = g.count > 1 ? ` and ${g.count - 1} more packet class${g.count === 2 ? '' : 'es'} decided alike` : '';
    const by = line ? `"${line.text.trim()}" (${g.hop!.where})` : g.hop ? `no entry (${g.hop.where}: the platform's default)` : 'no enforcement point on the path';
    const intent = g.decider ? `the policy ${g.kind === 'exposure' ? 'denies' : 'allows'} it ${deciderText(g.decider)}` : `the policy says ${g.example.simulator}`;
    const what = g.kind === 'exposure' ? 'passes what the policy denies (exposure)' : 'stops what the policy allows (outage)';
    const message = `${g.hop?.point ?? 'the path'} ${what}: ${g.example.packet}${more}; the configuration decides by ${by}; ${intent}.`;
    const hint =
      g.kind === 'exposure'
        ? 'Restore the configuration wardline compiles (wardline compile), or change the policy first if the device is right.'
        : 'Restore the entry wardline compiles (wardline compile), or remove the intent from the policy if the device is right.';
    const rel = g.decider?.file ? [related('the intent that should decide', locAt(g.decider.file, { start: { line: (g.decider.line ?? 1) - 1, col: 0 }, end: { line: (g.decider.line ?? 1) - 1, col: 0 } }))] : [];
    findings.push(diagnostic(g.kind === 'exposure' ? 'WL901' : 'WL902', 'error', message, at, { hint, related: rel }));
  }
  for (const split of evaluator.splits.slice(0, 50)) {
    const p = split.packet;
    const text = split.verdicts.map((v) => `${v.device} ${v.verdict.action}s (${v.verdict.where})`).join(', ');
    const line = split.verdicts.find((v) => v.verdict.lines.length > 0)?.verdict.lines[0];
    const at = locAt(req.shown(line?.file ?? pointFile(split.point)), { start: { line: (line?.line ?? 1) - 1, col: 0 }, end: { line: (line?.line ?? 1) - 1, col: 0 } });
    findings.push(diagnostic('WL904', 'error', `the devices of ${split.point} answer ${packetText(p)} differently: ${text}.`, at, { hint: 'Traffic may take either device: give them the same filters (wardline compile writes both).' }));
  }
  for (const u of read.unknown) {
    const at = locAt(req.shown(u.file), { start: { line: u.line - 1, col: 0 }, end: { line: u.line - 1, col: u.text.length } });
    const severity = req.ignoreUnknown ? 'warning' : 'error';
    findings.push(diagnostic('WL903', severity, `the reader of ${u.point}'s platform does not understand this line (${u.reason}): "${u.text.trim()}".`, at, { hint: 'verify reads the syntax each reader documents; reword the line, or pass --ignore-unknown to verify the rest without it.' }));
  }
  for (const point of read.missing) {
    findings.push(diagnostic('WL905', 'error', `enforcement point ${point} has no configuration in the directory.`, locAt(req.shown(point)), { hint: `Compile into the directory (wardline compile -o), or name the point's file with --point ${point} FILE.` }));
  }
  return { findings: sortDiagnostics(findings), unknown: read.unknown.length };
}

const passes = (compiled: string) => /^(allow|forward|same-segment)$/.test(compiled);

/** For an exposure, the hop of the point whose compiled configuration stops the packet: its text lets it through. */
function exposedAt(d: Disagreement, intended: ReturnType<typeof irEvaluator>): ConfigHop | undefined {
  const hops = d.probe.hops as ConfigHop[];
  const p = d.probe.packet;
  const ir = d.probe.kind === 'routed' ? intended.packet(p) : d.probe.kind === 'gateway' ? intended.gateway(d.probe.zone!, p) : intended.switched(d.probe.zone!, p);
  const stops = ir.hops.find((h) => h.action === 'deny');
  return (stops && hops.find((h) => h.point === stops.point)) ?? hops.at(-1);
}

/** The intent that decides the packet in the policy: its flows, guardrail, default, the zone's gateway or isolation. */
function deciderOf(sim: Simulator, d: Disagreement): DeciderRef | undefined {
  const p = d.probe.packet;
  const service = formatProtoPort(p.proto, p.port);
  if (d.probe.kind !== 'routed') {
    const zone = sim.policy.zones.get(d.probe.zone!)!;
    const kind = d.probe.kind === 'switched' ? 'isolation' : 'default';
    const line = zone.loc.range.start.line + 1;
    return d.probe.kind === 'switched' ? { kind, id: zone.name, file: zone.loc.file, line, services: service } : { kind, zone: zone.name, file: zone.loc.file, line, services: service };
  }
  const verdict = connectionVerdict(sim.engine, atomAt(sim.engine, p.src), atomAt(sim.engine, p.dst), p.proto, p.port, service);
  return verdict.decidedBy[0];
}

function packetText(p: WirePacket): string {
  return `${formatKey(p.src)} → ${formatKey(p.dst)} ${formatProtoPort(p.proto, p.port)}`;
}
