import type { FlowRecord } from './flow-record.js';
import type { FormatReader } from './format-reader.js';
import { zeekRecord } from './zeek-conn.js';

/** Zeek conn.log written with LogAscii::use_json=T: one JSON object a line, ts in epoch seconds or ISO 8601. */
function recordOf(text: string): FlowRecord | string | undefined {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'not a Zeek JSON object';
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const ts = o.ts;
  const tsMillis = typeof ts === 'number' ? ts * 1000 : typeof ts === 'string' && /^[0-9]{4}-/.test(ts) ? Date.parse(ts) : undefined;
  return zeekRecord({
    tsMillis: tsMillis !== undefined && Number.isFinite(tsMillis) ? tsMillis : undefined,
    origH: str(o['id.orig_h']),
    origP: num(o['id.orig_p']),
    respH: str(o['id.resp_h']),
    respP: num(o['id.resp_p']),
    proto: str(o.proto),
    duration: num(o.duration),
    origPkts: num(o.orig_pkts),
    respPkts: num(o.resp_pkts),
    origIpBytes: num(o.orig_ip_bytes),
    respIpBytes: num(o.resp_ip_bytes),
    origBytes: num(o.orig_bytes),
    respBytes: num(o.resp_bytes),
    connState: str(o.conn_state),
  });
}

export const zeekJson: FormatReader = {
  format: 'zeek-json',
  description: 'Zeek conn.log as JSON, one object a line',
  detect: (lines) => lines.some((l) => l.startsWith('{') && l.includes('"id.orig_h"')),
  parser: () => ({ line: recordOf }),
};
