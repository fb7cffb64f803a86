import type { FlowRecord } from './flow-record.js';
import type { FormatReader, ParseOptions } from './format-reader.js';
import { hasPorts, ICMPV6, isIcmp } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { localTimeIso } from './record-time.js';

/**
 * `nfdump -o json`: nfdump 1.7.1 writes a JSON array spread over lines, one member a line (`{`, `\t"proto" : 6,`,
 * … `},`), and without `[ ]` under `-q`. An object is gathered from its `{` line to its `}` line and parsed alone,
 * so memory holds one flow; an object on one line is taken too. Times are nfdump's local time, to the millisecond.
 */
const MAX_OBJECT_LINES = 200;
const UNCLOSED = `an nfdump JSON object that does not close (no "}" line within ${MAX_OBJECT_LINES} lines, or before the next "{")`;

type Json = Record<string, unknown>;

function parser(options: ParseOptions) {
  let gathered: string[] | undefined;
  const time = localTimeIso(options.utcOffsetMinutes);
  return {
    line(text: string): FlowRecord | string | undefined {
      const t = text.trim();
      if (t.startsWith('{')) {
        const unclosed = gathered !== undefined;
        gathered = undefined;
        if (/^\{.*\}[,\]]?$/.test(t)) return unclosed ? UNCLOSED : flowOf(t.replace(/[,\]]$/, ''), time);
        gathered = [t];
        return unclosed ? UNCLOSED : undefined;
      }
      if (gathered === undefined) return undefined; // `[`, `]`, nfdump's "No matching flows"
      gathered.push(t);
      if (/^\}[,\]]?$/.test(t)) {
        const objectText = gathered.join('\n').replace(/[,\]]$/, '');
        gathered = undefined;
        return flowOf(objectText, time);
      }
      if (gathered.length > MAX_OBJECT_LINES) {
        gathered = undefined;
        return UNCLOSED;
      }
      return undefined;
    },
  };
}

function flowOf(text: string, localTime: (text: string) => string | undefined): FlowRecord | string | undefined {
  let o: Json;
  try {
    o = JSON.parse(text) as Json;
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  if (typeof o !== 'object' || o === null) return 'not an nfdump JSON object';
  if (o.type !== undefined && o.type !== 'FLOW') return undefined; // nfdump's other record kinds carry no flow
  const src = recordAddress(String(o.src4_addr ?? o.src6_addr ?? ''));
  const dst = recordAddress(String(o.dst4_addr ?? o.dst6_addr ?? ''));
  if (src === undefined || dst === undefined) return 'no src4_addr/src6_addr or dst4_addr/dst6_addr address';
  const proto = o.proto;
  if (!isWhole(proto) || proto > 255) return 'no protocol number (proto)';
  const num = (v: unknown) => (isWhole(v) ? v : 0);
  const time = (v: unknown) => (typeof v === 'string' ? localTime(v) : undefined);
  const record: FlowRecord = {
    src,
    dst,
    proto,
    packets: num(o.in_packets) + num(o.out_packets),
    bytes: num(o.in_bytes) + num(o.out_bytes),
  };
  const first = time(o.first);
  const last = time(o.last);
  if (first !== undefined) record.first = first;
  if (last !== undefined) record.last = last;
  if (hasPorts(proto)) {
    if (isWhole(o.src_port)) record.srcPort = o.src_port;
    if (isWhole(o.dst_port)) record.dstPort = o.dst_port;
  } else if (isIcmp(proto) && isWhole(o.icmp_type) && !(proto === ICMPV6 && o.icmp_type === 0)) {
    // ICMPv6 type 0 does not exist: nfdump writes 0 when the exporter did not send the type.
    record.dstPort = o.icmp_type;
    if (isWhole(o.icmp_code)) record.icmpCode = o.icmp_code;
  }
  return record;
}

function isWhole(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export const nfdumpJson: FormatReader = {
  format: 'nfdump-json',
  description: 'NetFlow/IPFIX as `nfdump -o json` prints it',
  detect: (lines) => lines.some((l) => /^\s*\{?\s*"(src4_addr|src6_addr|export_sysid)"\s*:/.test(l) || (l.startsWith('{') && /"src[46]_addr"\s*:/.test(l))),
  parser,
};
