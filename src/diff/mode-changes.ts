import type { Mode, Policy } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';

/**
 * A monitor-mode switch between two sides (README: monitor mode). `enforce` after `monitor` denies what monitor mode
 * passed and logged (it can cut traffic: `wardline observe` on the monitor logs lists what); `monitor` after `enforce`
 * passes what was denied. Both are risks, though no intent's connectivity changes.
 */
export interface ModeChange {
  kind: 'zone' | 'enforcement point' | 'guardrail';
  name: string;
  before: Mode;
  after: Mode;
  risk: 'enforce-cuts-monitored' | 'monitor-opens';
  /** Where HEAD defines it. */
  file: string;
  line: number;
}

/** Zones, points and guardrails on both sides whose mode differs, in that order and by name. */
export function modeChanges(base: Policy, head: Policy): ModeChange[] {
  const out: ModeChange[] = [];
  const compare = (kind: ModeChange['kind'], before: Map<string, { mode: Mode }>, after: Map<string, { mode: Mode; loc: SourceLoc }>) => {
    for (const name of [...after.keys()].sort()) {
      const was = before.get(name)?.mode;
      const now = after.get(name)!.mode;
      if (was === undefined || was === now) continue;
      const { loc } = after.get(name)!;
      out.push({ kind, name, before: was, after: now, risk: now === 'enforce' ? 'enforce-cuts-monitored' : 'monitor-opens', file: loc.file, line: loc.range.start.line + 1 });
    }
  };
  compare('zone', base.zones, head.zones);
  compare('enforcement point', base.enforcementPoints, head.enforcementPoints);
  compare('guardrail', new Map(base.guardrails.map((g) => [g.id, g])), new Map(head.guardrails.map((g) => [g.id, g])));
  return out;
}

export function modeChangeText(m: ModeChange): string {
  const what =
    m.risk === 'enforce-cuts-monitored'
      ? 'what monitor mode passed and logged is denied from now: run wardline observe on its logs first, its would-deny section is what this cuts'
      : 'what was denied is passed (and logged) from now';
  return `${m.kind} ${m.name}: ${m.before} -> ${m.after}: ${what}`;
}
