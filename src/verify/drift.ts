import type { WirePacket } from '../compile/evaluate.js';
import type { Program } from '../compile/ir.js';
import { validateTranslation, type Probe, type ProbeObserver } from '../compile/validate.js';
import { buildAddressPlan } from '../model/address-plan.js';
import { diagnostic, related, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { Policy } from '../model/policy.js';
import { locAt } from '../model/source.js';
import { formatProtoPort, TCP } from '../net/service.js';
import type { DeciderRef } from '../sim/answer.js';
import { atomAt, connectionVerdict } from '../sim/connection-verdict.js';
import { deciderText } from '../sim/render/answer-text.js';
import { simulator, type Simulator } from '../sim/simulator.js';
import type { ConfigLine } from '../../targets/reader.js';
import { configEvaluator, type ConfigHop } from './config-evaluator.js';
import { configCuts } from './config-cuts.js';
import { renderedFiles } from './rendered-files.js';
import { readContext, readDevices } from './text-validation.js';

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
  /** Packet classes held to the policy, and the enforcement points read (devices of a pair counted once). */
  classes: number;
  points: number;
  /** Lines no reader understood (the CLI exits 2 for them unless told to ignore them). */
  unknown: number;
}

type Kind = 'exposure' | 'outage';

interface Group {
  kind: Kind;
  reply: boolean;
  hop: ConfigHop | undefined;
  deciders: Map<string, DeciderRef>;
  example: string;
  count: number;
  /** Packets of the group the whole path decides otherwise than the policy (the rest another point still decides right). */
  through: number;
}

/**
 * Where a configuration disagrees with the policy: every packet class the devices' text decides otherwise than the
 * simulator, grouped by point, kind, the config lines that decide and the intent that should, one finding per group
 * with an example packet; and every line a reader did not understand.
 */
