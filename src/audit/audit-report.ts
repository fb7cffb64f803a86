import { SEVERITY_RANK, type Diagnostic, type Severity } from '../model/diagnostic.js';
import { daysLeft, isLive, validity, type Validity } from '../model/expiry.js';
import type { Flow, Policy } from '../model/policy.js';
import { formatLine } from '../model/source.js';
import type { PolicyDiff } from '../diff/diff-policies.js';
import type { Matrix, MatrixName } from '../sim/matrix.js';
import type { ReachEntry } from '../sim/reach.js';
import type { Simulator } from '../sim/simulator.js';
import { formatAddressSet } from '../net/address-set.js';

/** Everything the auditor's report shows, as plain data (the HTML is rendered from this alone). */
export interface AuditReport {
  wardline: string;
  /** sha256 over the policy's files, the same as compile's manifest.json `policy`. */
  policyHash: string;
  files: string[];
  today: string;
  /** The days on which this report reads the same (between two expiries). */
  valid: Validity;
  horizon: number;
  counts: Record<'zones' | 'groups' | 'medicalGroups' | 'flows' | 'liveFlows' | 'guardrails' | 'exceptions' | 'expectations' | 'enforcementPoints', number>;
  check: { errors: number; warnings: number; infos: number; findings: Finding[] };
  guardrails: GuardrailStatus[];
  medical: MedicalGroup[];
  attention: Attention[];
  /** Endpoints outside the hospital known by DNS name (vendor clouds): what each resolves to, and who reaches it. */
  externals: ExternalFacts[];
  /** Absent past MATRIX_LIMIT names: a page of millions of cells helps no reader (matrix --format csv does). */
  matrix?: Matrix;
  /** Sources (and destinations) of the matrix by group. */
  matrixNames: MatrixName[];
  since?: PolicyDiff;
  /** `--observed RECORDS`: what the records say, as wardline observe sees it. */
  observed?: ObservedSection;
}

/** The auditor's share of `wardline observe`: what would be denied, what a guardrail stopped, what no one used. */
export interface ObservedSection {
  records: number;
  problems: number;
  rows: { section: 'blocker' | 'security finding'; from: string; to: string; service: string; connections: number; last: string | null; decidedBy: string }[];
  neverSeen: { id: string; at: string; owner: string | null }[];
}

/** 400 × 400 cells is about the most a page can hold and a reader can scan. */
export const MATRIX_LIMIT = 400;

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  at: string;
}

export interface GuardrailStatus {
  id: string;
  at: string;
  why: string;
  /** No live flow crosses it outside its exceptions (WL501 finds none). */
  holds: boolean;
  exceptions: { flow: string; why: string; at: string }[];
}

/** A flow as the auditor reads it: what it is for, whose it is, until when. */
export interface FlowFacts {
  id: string;
  at: string;
  services: string;
  owner: string | null;
  why: string | null;
  ticket: string | null;
  expires: string | null;
  /** Days to its expiry when that is within the horizon (0: its last day). */
  expiresInDays: number | null;
  /** Guardrails that would forbid it but list it as an exception. */
  exceptionTo: string[];
}

export interface ReachRow {
  /** The group, zone (its addresses in no group) or `external` on the other side. */
  other: string;
  kind: ReachEntry['kind'];
  verdict: ReachEntry['verdict'];
  services: string;
  flows: FlowFacts[];
}

export interface MedicalGroup {
  name: string;
  zone: string;
  owner: string | null;
  description: string | null;
  reachedBy: ReachRow[];
  reaches: ReachRow[];
}

export interface ExternalFacts {
  name: string;
  fqdn: string;
  at: string;
  owner: string | null;
  description: string | null;
  /** What the policy says it resolves to and where, or that it gives no addresses (the firewalls resolve the name). */
  resolves: string;
  reachedBy: ReachRow[];
}

export interface Attention {
  kind: 'expired' | 'expiring' | 'exception';
  flow: string;
  at: string;
  text: string;
}

export interface ReportInput {
  wardline: string;
  policyHash: string;
  sim: Simulator;
  findings: readonly Diagnostic[];
  horizon: number;
  since?: PolicyDiff;
  observed?: ObservedSection;
}

