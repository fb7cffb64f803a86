import { parseAddress, addressKey } from '../net/address.js';
import type { Simulator } from '../sim/simulator.js';
import { atomAt, connectionVerdict, type ConnectionVerdict } from '../sim/connection-verdict.js';
import type { FlowRecord } from './flow-record.js';
import { serviceNamer, type ObservedService } from './observed-service.js';
import { markerIntents } from './marker-intents.js';

export type IdentityKind = 'group' | 'zone' | 'external';

/** Observed connections of one identity pair and service that the policy decides alike. */
export interface ObservedRow {
  from: string;
  fromKind: IdentityKind;
  to: string;
  toKind: IdentityKind;
  service: string;
  /** The spec range the service stands for (suggestions are written from it). */
  spec: Pick<ObservedService, 'proto' | 'lo' | 'hi'>;
  decision: ConnectionVerdict;
  connections: number;
  packets: number;
  bytes: number;
  first?: string;
  last?: string;
  /** Connections that came from wardline's monitor-mode logs, by marker. */
  logged: Map<string, number>;
  /** Up to ADDRESSES_KEPT + 1 distinct addresses seen at an end that is no group (a suggestion names them). */
  fromAddresses: Set<string>;
  toAddresses: Set<string>;
}

/** What a stream of records says, aggregated: memory grows with identity pairs and services, not with records. */
export interface Observation {
  records: number;
  problems: number;
  /** The first problems, with their input and line (a reader's) or record number (a record the policy cannot place). */
  firstProblems: InputProblem[];
  rows: ObservedRow[];
  /** Addresses in no zone of the policy, with the connections they took part in (at most UNKNOWN_KEPT of them). */
  unknownAddresses: Map<string, number>;
  /** Connections of unknown addresses beyond the ones kept. */
  unknownOverflow: number;
  /** Every identity seen at either end of some record. */
  seen: Set<string>;
  /** Monitor markers seen: the intent each names in this policy (null: none, the logs are stale), and connections. */
  markers: Map<string, { intent: string | null; connections: number }>;
}

export interface InputProblem {
  input: string;
  line?: number;
  record?: number;
  reason: string;
}

export const ADDRESSES_KEPT = 8;
export const PROBLEMS_KEPT = 20;
const UNKNOWN_KEPT = 10_000;
const ADDRESS_MEMO = 200_000;
const ROW_MEMO = 200_000;

interface Endpoint {
  key: bigint;
  atom: number;
  identity: string;
  kind: IdentityKind;
}