export function findDrift(req: DriftRequest): DriftResult {
  const { policy, programs } = req;
  const plan = buildAddressPlan(policy);
  const read = readDevices(req.files, programs, readContext(plan));
  const sim = simulator(policy);
  const evaluator = configEvaluator(policy, plan, read.readings);
  const groups = new Map<string, Group>();
  const add = (kind: Kind, reply: boolean, hop: ConfigHop | undefined, example: { packet: WirePacket; text: string; probe: Probe }, through: boolean) => {
    const key = [kind, reply, hop?.point, hop?.where, hop?.lines.map((l) => `${l.file}:${l.line}`).join(',')].join('\0');
    const group = groups.get(key) ?? { kind, reply, hop, deciders: new Map(), example: example.text, count: 0, through: 0 };
    groups.set(key, group);
    group.count++;
    if (through) group.through++;
    // The intents of the first packets are enough to name what the finding touches.
    if (group.count <= 200) {
      const decider = deciderOf(sim, example.probe);
      if (decider) group.deciders.set(`${decider.kind} ${decider.id ?? decider.zone ?? ''}`, decider);
    }
  };
  // Point by point: where a device's text decides a probe otherwise than its compiled configuration (the policy's
  // part for that device), even when another point on the path still decides the path as the policy does.
  const observe: ProbeObserver = (probe, text, compiled) => {
    for (const hop of text.hops as ConfigHop[]) {
      const intended = compiled.hops.find((h) => h.point === hop.point);
      if (!intended || intended.action === hop.action) continue;
      add(hop.action === 'permit' ? 'exposure' : 'outage', false, hop, { packet: probe.packet, text: probeText(probe, plan.names.keyText), probe }, text.action !== compiled.action);
    }
  };
  // Sampled where the text decides too: an address or port a hand edit names that the policy never does.
  const validation = validateTranslation(policy, plan, programs, sim, { evaluated: evaluator, observe, cuts: configCuts(req.files, renderedFiles(policy, programs)) });
  // Replies are not probes: a reply the text stops (connection state or return entries edited away) is found here.
  for (const d of validation.disagreements) {
    if (!d.compiled.includes('reply stopped') || (d.simulator !== 'allow' && d.simulator !== 'same-segment')) continue;
    const hop = (d.probe.hops as ConfigHop[]).find((h) => h.action === 'deny');
    add('outage', true, hop, { packet: d.probe.packet, text: d.packet, probe: d.probe }, true);
  }
  const findings: Diagnostic[] = [];
  const pointFile = (point: string) => [...req.files.keys()].filter((p) => p.startsWith(`${point}/`)).sort()[0] ?? point;
  for (const g of groups.values()) {
    const line: ConfigLine | undefined = g.hop?.lines[0];
    const file = req.shown(line?.file ?? pointFile(g.hop?.point ?? ''));
    const at = locAt(file, { start: { line: Math.max(0, (line?.line ?? 1) - 1), col: 0 }, end: { line: Math.max(0, (line?.line ?? 1) - 1), col: line?.text.length ?? 0 } });
    const more = g.count > 1 ? ` and ${g.count - 1} more packet class${g.count === 2 ? '' : 'es'} decided alike` : '';
    const them = g.count === 1 ? 'it' : 'them';
    const path =
      g.kind === 'outage'
        ? ''
        : g.through === 0
          ? `; another point on the path still stops ${them}`
          : g.through === g.count
            ? `; nothing else on the path stops ${them}`
            : `; ${g.through} get through the whole path`;
    const by = line ? `"${line.text.trim()}" (${g.hop!.where})` : g.hop ? `no entry (${g.hop.where}: the platform's default)` : 'no enforcement point on the path';
    const deciders = [...g.deciders.values()];
    const named = deciders.slice(0, 3).map((d) => deciderText(d).replace(/: [^:]*$/, '')).join('; ');
    const others = deciders.length > 3 ? `; and ${deciders.length - 3} more intents` : '';
    const intent = deciders.length > 0 ? `the policy ${g.kind === 'exposure' ? 'denies' : 'allows'} ${them} ${named}${others}` : `the policy ${g.kind === 'exposure' ? 'denies' : 'allows'} ${them}`;
    const what =
      g.kind === 'exposure' ? 'passes what the policy denies (exposure)' : g.reply ? 'stops the replies of what the policy allows (outage)' : 'stops what the policy allows (outage)';
    const message = `${g.hop?.point ?? 'the path'} ${what}: ${g.example}${more}; ${g.reply ? 'the replies meet' : 'the configuration decides by'} ${by}; ${intent}${path}.`;
    const hint =
      g.kind === 'exposure'
        ? 'Restore the configuration wardline compiles (wardline compile), or change the policy first if the device is right.'
        : g.reply
          ? 'Restore what passes the replies (connection state, or the return entries wardline compiles), or remove the intents from the policy if the device is right.'
          : 'Restore the entries wardline compiles (wardline compile), or remove the intents from the policy if the device is right.';
    const rel = deciders.filter((d) => d.file).map((d) => related(`the intent that should decide: ${d.kind} ${d.id ?? d.zone ?? ''}`.trim(), locAt(d.file!, { start: { line: (d.line ?? 1) - 1, col: 0 }, end: { line: (d.line ?? 1) - 1, col: 0 } })));
    findings.push(diagnostic(g.kind === 'exposure' ? 'WL901' : 'WL902', 'error', message, at, { hint, related: rel }));
  }
  for (const split of evaluator.splits.slice(0, 50)) {
    const p = split.packet;
    const text = split.verdicts.map((v) => `${v.device} ${v.verdict.action}s (${v.verdict.where})`).join(', ');
    const line = split.verdicts.find((v) => v.verdict.lines.length > 0)?.verdict.lines[0];
    const at = locAt(req.shown(line?.file ?? pointFile(split.point)), { start: { line: (line?.line ?? 1) - 1, col: 0 }, end: { line: (line?.line ?? 1) - 1, col: 0 } });
    findings.push(diagnostic('WL904', 'error', `the devices of ${split.point} answer ${packetText(p, plan.names.keyText)} differently: ${text}.`, at, { hint: 'Traffic may take either device: give them the same filters (wardline compile writes both).' }));
  }
  for (const u of read.unknown) {
    const at = locAt(req.shown(u.file), { start: { line: u.line - 1, col: 0 }, end: { line: u.line - 1, col: u.text.length } });
    const severity = req.ignoreUnknown ? 'warning' : 'error';
    findings.push(diagnostic('WL903', severity, `the reader of ${u.point}'s platform does not understand this line (${u.reason}): "${u.text.trim()}".`, at, { hint: 'verify reads the syntax each reader documents; reword the line, or pass --ignore-unknown to verify the rest without it.' }));
  }
  for (const point of read.missing) {
    findings.push(diagnostic('WL905', 'error', `enforcement point ${point} has no configuration in the directory.`, locAt(req.shown(point)), { hint: `Compile into the directory (wardline compile -o), or name the point's file with --point ${point} FILE.` }));
  }
  return { findings: sortDiagnostics(findings), unknown: read.unknown.length, classes: validation.classes, points: new Set(read.readings.map((r) => r.point)).size };
}

/** The intent that decides the packet in the policy: its flows, guardrail, default, the zone's gateway or isolation. */
function deciderOf(sim: Simulator, probe: Probe): DeciderRef | undefined {
  const p = probe.packet;
  const service = formatProtoPort(p.proto, p.port);
  if (probe.kind !== 'routed') {
    const zone = sim.policy.zones.get(probe.zone!)!;
    const kind = probe.kind === 'switched' ? 'isolation' : 'default';
    const line = zone.loc.range.start.line + 1;
    return probe.kind === 'switched' ? { kind, id: zone.name, file: zone.loc.file, line, services: service } : { kind, zone: zone.name, file: zone.loc.file, line, services: service };
  }
  const verdict = connectionVerdict(sim.engine, atomAt(sim.engine, p.src), atomAt(sim.engine, p.dst), p.proto, p.port, service);
  return verdict.decidedBy[0];
}

/** A probe as findings show it; a name's stand-in is shown as the name (whatever it resolves to). */
function probeText(probe: Probe, text: (key: bigint) => string): string {
  const where = probe.kind === 'gateway' ? ` on the link of zone ${probe.zone}` : probe.kind === 'switched' ? ` switched in zone ${probe.zone}` : '';
  const p = probe.packet;
  const from = p.proto === TCP && p.srcPort < 49152 && probe.kind === 'routed' ? ` from port ${p.srcPort}` : '';
  return `${packetText(p, text)}${from}${where}`;
}

function packetText(p: WirePacket, text: (key: bigint) => string): string {
  return `${text(p.src)} → ${text(p.dst)} ${formatProtoPort(p.proto, p.port)}`;
}