export function auditReport(input: ReportInput): AuditReport {
  const { sim, findings, horizon } = input;
  const policy = sim.policy;
  const rows = sim.matrixRows('group');
  const exceptionsOf = exceptionIndex(policy);
  const facts = flowFacts(policy, horizon, exceptionsOf);
  const medicalGroups = rows.names.filter((n) => n.kind === 'group' && n.medical);
  const report: AuditReport = {
    wardline: input.wardline,
    policyHash: input.policyHash,
    files: [...policy.files].sort(),
    today: policy.today,
    valid: validity(policy.flows, policy.today),
    horizon,
    counts: {
      zones: policy.zones.size,
      groups: policy.groups.size,
      medicalGroups: medicalGroups.length,
      flows: policy.flows.length,
      liveFlows: policy.flows.filter((f) => isLive(f, policy.today)).length,
      guardrails: policy.guardrails.length,
      exceptions: policy.guardrails.reduce((n, g) => n + g.exceptions.length, 0),
      expectations: policy.expectations.length,
      enforcementPoints: policy.enforcementPoints.size,
    },
    check: checkSummary(findings),
    guardrails: policy.guardrails.map((g) => ({
      id: g.id,
      at: formatLine(g.loc),
      why: g.why,
      holds: !findings.some((d) => d.code === 'WL501' && d.related.some((r) => r.file === g.loc.file && r.range.start.line === g.loc.range.start.line)),
      exceptions: g.exceptions.map((e) => ({ flow: e.flow.value, why: e.why, at: formatLine(e.loc) })),
    })),
    medical: medicalGroups.map((n) => {
      const group = policy.groups.get(n.name)!;
      return {
        name: n.name,
        zone: group.zone.value,
        owner: group.owner ?? null,
        description: group.description ?? null,
        reachedBy: reachRows(sim.reachableTo(n.name).reach, facts),
        reaches: reachRows(sim.reachableFrom(n.name).reach, facts),
      };
    }),
    attention: attention(policy, horizon, exceptionsOf),
    externals: sim.engine.plan.names.all.map((e) => {
      const names = sim.engine.plan.names;
      const where = [...new Set(names.sources(e.name).map((x) => formatLine(x.loc)))].join(', ');
      return {
        name: e.name,
        fqdn: e.fqdn.value,
        at: formatLine(e.loc),
        owner: e.owner ?? null,
        description: e.description ?? null,
        resolves: names.resolved(e.name) ? `resolves to ${formatAddressSet(names.set(e.name))} (${where})` : 'no addresses in the policy: firewalls with FQDN objects resolve the name themselves',
        reachedBy: reachRows(sim.reachableTo(e.name).reach, facts),
      };
    }),
    matrixNames: rows.names,
  };
  if (rows.names.length <= MATRIX_LIMIT) report.matrix = { ...rows, cells: [...rows.cells] };
  if (input.since !== undefined) report.since = input.since;
  if (input.observed !== undefined) report.observed = input.observed;
  return report;
}

function checkSummary(findings: readonly Diagnostic[]): AuditReport['check'] {
  const count = (s: Severity) => findings.filter((d) => d.severity === s).length;
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return {
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    findings: sorted.map((d) => ({ code: d.code, severity: d.severity, message: d.message, at: `${d.file}:${d.range.start.line + 1}` })),
  };
}

/** Flow id → the guardrails that list it as an exception. */
function exceptionIndex(policy: Policy): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of policy.guardrails) for (const e of g.exceptions) out.set(e.flow.value, [...(out.get(e.flow.value) ?? []), g.id]);
  return out;
}

function flowFacts(policy: Policy, horizon: number, exceptionsOf: Map<string, string[]>): Map<string, Omit<FlowFacts, 'services'>> {
  return new Map(
    policy.flows.map((f) => [
      f.id,
      {
        id: f.id,
        at: formatLine(f.loc),
        owner: f.owner ?? null,
        why: f.why ?? null,
        ticket: f.ticket ?? null,
        expires: f.expires?.value ?? null,
        expiresInDays: expiringWithin(f, policy.today, horizon),
        exceptionTo: exceptionsOf.get(f.id) ?? [],
      },
    ]),
  );
}

function expiringWithin(f: Flow, today: string, horizon: number): number | null {
  const left = daysLeft(f, today);
  return left !== undefined && left >= 0 && left <= horizon ? left : null;
}

function reachRows(entries: readonly ReachEntry[], facts: Map<string, Omit<FlowFacts, 'services'>>): ReachRow[] {
  return entries.map((e) => ({
    other: e.name,
    kind: e.kind,
    verdict: e.verdict,
    services: e.services,
    flows: e.decidedBy.filter((d) => d.kind === 'flow' && d.id !== undefined && facts.has(d.id)).map((d) => ({ ...facts.get(d.id!)!, services: d.services })),
  }));
}

/** What an auditor should look at first: flows past their expiry, flows expiring within the horizon, guardrail exceptions. */
function attention(policy: Policy, horizon: number, exceptionsOf: Map<string, string[]>): Attention[] {
  const out: Attention[] = [];
  for (const f of policy.flows) {
    const at = formatLine(f.loc);
    const left = daysLeft(f, policy.today);
    if (left !== undefined && left < 0) out.push({ kind: 'expired', flow: f.id, at, text: `expired on ${f.expires!.value}: no longer allowed or compiled; remove it or renew it${owned(f)}` });
    else if (left !== undefined && left <= horizon) out.push({ kind: 'expiring', flow: f.id, at, text: `${left === 0 ? 'last day today' : `expires in ${left} day(s)`} (${f.expires!.value}): renew it or let it lapse${owned(f)}` });
    for (const g of exceptionsOf.get(f.id) ?? []) {
      const reason = policy.guardrails.find((x) => x.id === g)!.exceptions.find((e) => e.flow.value === f.id)!.why;
      out.push({ kind: 'exception', flow: f.id, at, text: `allowed as an exception to guardrail ${g}: ${reason}` });
    }
  }
  return out;
}

const owned = (f: Flow) => (f.owner === undefined ? ' (no owner named)' : `; owner ${f.owner}`);
