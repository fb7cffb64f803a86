import { compilePolicy } from '../compile/compile.js';
import type { Program } from '../compile/ir.js';
import { validateTranslation, type ValidationResult } from '../compile/validate.js';
import { buildAddressPlan, type AddressPlan } from '../model/address-plan.js';
import type { Policy } from '../model/policy.js';
import { formatKey } from '../net/address.js';
import { formatProtoPort } from '../net/service.js';
import { simulator } from '../sim/simulator.js';
import { targets } from '../../targets/registry.js';
import type { UnknownLine } from '../../targets/reader.js';
import { configEvaluator, type DeviceReading } from './config-evaluator.js';
import { irReading } from './ir-reading.js';
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
  /** Points answered from their IR: their platform has no reader yet. */
  fromIr: string[];
}

/**
 * Each filtering point's files read by its platform's reader, one reading per device (`<point>/<device>/<file>` for a
 * pair or group). `files` holds paths relative to the compiled directory, as compile writes them.
 */
export function readDevices(files: ReadonlyMap<string, string>, programs: readonly Program[], plan: AddressPlan): DeviceReadings {
  const out: DeviceReadings = { readings: [], unknown: [], missing: [], fromIr: [] };
  for (const program of programs) {
    const reader = targets[program.platform]?.reader;
    if (!reader) {
      out.fromIr.push(program.point);
      out.readings.push({ point: program.point, reading: irReading(program, plan) });
      continue;
    }
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
      const reading = reader.read(list.sort((a, b) => (a.path < b.path ? -1 : 1)));
      const prefix = `${program.point}/${device ? `${device}/` : ''}`;
      out.unknown.push(...reading.unknown.map((u) => ({ ...u, file: `${prefix}${u.file}`, point: program.point })));
      out.readings.push({ point: program.point, ...(device ? { device } : {}), reading });
    }
  }
  return out;
}

export interface TextValidation extends ValidationResult, Omit<DeviceReadings, 'readings'> {}

/**
 * Text-level translation validation: on every packet class the IR validation enumerates, the devices' text as their
 * readers read it must decide what the simulator decides. `files` defaults to what compile renders for the policy.
 */
export function validateText(policy: Policy, files?: ReadonlyMap<string, string>, programs: readonly Program[] = compilePolicy(policy)): TextValidation {
  const plan = buildAddressPlan(policy);
  const read = readDevices(files ?? renderedFiles(policy, programs), programs, plan);
  const evaluator = configEvaluator(policy, plan, read.readings);
  const result = validateTranslation(policy, plan, programs, simulator(policy), evaluator);
  const seen = new Set<string>();
  for (const split of evaluator.splits) {
    const p = split.packet;
    const packet = `${formatKey(p.src)} → ${formatKey(p.dst)} ${formatProtoPort(p.proto, p.port)}`;
    if (seen.has(`${split.point} ${packet}`)) continue;
    seen.add(`${split.point} ${packet}`);
    result.disagreements.push({
      packet,
      simulator: `the devices of ${split.point} to agree`,
      compiled: split.verdicts.map((v) => `${v.device} ${v.verdict.action} (${v.verdict.where})`).join(', '),
    });
  }
  return { ...result, unknown: read.unknown, missing: read.missing, fromIr: read.fromIr };
}