/** An observer: `add` each record (or `problem` each line a reader refused), then `finish`. */
export function observer(sim: Simulator) {
  const { engine } = sim;
  const { atoms } = engine;
  const name = serviceNamer(sim.policy);
  const intents = markerIntents(sim.policy);
  const endpoints = new Map<string, Endpoint | null>();
  const rows = new Map<string, ObservedRow>();
  const byAtoms = new Map<number | string, ObservedRow>();
  // (atom pair, proto, port) as one number while it stays below 2^53.
  const numeric = atoms.count * atoms.count * 16_777_216 < Number.MAX_SAFE_INTEGER;
  const obs: Observation = { records: 0, problems: 0, firstProblems: [], rows: [], unknownAddresses: new Map(), unknownOverflow: 0, seen: new Set(), markers: new Map() };

  const endpointOf = (text: string): Endpoint | null => {
    let e = endpoints.get(text);
    if (e !== undefined) return e;
    const parsed = parseAddress(text);
    if (!parsed) e = null;
    else {
      const key = addressKey(parsed.family, parsed.value);
      const atom = atomAt(engine, key);
      const group = atoms.group[atom];
      const zone = atoms.zone[atom];
      e = { key, atom, identity: group ?? zone ?? 'external', kind: group !== undefined ? 'group' : zone !== undefined ? 'zone' : 'external' };
    }
    if (endpoints.size >= ADDRESS_MEMO) endpoints.clear();
    endpoints.set(text, e);
    return e;
  };
  const problem = (p: InputProblem) => {
    obs.problems++;
    if (obs.firstProblems.length < PROBLEMS_KEPT) obs.firstProblems.push(p);
  };
  const unknown = (address: string) => {
    const n = obs.unknownAddresses.get(address);
    if (n !== undefined) obs.unknownAddresses.set(address, n + 1);
    else if (obs.unknownAddresses.size < UNKNOWN_KEPT) obs.unknownAddresses.set(address, 1);
    else obs.unknownOverflow++;
  };

  return {
    problem,
    /** Problems a reader counted beyond the ones it kept. */
    moreProblems(n: number) {
      obs.problems += n;
    },
    /** `record`: its number in `input`, for a problem. */
    add(r: FlowRecord, input = '-', record = 0): void {
      const src = endpointOf(r.src);
      const dst = endpointOf(r.dst);
      if (!src || !dst) return problem({ input, record, reason: `"${!src ? r.src : r.dst}" is not an IPv4 or IPv6 address` });
      if (atoms.family[src.atom] !== atoms.family[dst.atom]) return problem({ input, record, reason: `${r.src} and ${r.dst} are of different address families` });
      const service = name(r);
      if (typeof service === 'string') return problem({ input, record, reason: service });
      obs.records++;
      // A row is fixed by the atoms and the service: found by number, without writing its key, for most records.
      const fast = numeric ? (src.atom * atoms.count + dst.atom) * 16_777_216 + service.proto * 65_536 + service.port : `${src.atom},${dst.atom},${service.proto},${service.port}`;
      let row = byAtoms.get(fast);
      if (!row) {
        const decision = connectionVerdict(engine, src.atom, dst.atom, service.proto, service.port, service.text);
        const key = `${src.identity}\0${dst.identity}\0${service.text}\0${decision.key}`;
        row = rows.get(key);
        if (!row) {
          row = { from: src.identity, fromKind: src.kind, to: dst.identity, toKind: dst.kind, service: service.text, spec: { proto: service.proto, lo: service.lo, hi: service.hi }, decision, connections: 0, packets: 0, bytes: 0, logged: new Map(), fromAddresses: new Set(), toAddresses: new Set() };
          rows.set(key, row);
        }
        obs.seen.add(src.identity);
        obs.seen.add(dst.identity);
        if (byAtoms.size >= ROW_MEMO) byAtoms.clear();
        byAtoms.set(fast, row);
      }
      row.connections++;
      row.packets += r.packets > 0 ? r.packets : 0;
      row.bytes += r.bytes > 0 ? r.bytes : 0;
      if (r.first !== undefined && (row.first === undefined || r.first < row.first)) row.first = r.first;
      const last = r.last ?? r.first;
      if (last !== undefined && (row.last === undefined || last > row.last)) row.last = last;
      if (src.kind !== 'group' && row.fromAddresses.size <= ADDRESSES_KEPT) row.fromAddresses.add(r.src);
      if (dst.kind !== 'group' && row.toAddresses.size <= ADDRESSES_KEPT) row.toAddresses.add(r.dst);
      if (src.kind === 'external') unknown(r.src);
      if (dst.kind === 'external') unknown(r.dst);
      if (r.monitorMarker !== undefined) {
        row.logged.set(r.monitorMarker, (row.logged.get(r.monitorMarker) ?? 0) + 1);
        const m = obs.markers.get(r.monitorMarker);
        if (m) m.connections++;
        else obs.markers.set(r.monitorMarker, { intent: intents.get(r.monitorMarker) ?? null, connections: 1 });
      }
    },
    finish(): Observation {
      obs.rows = [...rows.values()].sort(compareRows);
      return obs;
    },
  };
}

export type Observer = ReturnType<typeof observer>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareRows(a: ObservedRow, b: ObservedRow): number {
  return cmp(a.from, b.from) || cmp(a.to, b.to) || a.spec.proto - b.spec.proto || a.spec.lo - b.spec.lo || cmp(a.service, b.service) || cmp(a.decision.key, b.decision.key);
}

/** Every record of a stream, observed. */
export async function observeRecords(sim: Simulator, records: AsyncIterable<FlowRecord> | Iterable<FlowRecord>): Promise<Observation> {
  const o = observer(sim);
  for await (const r of records) o.add(r);
  return o.finish();
}
