import { compilePolicy } from '../compile/compile.js';
import type { Program } from '../compile/ir.js';
import { validateTranslation, type ValidationResult } from '../compile/validate.js';
import { buildAddressPlan } from '../model/address-plan.js';
import type { Policy } from '../model/policy.js';
import { formatKey } from '../net/address.js';
import { formatProtoPort } from '../net/service.js';
import { simulator } from '../sim/simulator.js';
import { targets } from '../../targets/registry.js';
import type { ReadContext, UnknownLine } from '../../targets/reader.js';
import type { AddressPlan } from '../model/address-plan.js';
import { configEvaluator, type DeviceReading, type DeviceSplit } from './config-evaluator.js';
import { renderedFiles } from './rendered-files.js';

export interface PointUnknownLine extends UnknownLine {
  point: string;
}

export interface DeviceReadings {
  readings: DeviceReading[];
  /** Lines no reader understood, by point, in path and line order (file paths relative to the compiled directory). */
  unknown: PointUnknownLine[];
  /** Filtering points with no files in the directory. */
  missing: string[];
}

/**
 * Each filtering point's files read by its platform's reader, one reading per device (`<point>/<device>/<file>` for a
 * pair or group). `files` holds paths relative to the compiled directory, as compile writes them.
 */
export function readDevices(files: ReadonlyMap<string, string>, programs: readonly Program[], context?: ReadContext): DeviceReadings {
  const out: DeviceReadings = { readings: [], unknown: [], missing: [] };
  for (const program of programs) {
    const reader = targets[program.platform]!.reader;
    const devices = new Map<string, { path: string; text: string }[]>();
    for (const [path, text] of files) {
      const parts = path.split('/');
      if (parts[0] !== program.point || parts.length < 2) continue;
      const device = parts.length > 2 ? parts[1]! : '';
      const rel = parts.slice(parts.length > 2 ? 2 : 1).join('/');
      devices.set(device, [...(devices.get(device) ?? []), { path: rel, text }]);
    }
    if (devices.size === 0) out.missing.push(program.point);
    for (const [device, list] of [...devices].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const reading = reader.read(list.sort((a, b) => (a.path < b.path ? -1 : 1)), context);
      const prefix = `${program.point}/${device ? `${device}/` : ''}`;
      out.unknown.push(...reading.unknown.map((u) => ({ ...u, file: `${prefix}${u.file}`, point: program.point })));
      out.readings.push({ point: program.point, ...(device ? { device } : {}), reading, dir: prefix });
    }
  }
  return out;
}

/** What readers need of the policy: what each DNS name of an FQDN object stands for. */
export function readContext(plan: AddressPlan): ReadContext {
  return {
    resolve: (fqdn) => {
      const external = plan.names.byFqdn(fqdn);
      return external && plan.names.set(external.name);
    },
  };
}

export interface TextValidation extends ValidationResult, Omit<DeviceReadings, 'readings'> {
  /** Packets the devices of one point answer differently, once per point and packet. */
  splits: DeviceSplit[];
}

/** `10.20.1.5 → 10.50.10.20 tcp/443: dc-leaf-1 permit (where), dc-leaf-2 deny (where)`. */
export function splitText(split: DeviceSplit): string {
  const p = split.packet;
  const verdicts = split.verdicts.map((v) => `${v.device} ${v.verdict.action} (${v.verdict.where})`).join(', ');
  return `${formatKey(p.src)} → ${formatKey(p.dst)} ${formatProtoPort(p.proto, p.port)}: ${verdicts}`;
}

/**
 * Text-level translation validation: on every packet class the IR validation enumerates, the devices' text as their
 * readers read it must decide what the simulator decides. `files` defaults to what compile renders for the policy.
 */
export function validateText(policy: Policy, files?: ReadonlyMap<string, string>, programs: readonly Program[] = compilePolicy(policy)): TextValidation {
  const plan = buildAddressPlan(policy);
  const read = readDevices(files ?? renderedFiles(policy, programs), programs, readContext(plan));
  const evaluator = configEvaluator(policy, plan, read.readings);
  const result = validateTranslation(policy, plan, programs, simulator(policy), { evaluated: evaluator });
  // One split per point and packet class: a connection meets the same split forward and back.
  const seen = new Set<string>();
  const splits = evaluator.splits.filter((split) => {
    const key = `${split.point} ${splitText(split)}`;
    return !seen.has(key) && seen.add(key);
  });
  return { ...result, splits, unknown: read.unknown, missing: read.missing };
}
