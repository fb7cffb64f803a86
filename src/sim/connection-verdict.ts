import { containsService } from '../net/service-set.js';
import * as iv from '../net/interval-set.js';
import type { DeciderRef } from './answer.js';
import type { Cell } from './cell.js';
import { deciderRef } from './decider-ref.js';
import type { Engine } from './engine.js';

/**
 * What the policy does with one connection between two atoms: `decide(packet)`'s verdict with the intents behind it,
 * but as enforced: what monitor mode passes now is `deny`, marked `monitored`.
 */
export interface ConnectionVerdict {
  verdict: 'allow' | 'deny' | 'same-segment' | 'unrouted';
  /** `guardrail` marks a connection a guardrail forbids: a security finding, never something to allow. */
  deniedBy?: 'guardrail' | 'default' | 'isolation';
  /** Denied under enforcement, passed now by monitor mode (model/monitor.ts): what an enforce step would cut. */
  monitored?: true;
  /** The live flows holding it, the guardrails forbidding it, the isolated zone, or the default: file order. */
  decidedBy: DeciderRef[];
  /** Expired flows that would have allowed a default-denied connection, by id. */
  expired: string[];
  /** Stable text of verdict and deciders, to group connections decided alike. */
  key: string;
}

/** The atom holding one address (a unified key). */
export function atomAt(engine: Engine, key: bigint): number {
  return engine.atoms.slices(iv.single(key, key))[0]!.atom;
}

const byCell = new WeakMap<Cell, Map<string, ConnectionVerdict>>();

/**
 * The verdict for a connection from atom `a` to atom `b` on (proto, port) (semantics.ts steps 1-3; the same as
 * `decidePacket`), kept per cell and service: cells are shared by every pair the same intents hold, so a stream of
 * records asks a handful of cells many times. `service` names the connection's service in the deciders.
 */
export function connectionVerdict(engine: Engine, a: number, b: number, proto: number, port: number, service: string): ConnectionVerdict {
  const cell = engine.cells.cell(a, b);
  let memo = byCell.get(cell);
  if (!memo) byCell.set(cell, (memo = new Map()));
  const memoKey = `${proto}/${port}/${service}`;
  let found = memo.get(memoKey);
  if (!found) memo.set(memoKey, (found = decideInCell(engine, cell, proto, port, service)));
  return found;
}

function decideInCell(engine: Engine, cell: Cell, proto: number, port: number, service: string): ConnectionVerdict {
  const made = (verdict: ConnectionVerdict['verdict'], decidedBy: DeciderRef[], deniedBy?: ConnectionVerdict['deniedBy'], expired: string[] = [], monitored = false): ConnectionVerdict => {
    const key = `${verdict}${monitored ? ' monitored' : ''}|${decidedBy.map((d) => `${d.kind}:${d.id ?? d.zone ?? ''}`).join(',')}`;
    return { verdict, ...(deniedBy ? { deniedBy } : {}), ...(monitored ? { monitored: true as const } : {}), decidedBy, expired, key };
  };
  switch (cell.kind) {
    case 'same-segment':
    case 'unrouted':
      return made(cell.kind, []);
    case 'isolated':
      return made('deny', [deciderRef(engine, 'isolation', cell.zone!, service)], 'isolation');
    case 'no-packet':
      return made('deny', [deciderRef(engine, 'default', '', service)], 'default');
    case 'filtered': {
      const holds = (d: { services: Parameters<typeof containsService>[0] }) => containsService(d.services, proto, port);
      if (containsService(cell.allowed, proto, port)) {
        return made('allow', cell.flows.filter(holds).map((d) => deciderRef(engine, 'flow', d.entry.index, service)));
      }
      // Passed by monitor mode now, denied once enforced: a would-deny, decided by what would deny it.
      if (containsService(cell.monitored, proto, port)) {
        const monitoring = cell.monitorGuards.filter(holds);
        if (monitoring.length > 0) return made('deny', monitoring.map((d) => deciderRef(engine, 'guardrail', d.entry.index, service)), 'guardrail', [], true);
        return made('deny', [deciderRef(engine, 'monitor', cell.monitorZone!, service)], 'default', [], true);
      }
      const guards = cell.guards.filter(holds);
      if (guards.length > 0) return made('deny', guards.map((d) => deciderRef(engine, 'guardrail', d.entry.index, service)), 'guardrail');
      const expired = cell.expired.filter(holds).map((d) => d.entry.flow.id);
      return made('deny', [deciderRef(engine, 'default', '', service)], 'default', expired);
    }
  }
}
