import type { FlowRecord } from './flow-record.js';
import type { FormatReader } from './format-reader.js';

/**
 * `flow-jsonl`, wardline's own record format: one FlowRecord (flow-record.ts) as a JSON object per line; lines starting
 * with `#` are comments. What any other tool's records can be converted to, and what the benchmark writes.
 */
export const flowJsonl: FormatReader = {
  format: 'flow-jsonl',
  description: "wardline's own records: one JSON object per line with FlowRecord's fields",
  detect: (lines) => {
    const first = lines.find((l) => !l.trim().startsWith('#'))?.trim() ?? '';
    return first.startsWith('{') && /"src"\s*:/.test(first) && /"proto"\s*:/.test(first);
  },
  parser: () => ({ line: (text) => (text.trim().startsWith('#') ? undefined : flowJsonRecord(text)) }),
};

const isCount = (x: unknown) => typeof x === 'number' && x >= 0;
const isWhole = (x: unknown) => typeof x === 'number' && Number.isInteger(x);

/** One flow-jsonl line as a record, or what is wrong with it. */
export function flowJsonRecord(line: string): FlowRecord | string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return 'not a JSON object (flow-jsonl has one record per line)';
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'not a JSON object (flow-jsonl has one record per line)';
  const { src, dst, proto, srcPort, dstPort, icmpCode, packets, bytes, first, last, monitorMarker, action } = o;
  if (typeof src !== 'string' || typeof dst !== 'string') return '"src" and "dst" must be addresses as strings';
  if (!isWhole(proto)) return '"proto" must be the IANA protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6)';
  if (packets !== undefined && !isCount(packets)) return '"packets" must be a number 0 or more';
  if (bytes !== undefined && !isCount(bytes)) return '"bytes" must be a number 0 or more';
  const record: FlowRecord = { src, dst, proto: proto as number, packets: (packets as number | undefined) ?? 0, bytes: (bytes as number | undefined) ?? 0 };
  for (const [k, v] of [['srcPort', srcPort], ['dstPort', dstPort], ['icmpCode', icmpCode]] as const) {
    if (v === undefined) continue;
    if (!isWhole(v)) return `"${k}" must be a whole number`;
    record[k] = v as number;
  }
  for (const [k, v] of [['first', first], ['last', last], ['monitorMarker', monitorMarker], ['action', action]] as const) {
    if (v === undefined) continue;
    if (typeof v !== 'string') return `"${k}" must be a string`;
    record[k] = v;
  }
  return record;
}
