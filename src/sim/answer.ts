import { isInfrastructure, type InfrastructureFlow } from '../model/infrastructure.js';
import type { Flow, Guardrail, Policy, Zone } from '../model/policy.js';
import { isMonitoredGuardrail } from '../model/monitor.js';
import { monitorMarker } from '../model/monitor-marker.js';
import { formatKey } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import { hostExample } from '../net/packet-text.js';
import { formatProtoPort } from '../net/service.js';
import type { ServiceSet } from '../net/service-set.js';
import type { PartVerdict, Verdict } from './semantics.js';

/**
 * The answer types are the public JSON of `wardline query` (README, "query"): plain data, keys in a fixed order,
 * addresses and services already written as text.
 */
export type DeciderKind = 'flow' | 'guardrail' | 'default' | 'isolation' | 'infrastructure';

export interface DeciderRef {
  kind: DeciderKind;
  /** Flow or guardrail id; the zone's name for isolation; the service (`dhcp-relay`) for infrastructure. */
  id?: string;
  /** For infrastructure, and a gateway's default: the zone whose gateway provides it (or denies the rest). */
  zone?: string;
  file?: string;
  line?: number;
  /** The services of the part this intent decided. */
  services: string;
  /** Monitor mode: this guardrail or default would deny, and the part passes, logged with this marker (model/monitor-marker.ts). */
  monitor?: string;
}

export interface Hop {
  point: string;
  platform: string;
  direction: 'in' | 'out';
  zone: string;
}

export interface ExamplePacket {
  src: string;
  dst: string;
  service: string;
}

export interface Part {
  verdict: PartVerdict;
  sources: string;
  destinations: string;
  services: string;
  example: ExamplePacket;
  decidedBy: DeciderRef[];
  /** Distinct paths of the part's packets, the example's first; empty when nothing is crossed. */
  paths: Hop[][];
}

export interface ExpiredRef {
  id: string;
  file: string;
  line: number;
  /** The flow's last live day. */
  expires: string;
}

export interface Replies {
  decidedBy: DeciderRef[];
  example: ExamplePacket;
}

export interface Answer {
  from: string;
  to: string;
  service: string | null;
  verdict: Verdict;
  example: ExamplePacket | null;
  decidedBy: DeciderRef[];
  path: Hop[];
  parts: Part[];
  /** When the verdict is not allow: the reverse connections that are allowed, whose replies come this way. */
  replies: Replies | null;
  /** Expired flows that would have allowed packets now denied by default. */
  expired: ExpiredRef[];
  notes: string[];
}

export function flowRef(flow: Flow, services: string): DeciderRef {
  if (isInfrastructure(flow)) return infrastructureRef(flow, services);
  return { kind: 'flow', id: flow.id, file: flow.loc.file, line: flow.loc.range.start.line + 1, services };
}

export function guardrailRef(g: Guardrail, services: string): DeciderRef {
  const ref: DeciderRef = { kind: 'guardrail', id: g.id, file: g.loc.file, line: g.loc.range.start.line + 1, services };
  // A guardrail in monitor mode never denies (enforced ones decide denies): it decides monitored parts only.
  if (isMonitoredGuardrail(g)) ref.monitor = monitorMarker({ kind: 'guardrail', id: g.id });
  return ref;
}

/** The default of a monitored zone: what it would deny from or to the zone, passed and logged. */
export function monitorRef(zone: Zone, services: string): DeciderRef {
  return { kind: 'default', zone: zone.name, file: zone.loc.file, line: zone.loc.range.start.line + 1, services, monitor: monitorMarker({ kind: 'default', zone: zone.name }) };
}

export function infrastructureRef(flow: InfrastructureFlow, services: string): DeciderRef {
  const { zone, service } = flow.infrastructure;
  return { kind: 'infrastructure', id: service, zone, file: flow.loc.file, line: flow.loc.range.start.line + 1, services };
}

export function isolationRef(zone: Zone, services: string): DeciderRef {
  return { kind: 'isolation', id: zone.name, file: zone.loc.file, line: zone.loc.range.start.line + 1, services };
}

export function defaultRef(services: string): DeciderRef {
  return { kind: 'default', services };
}

export function hopsOf(policy: Policy, from: string | undefined, to: string | undefined): Hop[] {
  const hop = (zone: string, direction: 'in' | 'out'): Hop => {
    const point = policy.zones.get(zone)?.via.value ?? '';
    return { point, platform: policy.enforcementPoints.get(point)?.platform.value ?? 'unknown', direction, zone };
  };
  return [...(from === undefined ? [] : [hop(from, 'in')]), ...(to === undefined ? [] : [hop(to, 'out')])];
}

type HostPicker = (keys: IntervalSet) => bigint;

const exampleServices = new WeakMap<ServiceSet, string>();
const keyTexts = new Map<bigint, string>();

function keyText(key: bigint): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size > 100_000) keyTexts.clear();
    keyTexts.set(key, (text = formatKey(key)));
  }
  return text;
}

/**
 * The deterministic example packet (net/packet-set.ts `example`) of one source, one destination and some services
 * of their family; the service chosen depends on the set alone, so it is kept per set.
 */
export function examplePacket(src: bigint, dst: bigint, services: ServiceSet, text: (key: bigint) => string = keyText): ExamplePacket {
  let service = exampleServices.get(services);
  if (service === undefined) {
    const p = ps.example(ps.between(iv.single(src, src), iv.single(dst, dst), services))!;
    exampleServices.set(services, (service = formatProtoPort(p.proto, p.port)));
  }
  return { src: text(src), dst: text(dst), service };
}

/** The deterministic example of any non-empty packet set, its addresses picked as `hostExample` (net/packet-text.ts) does. */
export function packetExample(set: ps.PacketSet, pickSource: HostPicker, pickDestination: HostPicker = pickSource, text: (key: bigint) => string = formatKey): ExamplePacket {
  const p = hostExample(set, pickSource, pickDestination)!;
  return { src: text(p.src), dst: text(p.dst), service: formatProtoPort(p.proto, p.port) };
}

export function formatExample(e: ExamplePacket): string {
  return `${e.src} → ${e.dst} ${e.service}`;
}

/** `file:line` of a reference, for text output. */
export function refLine(r: { file?: string; line?: number }): string {
  return r.file === undefined ? '' : `${r.file}:${r.line}`;
}
